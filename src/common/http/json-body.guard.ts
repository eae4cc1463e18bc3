import {
  Injectable,
  SetMetadata,
  UnsupportedMediaTypeException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

const ACCEPTS_FORM = 'accepts-form-body';

/** Lets a route also take `application/x-www-form-urlencoded` (the OAuth2 password flow). */
export const AcceptsFormBody = (): MethodDecorator => SetMetadata(ACCEPTS_FORM, true);

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return (
    (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined
  );
}

/**
 * A request body that is not JSON where JSON is expected is answered 415, not silently dropped.
 * A guard, not an interceptor: a route without interceptors is called without an RxJS pipeline
 * around it, which every request would otherwise pay for. Registered after the authentication
 * and permission guards, so a caller learns a body's type is wrong only once allowed to send it.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const request = context.switchToHttp().getRequest<Request>();
      if (hasBody(request)) {
        const type = request.headers['content-type'] ?? '';
        const formAllowed =
          this.reflector.get<boolean | undefined>(ACCEPTS_FORM, context.getHandler()) ?? false;
        if (!JSON_TYPE.test(type) && !(formAllowed && FORM_TYPE.test(type))) {
          throw new UnsupportedMediaTypeException(
            formAllowed
              ? 'The request body must be JSON or form-encoded.'
              : 'The request body must be JSON (Content-Type: application/json).',
          );
        }
      }
    }
    return true;
  }
}
