import { dictionary } from '@zxcvbn-ts/language-common';
import { BusinessRuleError, type FieldError } from 'src/common/errors/domain.errors';

export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt ignores everything past 72 bytes: longer passwords are refused, never cut. */
export const PASSWORD_MAX_BYTES = 72;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    dictionary.passwords.filter((p) => p.length >= PASSWORD_MIN_LENGTH).map((p) => p.toLowerCase()),
  );
  return common;
}

/**
 * The one password policy (create-admin, accepting an invitation, and later resets and changes).
 * Returns the problems found, empty when the password is acceptable.
 */
export function checkPassword(password: string, email: string, field = 'password'): FieldError[] {
  const errors: FieldError[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    errors.push({ field, message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` });
  }
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) {
    errors.push({ field, message: `must be at most ${PASSWORD_MAX_BYTES} bytes long` });
  }
  const lowered = password.trim().toLowerCase();
  const normalizedEmail = email.trim().toLowerCase();
  if (lowered === normalizedEmail || lowered === normalizedEmail.split('@')[0]) {
    errors.push({ field, message: 'must not be your email address' });
  }
  if (commonPasswords().has(lowered)) {
    errors.push({ field, message: 'is too common; choose a less guessable password' });
  }
  return errors;
}

/** The policy as a guard: a 422 naming the field and every problem, or nothing. */
export function assertPasswordAcceptable(
  password: string,
  email: string,
  field = 'password',
): void {
  const problems = checkPassword(password, email, field);
  if (problems.length > 0) {
    throw new BusinessRuleError(
      `Validation failed: ${field} ${problems.map((p) => p.message).join('; ')}.`,
      problems,
    );
  }
}
