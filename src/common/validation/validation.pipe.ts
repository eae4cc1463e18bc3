import { ValidationPipe } from '@nestjs/common';
import { ValidationFailedError } from './validation-failed.error';

/** Whitelists DTO fields, rejects unknown ones and converts wire strings to declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(errors),
  });
}
