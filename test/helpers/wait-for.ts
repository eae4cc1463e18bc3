import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** What is awaited, as the timeout error names it: "the dispatch to wait for the lot's lock". */
  description: string;
  /** 10 s unless told. */
  timeoutMs?: number;
  /** Pause between two looks; 50 ms unless told. */
  intervalMs?: number;
}

/** A condition that did not come true in time. */
export class WaitTimeoutError extends Error {
  constructor(options: WaitOptions & { timeoutMs: number }, lastSeen?: string) {
    super(
      `Timed out after ${options.timeoutMs} ms waiting for ${options.description}` +
        (lastSeen === undefined ? '' : `; last seen: ${lastSeen}`),
    );
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Reads `read` until `accept` holds for what it returns, and returns that value; on timeout the
 * error names what was awaited and the last value read. An error thrown by `read` ends the wait.
 */
export async function waitForValue<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  options: WaitOptions,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() >= deadline) {
      throw new WaitTimeoutError(
        { ...options, timeoutMs },
        typeof value === 'boolean' ? undefined : JSON.stringify(value),
      );
    }
    await sleep(options.intervalMs ?? 50);
  }
}

/** Polls `condition` until it holds; throws a WaitTimeoutError naming what was awaited if not in time. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: WaitOptions,
): Promise<void> {
  await waitForValue(condition, (held) => held, options);
}
