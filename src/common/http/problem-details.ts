import { STATUS_CODES } from 'node:http';
import type { FieldError } from 'src/common/errors/domain.errors';

/** RFC 9457 problem details, as every error response of the API is shaped. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  status: number,
  detail: string,
  extra: Pick<ProblemDetails, 'instance' | 'request_id' | 'errors'> = {},
): ProblemDetails {
  return {
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    ...extra,
  };
}
