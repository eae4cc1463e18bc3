import { RoleName, WAREHOUSE_ROLES } from './role-name.enum';

/**
 * Which rows a caller may see, resolved once per request from the database (never from the
 * token): unrestricted (ADMIN, BILLING_MANAGER and the CLI's system scope), one warehouse
 * (OPERATOR, INVENTORY_MANAGER) or one client (CLIENT). A holder of a restricted role without
 * its profile sees nothing.
 */
export type DataScope =
  | { kind: 'all'; userId: string | null; roleNames: string[] }
  | { kind: 'warehouse'; userId: string; roleNames: string[]; warehouseId: string | null }
  | { kind: 'client'; userId: string; roleNames: string[]; clientId: string | null };

export const SYSTEM_SCOPE: DataScope = { kind: 'all', userId: null, roleNames: [] };

/** Roles whose holders see every row; any other role is scoped to a warehouse or a client. */
export const UNRESTRICTED_ROLES: readonly string[] = [RoleName.Admin, RoleName.BillingManager];

export function resolveScope(input: {
  userId: string;
  roleNames: string[];
  warehouseId: string | null;
  clientId: string | null;
}): DataScope {
  const { userId, roleNames } = input;
  if (roleNames.some((name) => UNRESTRICTED_ROLES.includes(name)))
    return { kind: 'all', userId, roleNames };
  if (roleNames.some((name) => (WAREHOUSE_ROLES as readonly string[]).includes(name))) {
    return { kind: 'warehouse', userId, roleNames, warehouseId: input.warehouseId };
  }
  return { kind: 'client', userId, roleNames, clientId: input.clientId };
}

/** True when the scope may see rows of this warehouse. */
export function scopeCoversWarehouse(scope: DataScope, warehouseId: string): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'warehouse':
      return scope.warehouseId === warehouseId;
    case 'client':
      return false;
  }
}
