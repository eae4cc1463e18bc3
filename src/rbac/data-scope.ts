import type { ObjectLiteral, WhereExpressionBuilder } from 'typeorm';
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

/**
 * How a query pins its rows to a restricted scope: the column holding the row's warehouse or
 * client id (compared with the scope's), or a condition built around the id's parameter. A
 * kind left out sees no row.
 */
export type ScopeMatch = string | ((id: string) => string);

export interface ScopeColumns {
  warehouse?: ScopeMatch;
  client?: ScopeMatch;
}

/** The scope's id and how rows match it; null when the scope sees every row, false when none. */
function scopeTarget(
  scope: DataScope,
  columns: ScopeColumns,
): { match: ScopeMatch; id: string } | null | false {
  if (scope.kind === 'all') return null;
  const [match, id] =
    scope.kind === 'warehouse'
      ? [columns.warehouse, scope.warehouseId]
      : [columns.client, scope.clientId];
  return match && id ? { match, id } : false;
}

const matchSql = (match: ScopeMatch, parameter: string): string =>
  typeof match === 'string' ? `${match} = ${parameter}` : match(parameter);

/**
 * The condition that keeps rows within the caller's scope, for raw SQL: the scope's id is
 * appended to `params` as `$n`. `true` when unrestricted; `false` for a restricted scope without
 * its profile (a null warehouse or client), so a row outside scope is never found.
 */
export function scopeCondition(scope: DataScope, columns: ScopeColumns, params: unknown[]): string {
  const target = scopeTarget(scope, columns);
  if (target === null) return 'true';
  if (!target) return 'false';
  return matchSql(target.match, `$${params.push(target.id)}`);
}

/**
 * The same condition added to a QueryBuilder (the id as `:scopeId`, with `parameters` for what
 * a match function adds); nothing when unrestricted.
 */
export function whereInScope<T extends WhereExpressionBuilder>(
  builder: T,
  scope: DataScope,
  columns: ScopeColumns,
  parameters: ObjectLiteral = {},
): T {
  const target = scopeTarget(scope, columns);
  if (target === null) return builder;
  if (!target) return builder.andWhere('false');
  return builder.andWhere(matchSql(target.match, ':scopeId'), {
    ...parameters,
    scopeId: target.id,
  });
}
