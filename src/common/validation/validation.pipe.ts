import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { findUnstorableText } from './storable-text';
import { invalid, ValidationFailedError } from './validation-failed.error';

/**
 * Whitelists DTO fields, rejects unknown ones and converts wire strings to declared types; and,
 * before any of that, refuses text PostgreSQL cannot store, in any body, query or path value.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // 'custom' arguments are the server's own (the caller, the scope), not request input.
    if (metadata.type !== 'custom') {
      const unstorable = findUnstorableText(value, metadata.data ?? '');
      if (unstorable) {
        const shown =
          unstorable.message === 'is not allowed'
            ? `${unstorable.field} is not allowed`
            : unstorable.message;
        throw invalid(unstorable.field, unstorable.message, shown);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(errors),
  });
}
