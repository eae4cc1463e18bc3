import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from './idempotency.service';

/**
 * Lets a mutating route take an optional `Idempotency-Key` header: a retry with the same key
 * and request within 24 hours replays the first response instead of acting twice. Needs
 * IdempotencyModule (global) in the application.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'A unique value per intended operation (1-200 visible ASCII characters, e.g. a UUID). ' +
        'Repeating the request with the same key within 24 hours returns the first response ' +
        `again, with \`${IDEMPOTENT_REPLAYED_HEADER}: true\`, without repeating its effect. ` +
        'Keys are per user; a failed request frees its key for a retry.',
      schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7E]+$' },
    }),
    ApiUnprocessableEntityResponse({
      description:
        'Malformed Idempotency-Key header, or the key was already used with a different request',
      type: ProblemDetailsDto,
    }),
    ApiConflictResponse({
      description: 'Another request with this Idempotency-Key is still being processed; retry',
      type: ProblemDetailsDto,
    }),
  );
