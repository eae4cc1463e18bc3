import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';

const CALLER_KEY = 'caller';
export const REQUEST_META_KEY = 'request-meta';

/** Where a request came from, for sessions and the audit trail. */
export interface RequestMeta {
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export function requestMetaOf(req: Request): RequestMeta {
  const agent = req.headers['user-agent'];
  return {
    requestId: typeof req.id === 'string' ? req.id : null,
    ip: req.ip ?? null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null,
  };
}

const NO_REQUEST: RequestMeta = { requestId: null, ip: null, userAgent: null };

/** All the infrastructure knows of a caller: which user it is. */
export interface Caller {
  userId: string;
}

/**
 * The caller of the current request, held in AsyncLocalStorage (nestjs-cls). A singleton:
 * nothing becomes request-scoped, and reading outside a request throws rather than answering
 * with someone else's caller. Generic: whoever authenticates requests decides what a caller
 * carries (rbac's PrincipalContext holds the principal); common code reads only `userId`.
 */
@Injectable()
export class RequestContext<TCaller extends Caller = Caller> {
  constructor(private readonly cls: ClsService) {}

  setCaller(caller: TCaller): void {
    this.cls.set(CALLER_KEY, caller);
  }

  /** Empty outside an HTTP request (CLI, workers). */
  meta(): RequestMeta {
    return (
      (this.cls.isActive() ? this.cls.get<RequestMeta | undefined>(REQUEST_META_KEY) : undefined) ??
      NO_REQUEST
    );
  }

  /** The caller when one is signed in, else null (public routes, CLI). */
  callerOrNull(): TCaller | null {
    if (!this.cls.isActive()) return null;
    // Only setCaller writes this key, so what it holds is a TCaller.
    return (this.cls.get<unknown>(CALLER_KEY) as TCaller | undefined) ?? null;
  }

  caller(): TCaller {
    const caller = this.callerOrNull();
    if (!caller) throw new Error('No authenticated principal in this context');
    return caller;
  }
}
