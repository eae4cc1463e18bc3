import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface LockoutPolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** The key that names unknown sign-in names in the audit trail: derived, never SECRET_KEY itself. */
export function loginNameKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('coldstore/failed-login-name').digest();
}

/**
 * An unknown name tried at sign-in, as stored: an HMAC-SHA256, so the audit trail never holds
 * what someone typed (often a password in the wrong field), yet repeated tries of one name
 * still count together.
 */
export function loginNameDigest(key: Buffer, name: string): string {
  return createHmac('sha256', key).update(name).digest('hex');
}

/**
 * Counts a failed sign-in in the database (so every API instance agrees) and locks the account
 * when the count within the window reaches the limit. Returns true when this failure locked it.
 */
export async function recordLoginFailure(
  manager: EntityManager,
  userId: string,
  policy: LockoutPolicy,
): Promise<boolean> {
  // TypeORM answers an UPDATE ... RETURNING as [rows, affected].
  const [rows] = await manager.query<[{ failed_login_count: number }[], number]>(
    `UPDATE users SET
        failed_login_count = CASE WHEN failed_login_window_start IS NULL
                                    OR failed_login_window_start <= now() - make_interval(mins => $2)
                                  THEN 1 ELSE failed_login_count + 1 END,
        failed_login_window_start = CASE WHEN failed_login_window_start IS NULL
                                    OR failed_login_window_start <= now() - make_interval(mins => $2)
                                  THEN now() ELSE failed_login_window_start END
      WHERE id = $1
      RETURNING failed_login_count`,
    [userId, policy.windowMinutes],
  );
  const count = rows.at(0)?.failed_login_count ?? 0;
  if (count < policy.maxFailures) return false;
  await manager.query(
    `UPDATE users SET locked_until = now() + make_interval(mins => $2),
                      failed_login_count = 0, failed_login_window_start = NULL
      WHERE id = $1`,
    [userId, policy.lockMinutes],
  );
  return true;
}
