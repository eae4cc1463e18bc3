import { Injectable } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context.service';
import type { DataScope } from './data-scope';
import type { Principal } from './principal';

/** The request context with the caller as rbac loads it: the principal and its data scope. */
@Injectable()
export class PrincipalContext extends RequestContext<Principal> {
  scope(): DataScope {
    return this.caller().scope;
  }
}
