import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from 'src/config/configuration';
import type { Principal } from 'src/rbac/principal';
import { JWT_AUDIENCE, JWT_ISSUER } from './jwt-claims';

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

@Injectable()
export class TokenService {
  private readonly lifetimeSeconds: number;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.lifetimeSeconds = config.get('auth', { infer: true }).accessTokenExpireMinutes * 60;
  }

  async issue(principal: Principal, sessionId: string): Promise<IssuedToken> {
    const claims = {
      sid: sessionId,
      user_id: principal.userId,
      role_ids: principal.roleIds,
      role_names: principal.roleNames,
      ...(principal.warehouseId ? { warehouse_id: principal.warehouseId } : {}),
      ...(principal.clientId ? { client_id: principal.clientId } : {}),
    };
    const accessToken = await this.jwt.signAsync(claims, {
      subject: principal.userId,
      jwtid: randomUUID(),
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      expiresIn: this.lifetimeSeconds,
      algorithm: 'HS256',
    });
    return { accessToken, expiresIn: this.lifetimeSeconds };
  }
}
