import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOAuth2,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import type { Permission } from './permission.enum';

export const REQUIRED_PERMISSIONS = 'required-permissions';

/** What a route demands: every permission of `all`, or at least one of `anyOf`. */
export interface PermissionRequirement {
  all: Permission[];
  anyOf: Permission[];
}

/**
 * The one statement of a route's access: the caller must be ACTIVE and hold every listed
 * permission. Also documents the bearer scheme and the 401/403 answers in OpenAPI.
 */
export const RequirePermissions = (
  ...permissions: Permission[]
): MethodDecorator & ClassDecorator =>
  requirement({ all: permissions, anyOf: [] }, permissions.join(', '));

/** Any signed-in, active user: routes about the caller's own account. */
export const Authenticated = (): MethodDecorator & ClassDecorator =>
  requirement({ all: [], anyOf: [] }, 'a signed-in user (no particular permission)');

/** For routes whose service decides which permission applies (e.g. by the role being invited). */
export const RequireAnyPermission = (
  ...permissions: Permission[]
): MethodDecorator & ClassDecorator =>
  requirement({ all: [], anyOf: permissions }, `one of ${permissions.join(', ')}`);

const requirement = (
  required: PermissionRequirement,
  described: string,
): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, required),
    ApiBearerAuth('bearer'),
    ApiOAuth2([], 'oauth2'),
    ApiUnauthorizedResponse({
      description: 'Missing, invalid or expired token',
      type: ProblemDetailsDto,
    }),
    ApiForbiddenResponse({
      description: `Requires ${described}`,
      type: ProblemDetailsDto,
    }),
  );
