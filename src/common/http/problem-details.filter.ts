import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import {
  DomainError,
  type DomainErrorKind,
  type FieldError,
  TooManyRequestsError,
} from 'src/common/errors/domain.errors';
import { isDatabaseUnavailable, ruleConflictMessage } from 'src/database/database-errors';
import { MAX_JSON_DEPTH } from './json-body-checks';
import { PROBLEM_CONTENT_TYPE, problem } from './problem-details';

interface Described {
  status: number;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

const KIND_STATUS: Record<DomainErrorKind, number> = {
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

const DEFAULT_DETAIL: Record<number, string> = {
  400: 'The request could not be understood.',
  401: 'Authentication is required.',
  403: 'You do not have permission to perform this action.',
  404: 'The requested resource was not found.',
  405: 'This method is not allowed here.',
  409: 'The request conflicts with the current state of the resource.',
  413: 'The request body is larger than the 1 MB limit.',
  415: 'The request body must be JSON (Content-Type: application/json).',
  422: 'The request is invalid.',
  429: 'Too many requests. Please retry later.',
  503: 'The service is temporarily unavailable. Please retry shortly.',
};

/** Errors raised by the Express body parsers carry a `type` and a 4xx status. */
interface BodyParserError {
  type: string;
  status: number;
  /** The size limit in bytes, on entity.too.large (routes may have their own). */
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as BodyParserError).type === 'string' &&
    typeof (error as BodyParserError).status === 'number' &&
    (error as BodyParserError).status >= 400 &&
    (error as BodyParserError).status < 500
  );
}

const BODY_PARSER: Record<string, Described> = {
  'entity.too.large': { status: 413, detail: DEFAULT_DETAIL[413] },
  'entity.parse.failed': { status: 400, detail: 'The request body is not valid JSON.' },
  'entity.not.utf8': { status: 400, detail: 'The request body is not valid UTF-8.' },
  'entity.too.deep': {
    status: 400,
    detail: `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
  },
  'encoding.unsupported': { status: 415, detail: 'The request body encoding is not supported.' },
  'charset.unsupported': { status: 415, detail: 'The request body must be UTF-8.' },
};

function messageOf(response: string | object): string | undefined {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('; ');
  return undefined;
}

/**
 * The API's single error mapper: every failure leaves as RFC 9457 problem details, with the
 * request id, and never a stack trace or SQL.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const described = this.describe(exception);
    const requestId = typeof request.id === 'string' ? request.id : undefined;

    if (described.status >= 500) {
      this.logger.error(
        { err: exception, requestId, status: described.status },
        described.status === 503 ? 'Database unavailable' : 'Unhandled error',
      );
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    const body = problem(described.status, described.detail, {
      instance: request.originalUrl.split('?')[0],
      request_id: requestId,
      ...(described.errors ? { errors: described.errors } : {}),
    });
    for (const [name, value] of Object.entries(described.headers ?? {})) {
      response.setHeader(name, value);
    }
    response.status(described.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  private describe(thrown: unknown): Described {
    // Nest wraps Express middleware errors (the body parsers') in an HttpException.
    const exception =
      thrown instanceof HttpException && isBodyParserError(thrown.cause) ? thrown.cause : thrown;
    if (exception instanceof DomainError) {
      const status = KIND_STATUS[exception.kind];
      return {
        status,
        detail: exception.message,
        errors: 'errors' in exception ? (exception.errors as FieldError[]) : undefined,
        headers:
          exception instanceof TooManyRequestsError
            ? { 'Retry-After': String(Math.max(1, Math.ceil(exception.retryAfterSeconds))) }
            : this.headersFor(status),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const custom = messageOf(exception.getResponse());
      // Framework defaults ("Cannot GET /x", "Forbidden resource") are replaced by our sentences.
      const generic =
        !custom ||
        custom === exception.name ||
        /^Cannot [A-Z]+ \//.test(custom) ||
        custom.endsWith(' resource');
      return {
        status,
        detail: generic ? (DEFAULT_DETAIL[status] ?? 'The request failed.') : custom,
        headers: this.headersFor(status),
      };
    }
    if (isBodyParserError(exception)) {
      if (exception.type === 'entity.too.large' && typeof exception.limit === 'number') {
        const mb = Math.round(exception.limit / 1_048_576);
        return { status: 413, detail: `The request body is larger than the ${mb} MB limit.` };
      }
      return (
        BODY_PARSER[exception.type] ?? {
          status: exception.status,
          detail: DEFAULT_DETAIL[exception.status] ?? 'The request could not be read.',
        }
      );
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, detail: DEFAULT_DETAIL[503], headers: { 'Retry-After': '5' } };
    }
    const ruleConflict = ruleConflictMessage(exception);
    if (ruleConflict !== null) return { status: 409, detail: ruleConflict };
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '23505') {
        return { status: 409, detail: 'This conflicts with an existing record.' };
      }
      if (code === '40001' || code === '40P01') {
        return { status: 409, detail: 'A concurrent change got in the way. Please retry.' };
      }
    }
    return {
      status: 500,
      detail: 'An unexpected error occurred. Quote the request id when reporting it.',
    };
  }

  private headersFor(status: number): Record<string, string> | undefined {
    if (status === 401) return { 'WWW-Authenticate': 'Bearer' };
    if (status === 503) return { 'Retry-After': '5' };
    return undefined;
  }
}
