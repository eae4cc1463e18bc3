import { Param, ParseUUIDPipe } from '@nestjs/common';
import { BusinessRuleError } from 'src/common/errors/domain.errors';

/** A path id that must be a UUID; anything else is a 422 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new BusinessRuleError(`Validation failed: ${name} must be a UUID.`, [
          { field: name, message: `${name} must be a UUID` },
        ]),
    }),
  );
