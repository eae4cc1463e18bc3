import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request body',
  429: 'Too many attempts; retry after the seconds in Retry-After',
  404: 'Not found, or outside your scope',
  409: 'Conflicts with the current state',
  413: 'Body larger than 1 MB',
  415: 'Body is not JSON',
  422: 'Validation failed (errors lists each field)',
  503: 'Database unavailable; retry later',
};

/** Documents the problem-details answers a route can give besides 401/403. */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        type: ProblemDetailsDto,
      }),
    ),
  );
