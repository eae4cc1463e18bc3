/**
 * Typed domain errors. Services throw these (never HTTP exceptions); the problem-details filter
 * maps each kind to its status in one place.
 */
export type DomainErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests'
  | 'unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  constructor(detail: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
  constructor(detail = 'You do not have permission to perform this action.') {
    super(detail);
  }
}

/** Also used for rows outside the caller's scope: their existence is never revealed. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
  constructor(what = 'Resource', detail?: string) {
    super(detail ?? `${what} not found.`);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** A well-formed request that breaks a business rule (422). */
export class BusinessRuleError extends DomainError {
  readonly kind = 'unprocessable';
  constructor(
    detail: string,
    readonly errors: FieldError[] = [],
  ) {
    super(detail);
  }
}

/** Too many attempts: answered 429 with Retry-After. */
export class TooManyRequestsError extends DomainError {
  readonly kind = 'too_many_requests';
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(detail);
  }
}

export class ServiceUnavailableError extends DomainError {
  readonly kind = 'unavailable';
  constructor(detail = 'The service is temporarily unavailable. Please retry shortly.') {
    super(detail);
  }
}
