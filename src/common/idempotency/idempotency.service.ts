import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { BusinessRuleError, ConflictError, type FieldError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { IdempotencyKey } from './idempotency-key.entity';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

// 1 to 200 visible ASCII characters (no spaces or control characters).
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The header's value when it is a usable key; a 422 when it is present but malformed. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string' && KEY_PATTERN.test(value)) return value;
  const error: FieldError = {
    field: IDEMPOTENCY_KEY_HEADER,
    message: 'must be 1 to 200 visible ASCII characters',
  };
  throw new BusinessRuleError(
    'The Idempotency-Key header must be 1 to 200 visible ASCII characters.',
    [error],
  );
}

/** JSON with object keys sorted at every level, so equal bodies hash alike whatever their order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What identifies "the same request" for a key: SHA-256 of method, path, query and body. */
export function requestHash(request: {
  method: string;
  path: string;
  query?: unknown;
  body?: unknown;
}): string {
  const canonical = canonicalJson([
    request.method.toUpperCase(),
    request.path,
    request.query ?? {},
    request.body ?? null,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** What a request with a key answers: its own outcome, or the stored one of its first run. */
export interface IdempotentOutcome {
  status: number;
  body: unknown;
  replayed: boolean;
}

/** The handler's answer, as the interceptor saw it. */
export interface HandlerOutcome {
  status: number;
  body: unknown;
}

interface StoredKey {
  request_hash: string;
  response_status: number;
  response_body: unknown;
}

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** Another request held the key and has since committed its answer: read it. */
class KeyTakenMeanwhile extends Error {}

/** SQLSTATE lock_not_available: the wait for a lock passed DATABASE_LOCK_TIMEOUT_MS. */
const LOCK_NOT_AVAILABLE = '55P03';

function isLockTimeout(error: unknown): boolean {
  const driver: unknown = error instanceof QueryFailedError ? error.driverError : undefined;
  return (driver as { code?: unknown } | undefined)?.code === LOCK_NOT_AVAILABLE;
}

/**
 * Keys of mutating requests, per user. A request claims its key inside the transaction that
 * runs its handler and stores its answer, so the effect and the stored answer commit together
 * or not at all: a process killed before its commit leaves the key free (the database ends the
 * transaction when the connection drops), and a retry after the commit replays the answer. A
 * second request with the same key waits on the first one's claim (at most the lock timeout)
 * and then replays its answer, or runs itself when the first one failed.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly db: Db) {}

  /**
   * Runs the handler once for this key and request: replays the stored answer of an earlier
   * run, 422 when the key was used for another request, 409 when another request holds the key
   * for longer than the lock timeout.
   */
  async runOnce(
    userId: string,
    key: string,
    hash: string,
    handler: () => Promise<HandlerOutcome>,
  ): Promise<IdempotentOutcome> {
    // A claim is only ever seen committed with its answer, so one look after losing a race finds
    // it; more rounds only happen when the key expired or was purged in between.
    for (let round = 0; ; round += 1) {
      const stored = await this.findAnswered(userId, key);
      if (stored) {
        if (stored.request_hash !== hash) {
          throw new BusinessRuleError('This Idempotency-Key was used with a different request.');
        }
        return { status: stored.response_status, body: stored.response_body, replayed: true };
      }
      try {
        return await this.db.transaction(async (manager) => {
          const id = await this.claim(manager, userId, key, hash);
          if (id === null) throw new KeyTakenMeanwhile();
          const outcome = await handler();
          if (isSuccess(outcome.status)) await this.store(manager, id, outcome);
          else await this.release(manager, id);
          return { ...outcome, replayed: false };
        });
      } catch (error: unknown) {
        if (error instanceof KeyTakenMeanwhile && round < 3) continue;
        if (error instanceof KeyTakenMeanwhile || isLockTimeout(error)) {
          throw new ConflictError(
            'A request with this Idempotency-Key is still being processed. Retry shortly.',
          );
        }
        throw error;
      }
    }
  }

  /** Deletes keys past their expiry; returns how many went. */
  async purgeExpired(): Promise<number> {
    const result = await this.db.manager
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('expires_at <= now()')
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Inserts the claim in the open transaction; waits while another transaction holds an
   * uncommitted claim of the key. Null when a live answered key holds it. A committed claim
   * without an answer (left by an older release) or an expired key is taken over.
   */
  private async claim(
    manager: EntityManager,
    userId: string,
    key: string,
    hash: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (user_id, key) DO UPDATE SET
         id = gen_random_uuid(),
         request_hash = EXCLUDED.request_hash,
         response_status = NULL,
         response_body = NULL,
         created_at = now(),
         updated_at = now(),
         expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now() OR idempotency_keys.response_status IS NULL
       RETURNING id`,
      [userId, key, hash, IDEMPOTENCY_TTL_SECONDS],
    );
    return rows[0]?.id ?? null;
  }

  private async store(manager: EntityManager, id: string, outcome: HandlerOutcome): Promise<void> {
    // Sent as JSON text: the driver would turn a JS array into a PostgreSQL array.
    await manager.query(
      `UPDATE idempotency_keys
       SET response_status = $2, response_body = $3::jsonb, updated_at = now()
       WHERE id = $1`,
      [id, outcome.status, outcome.body === undefined ? null : JSON.stringify(outcome.body)],
    );
  }

  /** A handler that answered without success keeps its effects but not the key. */
  private async release(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM idempotency_keys WHERE id = $1', [id]);
  }

  private async findAnswered(userId: string, key: string): Promise<StoredKey | null> {
    const rows: StoredKey[] = await this.db.manager.query(
      `SELECT request_hash, response_status, response_body
       FROM idempotency_keys
       WHERE user_id = $1 AND key = $2 AND response_status IS NOT NULL AND expires_at > now()`,
      [userId, key],
    );
    return rows[0] ?? null;
  }
}
