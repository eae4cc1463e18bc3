import { BusinessRuleError } from 'src/common/errors/domain.errors';

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
    throw new BusinessRuleError(`Validation failed: ${field} is in the future.`, [
      { field, message: `${field} must not be in the future` },
    ]);
  }
  if (notBefore && at < notBefore) {
    throw new BusinessRuleError(
      `Validation failed: ${field} is before the lot's previous movement (${notBefore.toISOString()}).`,
      [{ field, message: `${field} must not be before ${notBefore.toISOString()}` }],
    );
  }
  return at;
}
