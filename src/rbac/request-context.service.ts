import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { DataScope } from './data-scope';
import type { Principal } from './principal';

const PRINCIPAL_KEY = 'principal';

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
