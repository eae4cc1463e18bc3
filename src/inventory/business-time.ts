import { invalid } from 'src/common/validation/validation-failed.error';

/** Clocks of gate terminals drift a little: a minute ahead of ours is still "now". */
export const CLOCK_SKEW_MS = 60_000;

/**
 * A movement's business time: default now, never in the future, never before the lot's
 * previous movement (gate clerks often record after the truck left, never before it came).
 */
export function businessTime(
  field: string,
  given: Date | undefined,
  notBefore: Date | null,
  now = new Date(),
): Date {
  const at = given ?? now;
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid(field, `${field} must not be in the future`, `${field} is in the future`);
  }
  if (notBefore && at < notBefore) {
    throw invalid(
      field,
      `${field} must not be before ${notBefore.toISOString()}`,
      `${field} is before the lot's previous movement (${notBefore.toISOString()})`,
    );
  }
  return at;
}
