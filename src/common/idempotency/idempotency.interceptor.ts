import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchError, defer, from, mergeMap, of, throwError, type Observable } from 'rxjs';
import { RequestContext } from 'src/rbac/request-context.service';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyService,
  parseIdempotencyKey,
  requestHash,
} from './idempotency.service';

const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/**
 * Makes a route safe to retry with an `Idempotency-Key`: the first request with a key runs the
 * handler, later ones with the same key and request replay its response. Interceptors run after
 * the guards, so the caller (whose keys these are) is known here.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly idempotency: IdempotencyService,
    private readonly context: RequestContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const key = parseIdempotencyKey(request.headers['idempotency-key']);
    if (key === null) return next.handle();

    const userId = this.context.principal().userId;
    const hash = requestHash({
      method: request.method,
      path: request.originalUrl.split('?')[0],
      query: request.query,
      body: request.body as unknown,
    });
    return from(this.idempotency.begin(userId, key, hash)).pipe(
      mergeMap((claim) => {
        if (claim.kind === 'claimed') return this.run(claim.id, response, next);
        response.status(claim.status);
        response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.body);
      }),
    );
  }

  private run(id: string, response: Response, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      // Only the handler's failure frees the key: once it succeeded, its effect is committed.
      catchError((error: unknown) =>
        defer(() => this.release(id)).pipe(mergeMap(() => throwError(() => error))),
      ),
      mergeMap(async (body: unknown) => {
        const status = response.statusCode;
        if (isSuccess(status)) await this.idempotency.complete(id, status, body);
        else await this.release(id);
        return body;
      }),
    );
  }

  /** A failed release must not hide the handler's own error; the key then expires in 24 h. */
  private async release(id: string): Promise<void> {
    try {
      await this.idempotency.release(id);
    } catch (error: unknown) {
      this.logger.error(
        { err: error, idempotencyKeyId: id },
        'Could not release an idempotency key',
      );
    }
  }
}
