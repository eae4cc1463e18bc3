import { Permission } from './permission.enum';
import type { Principal } from './principal';
import { RoleName } from './role-name.enum';

export type Authority = Pick<Principal, 'roleNames' | 'permissions' | 'scope'>;

/**
 * Whether the caller may give this role (invite someone with it). ADMIN gives any role; a
 * holder of user.invite.client gives CLIENT; of user.invite.operator, OPERATOR, and
 * INVENTORY_MANAGER only from an unrestricted scope: a warehouse's manager adds operators,
 * never another manager.
 */
export function mayAssignRole(caller: Authority, role: string): boolean {
  if (caller.roleNames.includes(RoleName.Admin)) return true;
  switch (role) {
    case RoleName.Client as string:
      return caller.permissions.has(Permission.UserInviteClient);
    case RoleName.Operator as string:
      return caller.permissions.has(Permission.UserInviteOperator);
    case RoleName.InventoryManager as string:
      return caller.permissions.has(Permission.UserInviteOperator) && caller.scope.kind === 'all';
    default:
      return false;
  }
}

/**
 * Whether the caller may act on a user holding these roles (disable, enable, force-logout): the
 * same authority as inviting them, for every role they hold. So a warehouse's manager acts on
 * its operators, never on a peer, itself or anyone above it.
 */
export function mayManageUser(caller: Authority, targetRoles: readonly string[]): boolean {
  return targetRoles.every((role) => mayAssignRole(caller, role));
}
