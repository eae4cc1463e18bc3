import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';

/**
 * Per client IP limit on a public auth route. A guard, so it runs before the handler hashes any
 * password; over the limit it answers 429 with Retry-After.
 */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    ApiTooManyRequestsResponse({
      description: 'Too many attempts from this address; see Retry-After',
      type: ProblemDetailsDto,
    }),
  );
