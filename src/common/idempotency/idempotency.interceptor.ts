import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, map, type Observable } from 'rxjs';
import { RequestContext } from 'src/common/context/request-context.service';
import {
  IDEMPOTENT_REPLAYED_HEADER,
  IdempotencyService,
  parseIdempotencyKey,
  requestHash,
} from './idempotency.service';

/**
 * Makes a route safe to retry with an `Idempotency-Key`: the first request with a key runs the
 * handler in a transaction that also stores its answer; later ones with the same key and
 * request replay that answer. Interceptors run after the guards, so the caller (whose keys
 * these are) is known here.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
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

    const userId = this.context.caller().userId;
    const hash = requestHash({
      method: request.method,
      path: request.originalUrl.split('?')[0],
      query: request.query,
      body: request.body as unknown,
    });
    // The handler is started inside the claim's transaction, so its writes join it.
    const handler = async (): Promise<{ status: number; body: unknown }> => {
      const body: unknown = await lastValueFrom(next.handle(), { defaultValue: undefined });
      return { status: response.statusCode, body };
    };
    return from(this.idempotency.runOnce(userId, key, hash, handler)).pipe(
      map((outcome) => {
        if (outcome.replayed) {
          response.status(outcome.status);
          response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
        }
        return outcome.body;
      }),
    );
  }
}
