import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { DataScope } from 'src/rbac/data-scope';
import { Lot } from './lot.entity';

/** The lot column a restricted scope pins, and its value; null for an unrestricted caller. */
function scopeFilter(
  scope: DataScope,
): { column: 'warehouse_id' | 'client_id'; value: string | null } | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'warehouse':
      return { column: 'warehouse_id', value: scope.warehouseId };
    case 'client':
      return { column: 'client_id', value: scope.clientId };
  }
}

/**
 * The condition that keeps lots (table alias `alias`) within the caller's scope, for a raw
 * statement: its parameter is appended to `params`. A holder of a restricted role without its
 * profile (a null warehouse or client) matches no lot.
 */
export function lotsInScopeSql(scope: DataScope, alias: string, params: unknown[]): string {
  const filter = scopeFilter(scope);
  if (!filter) return 'true';
  return `${alias}.${filter.column} = $${params.push(filter.value)}::uuid`;
}

/** Loads a lot for a change: locked (FOR UPDATE) and only within the caller's scope; a lot outside it is "not found". */
export async function lockLotInScope(
  manager: EntityManager,
  scope: DataScope,
  lotId: string,
): Promise<Lot> {
  const query = manager
    .createQueryBuilder(Lot, 'l')
    .where('l.id = :lotId', { lotId })
    .setLock('pessimistic_write');
  const filter = scopeFilter(scope);
  if (filter) query.andWhere(`l.${filter.column} = :scoped`, { scoped: filter.value });
  const lot = await query.getOne();
  if (!lot) throw new NotFoundError('Lot', `Lot ${lotId} not found.`);
  return lot;
}
