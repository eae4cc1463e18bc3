import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ForbiddenError, UnauthorizedError } from 'src/common/errors/domain.errors';
import { IS_PUBLIC } from 'src/common/http/public.decorator';
import { UserStatus } from './user-status.enum';
import type { AuthenticatedUser } from './authenticated-user';
import { PrincipalService } from './principal.service';
import { PrincipalContext } from './principal-context';
import { REQUIRED_PERMISSIONS, type PermissionRequirement } from './require-permissions.decorator';

/**
 * Runs after the JWT guard: loads the caller (one query), requires ACTIVE and every permission
 * the route names, and puts the caller and its data scope in the request context. A route with
 * neither @Public() nor @RequirePermissions() is refused: deny by default.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalService,
    private readonly context: PrincipalContext,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<PermissionRequirement | undefined>(
      REQUIRED_PERMISSIONS,
      targets,
    );

    const request = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    if (!request.user) throw new UnauthorizedError('A valid access token is required.');
    const principal = await this.principals.load(request.user.userId, request.user.sessionId);
    if (principal?.status !== UserStatus.Active) {
      throw new UnauthorizedError('This account is not active. Sign in again.');
    }
    if (!principal.sessionId) throw new UnauthorizedError('Your session has ended. Sign in again.');
    const granted = (code: string): boolean => principal.permissions.has(code);
    const allowed =
      required !== undefined &&
      required.all.every(granted) &&
      (required.anyOf.length === 0 || required.anyOf.some(granted));
    if (!allowed) {
      throw new ForbiddenError();
    }
    this.context.setCaller(principal);
    return true;
  }
}
