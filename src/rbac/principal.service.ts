import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { Client, ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from 'src/config/configuration';
import type { UserStatus } from './user-status.enum';
import { resolveScope } from './data-scope';
import type { Principal } from './principal';
import { PrincipalChangeListener } from './principal-change-listener';
import { PRINCIPAL_SQL } from './principal.sql';

interface PrincipalRow {
  id: string;
  email: string;
  status: UserStatus;
  role_ids: string[];
  role_names: string[];
  permissions: string[];
  warehouse_id: string | null;
  client_id: string | null;
  session_open: boolean;
  session_expires_at: Date | null;
}

/** A user as loaded, and what is known of the sessions asked about: open until, or closed (0). */
interface CachedUser {
  principal: Omit<Principal, 'sessionId'>;
  sessions: Map<string, number>;
}

const MAX_USERS = 10_000;
/** A user asking with more sessions than this starts over (tokens of many devices). */
const MAX_SESSIONS_PER_USER = 64;

/**
 * Loads a user with roles, permissions, scope and session in one query, and keeps what it loaded
 * for up to PRINCIPAL_CACHE_SECONDS: most requests then cost no statement for their caller.
 *
 * Never stale, on any instance: triggers on every table a caller is made of notify
 * `principal_changed` at commit (also for changes made in plain SQL), each instance drops the
 * user (or everything) when it hears it, and before it answers from what it holds it makes one
 * round trip on its listening connection, which PostgreSQL answers only after handing over every
 * notification committed before — so a change committed before a request arrived is always seen.
 * Until that connection is up, and whenever it is lost, nothing is kept: every caller is read
 * from the database. A load that raced a change is not kept (the epoch moved while it ran). A
 * session's expiry is checked against the clock on every use.
 */
@Injectable()
export class PrincipalService implements OnModuleDestroy {
  private readonly cache: LRUCache<string, CachedUser> | null;
  private listener: PrincipalChangeListener | null = null;
  private live = false;
  private epoch = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: ConfigService<AppConfig, true>,
  ) {
    const seconds = config.get('auth', { infer: true }).principalCacheSeconds;
    this.cache = seconds > 0 ? new LRUCache({ max: MAX_USERS, ttl: seconds * 1000 }) : null;
  }

  /** With a session id, also tells whether that session of this user is still open. */
  async load(userId: string, sessionId: string | null = null): Promise<Principal | null> {
    const hit = sessionId ? await this.cached(userId, sessionId) : null;
    if (hit) return hit;
    this.listen();
    const epoch = this.epoch;
    const rows = await this.dataSource.query<PrincipalRow[]>(PRINCIPAL_SQL, [userId, sessionId]);
    const row = rows.at(0);
    if (!row) return null;
    const principal = toPrincipal(row);
    if (sessionId && this.live && this.epoch === epoch) this.keep(principal, sessionId, row);
    return { ...principal, sessionId: row.session_open ? sessionId : null };
  }

  /**
   * What this instance holds, once it has heard of every change committed before the request
   * came (one round trip on the listening connection, shared by the requests arriving meanwhile).
   */
  private async cached(userId: string, sessionId: string): Promise<Principal | null> {
    // Nothing held for this session (a sign-in's new one, say): no need to wait for the news.
    if (!this.live || !this.listener || !this.cache?.get(userId)?.sessions.has(sessionId)) {
      return null;
    }
    try {
      await this.listener.sync();
    } catch {
      return null;
    }
    // A lost connection clears the cache, so an entry still here was kept up to date.
    const user = this.cache.get(userId);
    const openUntil = user?.sessions.get(sessionId);
    if (!user || openUntil === undefined) return null;
    return { ...user.principal, sessionId: openUntil > Date.now() ? sessionId : null };
  }

  /**
   * Drops what this instance holds of a user now, for a change this instance is making: its
   * next request reads the database even before the notification of the commit arrives.
   */
  forget(userId: string): void {
    this.epoch += 1;
    this.cache?.delete(userId);
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
  }

  private keep(
    principal: Omit<Principal, 'sessionId'>,
    sessionId: string,
    row: PrincipalRow,
  ): void {
    if (!this.cache) return;
    let user = this.cache.get(row.id);
    if (!user || user.sessions.size >= MAX_SESSIONS_PER_USER) {
      user = { principal, sessions: new Map() };
      this.cache.set(row.id, user);
    }
    user.sessions.set(
      sessionId,
      row.session_open && row.session_expires_at ? row.session_expires_at.getTime() : 0,
    );
  }

  /** Starts hearing of changes on first use, so commands that never load a caller never connect. */
  private listen(): void {
    if (!this.cache || this.listener) return;
    const pool = (
      this.dataSource.driver as unknown as {
        master?: { options?: ClientConfig; Client?: new (config: ClientConfig) => Client };
      }
    ).master;
    if (!pool?.options || !pool.Client) return;
    this.listener = new PrincipalChangeListener(pool.options, pool.Client, {
      changed: (subject) => {
        this.epoch += 1;
        if (subject === '*') this.cache?.clear();
        else this.cache?.delete(subject);
      },
      listening: (live) => {
        this.epoch += 1;
        this.cache?.clear();
        this.live = live;
      },
    });
    this.listener.start();
  }
}

function toPrincipal(row: PrincipalRow): Omit<Principal, 'sessionId'> {
  return {
    userId: row.id,
    email: row.email,
    status: row.status,
    roleIds: row.role_ids,
    roleNames: row.role_names,
    permissions: new Set(row.permissions),
    warehouseId: row.warehouse_id,
    clientId: row.client_id,
    scope: resolveScope({
      userId: row.id,
      roleNames: row.role_names,
      warehouseId: row.warehouse_id,
      clientId: row.client_id,
    }),
  };
}
