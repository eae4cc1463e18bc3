import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { NotFoundError, UnauthorizedError } from 'src/common/errors/domain.errors';
import type { AppConfig } from 'src/config/configuration';
import { PrincipalService } from 'src/rbac/principal.service';
import type { RequestMeta } from 'src/common/context/request-context.service';
import type { UserSessions } from 'src/users/user-sessions';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { RefreshToken } from './refresh-token.entity';
import { Session } from './session.entity';

export type SessionEndReason =
  | 'logout'
  | 'ended'
  | 'force_logout'
  | 'disabled'
  | 'password_reset'
  | 'password_change'
  | 'refresh_reuse';

export interface StartedSession {
  sessionId: string;
  refreshToken: string;
}

const INVALID_REFRESH = 'The refresh token is invalid or has expired. Sign in again.';

@Injectable()
export class SessionsService implements UserSessions {
  private readonly lifetimeMs: number;
  private readonly graceMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly principals: PrincipalService,
    config: ConfigService<AppConfig, true>,
  ) {
    const auth = config.get('auth', { infer: true });
    this.lifetimeMs = auth.refreshTokenExpireDays * 24 * 60 * 60 * 1000;
    this.graceMs = auth.refreshReuseGraceSeconds * 1000;
  }

  /**
   * A successful sign-in, in one query (one round trip, atomic without a transaction): clears
   * the failed attempts (and stores an upgraded hash when given one), opens the session with its
   * first refresh token, and records the `auth.login.succeeded` event.
   */
  async openOnSignIn(
    userId: string,
    meta: RequestMeta,
    upgradedHash: string | null,
  ): Promise<StartedSession & { expiresAt: Date }> {
    const { token, hash } = newOpaqueToken();
    const [row] = await this.dataSource.query<{ id: string; expires_at: Date }[]>(
      `WITH cleared AS (
         UPDATE users SET failed_login_count = 0, failed_login_window_start = NULL,
                          locked_until = NULL, password_hash = coalesce($6::text, password_hash)
          WHERE id = $1 AND (failed_login_count <> 0 OR locked_until IS NOT NULL OR $6::text IS NOT NULL)),
       session AS (
         INSERT INTO sessions (user_id, expires_at, user_agent, ip) VALUES ($1, $2, $3, $4)
         RETURNING id, expires_at),
       refresh AS (
         INSERT INTO refresh_tokens (session_id, token_hash) SELECT id, $5 FROM session),
       audit AS (
         INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, request_id, ip)
         SELECT $1, 'auth.login.succeeded', 'session', id, $7, $4 FROM session)
       SELECT id, expires_at FROM session`,
      [
        userId,
        new Date(Date.now() + this.lifetimeMs),
        meta.userAgent,
        meta.ip,
        hash,
        upgradedHash,
        meta.requestId,
      ],
    );
    return { sessionId: row.id, refreshToken: token, expiresAt: row.expires_at };
  }

  /**
   * Rotates a refresh token: the presented one is spent and a new one issued in the same
   * session. A spent token shown again is a stolen one (the thief or the owner used it first):
   * the whole session is revoked. Within a short grace it is taken for a concurrent refresh
   * of the same client and only refused.
   */
  async rotate(
    refreshToken: string,
    meta: RequestMeta,
  ): Promise<{ userId: string } & StartedSession> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const row = await manager
        .createQueryBuilder(RefreshToken, 'rt')
        .innerJoinAndSelect('rt.session', 's')
        .where('rt.tokenHash = :hash', { hash: hashOpaqueToken(refreshToken) })
        .setLock('pessimistic_write', undefined, ['rt', 's'])
        .getOne();
      const session = row?.session;
      if (!row || !session || session.revokedAt || session.expiresAt <= new Date())
        return { kind: 'invalid' as const };
      if (row.spentAt) {
        if (Date.now() - row.spentAt.getTime() < this.graceMs) return { kind: 'invalid' as const };
        await this.end(manager, session, 'refresh_reuse');
        await this.audit.record(manager, {
          action: 'auth.refresh.reused',
          entityType: 'session',
          entityId: session.id,
          actorUserId: session.userId,
        });
        return { kind: 'reused' as const };
      }
      await manager.update(RefreshToken, { id: row.id }, { spentAt: new Date() });
      const { token, hash } = newOpaqueToken();
      await manager.insert(RefreshToken, { sessionId: session.id, tokenHash: hash });
      await manager.update(
        Session,
        { id: session.id },
        { lastUsedAt: new Date(), ip: meta.ip, userAgent: meta.userAgent },
      );
      return {
        kind: 'rotated' as const,
        userId: session.userId,
        sessionId: session.id,
        refreshToken: token,
      };
    });
    if (outcome.kind !== 'rotated') throw new UnauthorizedError(INVALID_REFRESH);
    return outcome;
  }

  /**
   * Ending sessions also drops what this instance holds of the user, so its very next request is
   * refused here; other instances hear of it from the database at commit.
   */
  async end(
    manager: EntityManager,
    session: Pick<Session, 'id' | 'userId'>,
    reason: SessionEndReason,
  ): Promise<void> {
    this.principals.forget(session.userId);
    await manager.update(
      Session,
      { id: session.id, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /** Ends every open session of a user, except possibly the caller's own. Returns how many. */
  async endAllForUser(
    manager: EntityManager,
    userId: string,
    reason: SessionEndReason,
    exceptSessionId?: string,
  ): Promise<number> {
    this.principals.forget(userId);
    const query = manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where('user_id = :userId AND revoked_at IS NULL', { userId });
    if (exceptSessionId) query.andWhere('id <> :exceptSessionId', { exceptSessionId });
    const result = await query.execute();
    return result.affected ?? 0;
  }

  /** The caller's open sessions, newest first. */
  async listOpen(userId: string): Promise<Session[]> {
    return this.dataSource
      .getRepository(Session)
      .createQueryBuilder('s')
      .where('s.userId = :userId AND s.revokedAt IS NULL AND s.expiresAt > now()', { userId })
      .orderBy('s.lastUsedAt', 'DESC')
      .getMany();
  }

  /** Ends one of the caller's own sessions; anyone else's is "not found". */
  async endOwn(userId: string, sessionId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const session = await manager.findOneBy(Session, {
        id: sessionId,
        userId,
        revokedAt: IsNull(),
      });
      if (!session) throw new NotFoundError('Session');
      await this.end(manager, session, 'ended');
      await this.audit.record(manager, {
        action: 'auth.session.ended',
        entityType: 'session',
        entityId: session.id,
      });
    });
  }
}
