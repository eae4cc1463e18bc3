import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { invalid } from './validation-failed.error';

/**
 * A path id that must be a UUID; anything else is a 422 naming the parameter. The OpenAPI
 * document declares it as one (`format: uuid`).
 */
export const UuidParam =
  (name = 'id'): ParameterDecorator =>
  (target, method, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () => invalid(name, `${name} must be a UUID`),
      }),
    )(target, method, index);
    if (method === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, method);
    if (descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, method, descriptor);
  };
