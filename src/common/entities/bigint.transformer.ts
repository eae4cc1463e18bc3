import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL bigint arrives as a string; money in minor units fits a JS number exactly up to
 * 2^53, which is checked rather than assumed.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new Error(`Integer out of safe range: ${value}`);
    return parsed;
  },
};
