import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { whereInScope, type DataScope, type ScopeColumns } from 'src/rbac/data-scope';
import { Lot } from './lot.entity';

/** The scope columns of a table whose rows carry a warehouse and a client (lots, movements). */
export const stockScope = (alias: string): ScopeColumns => ({
  warehouse: `${alias}.warehouse_id`,
  client: `${alias}.client_id`,
});

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
  const lot = await whereInScope(query, scope, stockScope('l')).getOne();
  if (!lot) throw new NotFoundError('Lot', `Lot ${lotId} not found.`);
  return lot;
}
