const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 300;

/**
 * Delay before the next try after `attempts` failed ones: 1 s, 2 s, 4 s… capped at 10 minutes,
 * with ±20 % jitter so instances that failed together do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
  return Math.round(Math.min(base * (0.8 + 0.4 * random()), MAX_RETRY_MS));
}

/** One short line for `last_error` and the log: the SMTP error, never the password. */
export function describeSendError(error: unknown, secret?: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  let text = typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
  text = text.replace(/\s+/g, ' ').trim() || 'Unknown error';
  if (secret) text = text.split(secret).join('***');
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
