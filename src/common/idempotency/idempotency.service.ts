import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BusinessRuleError, ConflictError, type FieldError } from 'src/common/errors/domain.errors';
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

/** The outcome of presenting a key: run the handler under the claim, or replay a stored answer. */
export type IdempotencyClaim =
  { kind: 'claimed'; id: string } | { kind: 'replay'; status: number; body: unknown };

interface StoredKey {
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
  expired: boolean;
}

export interface IdempotencyWaitOptions {
  /** How long a request waits for another one holding its key. */
  timeoutMs: number;
  firstPollMs: number;
  maxPollMs: number;
}

const DEFAULT_WAIT: IdempotencyWaitOptions = { timeoutMs: 10_000, firstPollMs: 25, maxPollMs: 250 };

/**
 * Keys of mutating requests, per user. A key is claimed by one atomic upsert (a new row, or one
 * past its expiry), so concurrent requests see exactly one owner; no transaction stays open while
 * the handler runs.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request, or answers the stored response of the same request. Waits
   * (bounded) while another request holds the key; 422 when the key was used for another request.
   */
  async begin(
    userId: string,
    key: string,
    hash: string,
    wait: IdempotencyWaitOptions = DEFAULT_WAIT,
  ): Promise<IdempotencyClaim> {
    const deadline = Date.now() + wait.timeoutMs;
    let pollMs = wait.firstPollMs;
    for (;;) {
      const claimedId = await this.tryClaim(userId, key, hash);
      if (claimedId) return { kind: 'claimed', id: claimedId };

      const stored = await this.find(userId, key);
      // Released or expired since the claim attempt: try to claim it again at once.
      if (!stored || stored.expired) continue;
      if (stored.request_hash !== hash) {
        throw new BusinessRuleError('This Idempotency-Key was used with a different request.');
      }
      if (stored.response_status !== null) {
        return { kind: 'replay', status: stored.response_status, body: stored.response_body };
      }
      if (Date.now() + pollMs > deadline) {
        throw new ConflictError(
          'A request with this Idempotency-Key is still being processed. Retry shortly.',
        );
      }
      await sleep(pollMs);
      pollMs = Math.min(pollMs * 2, wait.maxPollMs);
    }
  }

  /** Stores a successful response for replay; the claim's id guards against a replaced row. */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    // Sent as JSON text: the driver would turn a JS array into a PostgreSQL array.
    await this.dataSource.query(
      `UPDATE idempotency_keys
       SET response_status = $2, response_body = $3::jsonb, updated_at = now()
       WHERE id = $1 AND response_status IS NULL`,
      [id, status, body === undefined ? null : JSON.stringify(body)],
    );
  }

  /** Frees the key after a failed request, so the same request can be retried. */
  async release(id: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('id = :id AND response_status IS NULL', { id })
      .execute();
  }

  /** Deletes keys past their expiry; returns how many went. */
  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('expires_at <= now()')
      .execute();
    return result.affected ?? 0;
  }

  /** A new row, or a fresh claim over an expired one; null when a live row holds the key. */
  private async tryClaim(userId: string, key: string, hash: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
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
       WHERE idempotency_keys.expires_at <= now()
       RETURNING id`,
      [userId, key, hash, IDEMPOTENCY_TTL_SECONDS],
    );
    return rows[0]?.id ?? null;
  }

  private async find(userId: string, key: string): Promise<StoredKey | null> {
    const rows: StoredKey[] = await this.dataSource.query(
      `SELECT request_hash, response_status, response_body, expires_at <= now() AS expired
       FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    return rows[0] ?? null;
  }
}
