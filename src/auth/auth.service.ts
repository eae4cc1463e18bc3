import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { TooManyRequestsError, UnauthorizedError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { AppConfig } from 'src/config/configuration';
import type { Principal } from 'src/rbac/principal';
import { PrincipalService } from 'src/rbac/principal.service';
import { RequestContext } from 'src/common/context/request-context.service';
import { User } from 'src/users/user.entity';
import { UserStatus } from 'src/rbac/user-status.enum';
import type { TokenResponseDto } from './dto/token-response.dto';
import {
  loginNameDigest,
  loginNameKey,
  recordLoginFailure,
  type LockoutPolicy,
} from './login-throttle';
import { PasswordHasher } from 'src/users/password-hasher.service';
import { assertPasswordAcceptable } from 'src/users/password-policy';
import { spendOpenResetLinks } from './password-reset.service';
import { Session } from './session.entity';
import { SessionsService } from './sessions.service';
import { TokenService } from './token.service';

const BAD_CREDENTIALS = 'Incorrect email or password.';
const LOCKED_FOR_CHANGE =
  'Too many wrong passwords: this account is locked for a while. Try again later.';

@Injectable()
export class AuthService {
  private readonly lockout: LockoutPolicy;
  private readonly nameKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly principals: PrincipalService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly context: RequestContext,
    config: ConfigService<AppConfig, true>,
  ) {
    const auth = config.get('auth', { infer: true });
    this.lockout = {
      maxFailures: auth.loginMaxFailures,
      windowMinutes: auth.loginFailureWindowMinutes,
      lockMinutes: auth.loginLockMinutes,
    };
    this.nameKey = loginNameKey(auth.secretKey);
  }

  /**
   * The same 401, after the same bcrypt work, whether the email is unknown, the password wrong,
   * the account locked or not active: nothing tells an attacker which.
   */
  async login(email: string, password: string): Promise<TokenResponseDto> {
    const normalized = email.trim().toLowerCase();
    const user = await this.dataSource.getRepository(User).findOne({
      where: { email: normalized },
      select: { id: true, passwordHash: true, status: true, lockedUntil: true },
    });
    const valid = user?.passwordHash
      ? await this.hasher.verify(password, user.passwordHash)
      : await this.hasher.verifyAgainstDummy(password);

    if (!user) {
      await this.audit.record(this.dataSource.manager, {
        action: 'auth.login.failed',
        actorUserId: null,
        after: { email_hmac: loginNameDigest(this.nameKey, normalized), reason: 'unknown_email' },
      });
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await this.audit.record(this.dataSource.manager, {
        action: 'auth.login.locked',
        entityType: 'user',
        entityId: user.id,
        actorUserId: user.id,
      });
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    if (!valid || user.status !== UserStatus.Active) {
      await this.dataSource.transaction(async (manager) => {
        await this.audit.record(manager, {
          action: 'auth.login.failed',
          entityType: 'user',
          entityId: user.id,
          actorUserId: user.id,
          after: { reason: valid ? `status_${user.status.toLowerCase()}` : 'wrong_password' },
        });
        if (!valid) await this.countWrongPassword(manager, user.id);
      });
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }

    const rehash =
      user.passwordHash && this.hasher.needsRehash(user.passwordHash)
        ? await this.hasher.hash(password)
        : null;
    const started = await this.sessions.openOnSignIn(user.id, this.context.meta(), rehash);
    return this.tokenResponse(user.id, started.sessionId, started.refreshToken, started.expiresAt);
  }

  async refresh(refreshToken: string): Promise<TokenResponseDto> {
    const rotated = await this.sessions.rotate(refreshToken, this.context.meta());
    return this.tokenResponse(rotated.userId, rotated.sessionId, rotated.refreshToken);
  }

  /** The session's expiry, when the caller already knows it, saves reading the session again. */
  private async tokenResponse(
    userId: string,
    sessionId: string,
    refreshToken: string,
    sessionExpiresAt?: Date,
  ): Promise<TokenResponseDto> {
    const principal = await this.principals.load(userId, sessionId);
    if (principal?.status !== UserStatus.Active || !principal.sessionId) {
      throw new UnauthorizedError(BAD_CREDENTIALS);
    }
    const token = await this.tokens.issue(principal, sessionId);
    const expiresAt =
      sessionExpiresAt ??
      (await this.dataSource.getRepository(Session).findOneByOrFail({ id: sessionId })).expiresAt;
    return {
      access_token: token.accessToken,
      token_type: 'bearer',
      user_id: principal.userId,
      roles: principal.roleNames,
      expires_in: token.expiresIn,
      refresh_token: refreshToken,
      refresh_expires_in: Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000)),
    };
  }

  async logout(caller: Principal): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (!caller.sessionId) return;
      await this.sessions.end(manager, { id: caller.sessionId, userId: caller.userId }, 'logout');
      await this.audit.record(manager, {
        action: 'auth.logout',
        entityType: 'session',
        entityId: caller.sessionId,
      });
    });
  }

  /**
   * One wrong password toward the lockout (sign-in and change-password share the counter);
   * records the lockout when this one set it.
   */
  private async countWrongPassword(manager: EntityManager, userId: string): Promise<void> {
    if (!(await recordLoginFailure(manager, userId, this.lockout))) return;
    await this.audit.record(manager, {
      action: 'auth.login.lockout',
      entityType: 'user',
      entityId: userId,
      actorUserId: userId,
      after: { locked_minutes: this.lockout.lockMinutes },
    });
  }

  /**
   * Checks the current password, applies the policy, ends every other session and spends any
   * open reset link. A wrong current password counts toward the sign-in lockout, so a stolen
   * token cannot guess the password here either; while locked, nothing is checked.
   */
  async changePassword(
    caller: Principal,
    currentPassword: string,
    newPassword: string,
  ): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({
      where: { id: caller.userId },
      select: { id: true, email: true, passwordHash: true, lockedUntil: true },
    });
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new TooManyRequestsError(
        LOCKED_FOR_CHANGE,
        (user.lockedUntil.getTime() - Date.now()) / 1000,
      );
    }
    if (!user.passwordHash || !(await this.hasher.verify(currentPassword, user.passwordHash))) {
      await this.dataSource.transaction(async (manager) => {
        await this.audit.record(manager, {
          action: 'auth.password.change_failed',
          entityType: 'user',
          entityId: user.id,
          after: { reason: 'wrong_password' },
        });
        await this.countWrongPassword(manager, user.id);
      });
      throw invalid('current_password', 'current_password is not correct');
    }
    assertPasswordAcceptable(newPassword, user.email, 'new_password');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, failedLoginCount: 0, failedLoginWindowStart: null },
      );
      await spendOpenResetLinks(manager, user.id);
      const ended = await this.sessions.endAllForUser(
        manager,
        user.id,
        'password_change',
        caller.sessionId ?? undefined,
      );
      await this.audit.record(manager, {
        action: 'auth.password.changed',
        entityType: 'user',
        entityId: user.id,
        after: { other_sessions_ended: ended },
      });
    });
  }
}
