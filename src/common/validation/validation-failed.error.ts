import type { ValidationError } from 'class-validator';
import { BusinessRuleError, type FieldError } from 'src/common/errors/domain.errors';

/** Flattens class-validator's tree into `lines[0].quantity`-style field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent
      ? /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'is not allowed'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class ValidationFailedError extends BusinessRuleError {
  constructor(errors: ValidationError[]) {
    const fields = flattenValidationErrors(errors);
    // "is not allowed" names no field by itself: the summary line says which.
    const shown = fields
      .slice(0, 3)
      .map((f) => (f.message === 'is not allowed' ? `${f.field} is not allowed` : f.message));
    const more = fields.length > 3 ? ` (and ${fields.length - 3} more)` : '';
    super(`Validation failed: ${shown.join('; ')}${more}.`, fields);
  }
}

/**
 * A 422 about one field, as the validation pipe reports it: `message` for the field, `summary`
 * (the message unless given) for the sentence "Validation failed: …".
 */
export const invalid = (field: string, message: string, summary = message): BusinessRuleError =>
  new BusinessRuleError(`Validation failed: ${summary}.`, [{ field, message }]);
