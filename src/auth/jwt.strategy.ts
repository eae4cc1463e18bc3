import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { AppConfig } from 'src/config/configuration';
import type { AuthenticatedUser } from 'src/rbac/authenticated-user';
import { JWT_AUDIENCE, JWT_ISSUER, type AccessTokenClaims } from './jwt-claims';

/** Verifies bearer tokens: HS256 only (so never `alg: none`), our key, issuer and audience. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: ConfigService<AppConfig, true>) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, made once: given the string, jsonwebtoken first tries to parse it as a PEM
      // public key on every verification, and that failed attempt costs more than the HMAC check
      // itself. passport-jwt's types list only string | Buffer but it hands the key over as is.
      secretOrKey: createSecretKey(
        Buffer.from(config.get('auth', { infer: true }).secretKey, 'utf8'),
      ) as unknown as Buffer,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  validate(claims: Partial<AccessTokenClaims>): AuthenticatedUser | false {
    if (
      typeof claims.sub !== 'string' ||
      typeof claims.jti !== 'string' ||
      typeof claims.sid !== 'string'
    ) {
      return false;
    }
    return { userId: claims.sub, tokenId: claims.jti, sessionId: claims.sid };
  }
}
