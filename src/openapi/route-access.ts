import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from 'src/common/http/public.decorator';
import {
  REQUIRED_PERMISSIONS,
  type PermissionRequirement,
} from 'src/rbac/require-permissions.decorator';
import { ROLE_DEFINITIONS } from 'src/rbac/role-definitions';

/**
 * Who may call a route: anyone (or a caller holding another credential, such as a gateway's API
 * key), or a signed-in user meeting a permission requirement.
 */
export type RouteAccess =
  { public: true; credential?: string } | { public: false; requirement: PermissionRequirement };

/**
 * The access rule of every route, by the operation id the OpenAPI document gives it
 * (`Controller_method`), read from the same metadata the guards enforce.
 */
export function collectRouteAccess(app: INestApplication): Map<string, RouteAccess> {
  const reflector = app.get(Reflector);
  const access = new Map<string, RouteAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const targets = [handler, controller];
        const isPublic = reflector.getAllAndOverride<boolean | string | undefined>(
          IS_PUBLIC,
          targets,
        );
        const requirement = reflector.getAllAndOverride<PermissionRequirement | undefined>(
          REQUIRED_PERMISSIONS,
          targets,
        );
        if (typeof isPublic === 'string') {
          access.set(`${controller.name}_${key}`, { public: true, credential: isPublic });
        } else if (isPublic) access.set(`${controller.name}_${key}`, { public: true });
        else if (requirement)
          access.set(`${controller.name}_${key}`, { public: false, requirement });
      }
    }
  }
  return access;
}

/** One line for an operation's description: the permission it needs and the roles holding it. */
export function describeAccess(access: RouteAccess): string {
  if (access.public) {
    return access.credential
      ? `**Access:** no user sign-in; ${access.credential}.`
      : '**Access:** public; no sign-in needed.';
  }
  const { all, anyOf } = access.requirement;
  if (all.length === 0 && anyOf.length === 0) return '**Access:** any signed-in, active user.';
  const roles = ROLE_DEFINITIONS.filter(
    (role) =>
      all.every((permission) => role.permissions.includes(permission)) &&
      (anyOf.length === 0 || anyOf.some((permission) => role.permissions.includes(permission))),
  ).map((role) => role.name);
  const listed = (permissions: string[]): string =>
    permissions.map((permission) => `\`${permission}\``).join(', ');
  const needs =
    all.length > 0
      ? `permission ${listed(all)}`
      : `one of the permissions ${listed(anyOf)} (which one depends on the request)`;
  return `**Access:** ${needs}; held by ${roles.join(', ')}.`;
}
