import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from 'nestjs-cls';
import type { DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';

const PRINCIPAL_KEY = 'principal';
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

/**
 * The caller of the current request, held in AsyncLocalStorage (nestjs-cls) by the permissions
 * guard. A singleton: nothing becomes request-scoped, and reading outside a request throws
 * rather than answering with someone else's scope.
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService) {}

  setPrincipal(principal: Principal): void {
    this.cls.set(PRINCIPAL_KEY, principal);
  }

  /** Empty outside an HTTP request (CLI, workers). */
  meta(): RequestMeta {
    return (
      (this.cls.isActive() ? this.cls.get<RequestMeta | undefined>(REQUEST_META_KEY) : undefined) ??
      NO_REQUEST
    );
  }

  /** The caller when one is signed in, else null (public routes, CLI). */
  principalOrNull(): Principal | null {
    return (
      (this.cls.isActive() ? this.cls.get<Principal | undefined>(PRINCIPAL_KEY) : undefined) ?? null
    );
  }

  principal(): Principal {
    const principal = this.cls.isActive()
      ? this.cls.get<Principal | undefined>(PRINCIPAL_KEY)
      : undefined;
    if (!principal) throw new Error('No authenticated principal in this context');
    return principal;
  }

  scope(): DataScope {
    return this.principal().scope;
  }
}
