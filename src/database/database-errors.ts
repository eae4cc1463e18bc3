import { QueryFailedError } from 'typeorm';

/** SQLSTATEs and socket errors meaning "the database cannot serve us right now". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
  '08000', // connection_exception
  '08001',
  '08003',
  '08004',
  '08006',
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '55P03', // lock_not_available: lock_timeout
  '57P01', // admin_shutdown
  '57P02',
  '57P03', // cannot_connect_now
]);

const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /connect ECONNREFUSED/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
];

/** True when an error means the database is down, overloaded or timed out (maps to 503). */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: socket errors may come from another realm, where `instanceof Error` fails.
  if (typeof error !== 'object' || error === null) return false;
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as {
    code?: unknown;
    message?: unknown;
  };
  if (typeof driver.code === 'string' && UNAVAILABLE_CODES.has(driver.code)) return true;
  const message = typeof driver.message === 'string' ? driver.message : '';
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/**
 * SQLSTATE of a rule a trigger keeps refusing a change (a 409): its message is a sentence
 * written for the caller, about a row already in the caller's scope.
 */
const RULE_CONFLICT = 'CS409';

/** The sentence a trigger refused a change with (SQLSTATE CS409); null for any other error. */
export function ruleConflictMessage(error: unknown): string | null {
  if (!(error instanceof QueryFailedError)) return null;
  const driver = error.driverError as { code?: unknown; message?: unknown } | undefined;
  return driver?.code === RULE_CONFLICT && typeof driver.message === 'string'
    ? driver.message
    : null;
}

/** A unique constraint refused the row (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === '23505'
  );
}

/** Runs `work`; a unique violation it raises becomes `conflict()` (the caller's 409 in its words). */
export async function onUniqueViolation<T>(
  work: () => Promise<T>,
  conflict: () => Error,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
