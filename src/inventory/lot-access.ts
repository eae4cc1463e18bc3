import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { DataScope } from 'src/rbac/data-scope';
import { Lot } from './lot.entity';

/**
 * Loads lots for a change: locked (FOR UPDATE, in id order so concurrent multi-lot dispatches
 * cannot deadlock) and only within the caller's scope; a lot outside it is "not found".
 */
export async function lockLotsInScope(
  manager: EntityManager,
  scope: DataScope,
  lotIds: string[],
): Promise<Map<string, Lot>> {
  const query = manager
    .createQueryBuilder(Lot, 'l')
    .where('l.id IN (:...ids)', { ids: lotIds })
    .orderBy('l.id', 'ASC')
    .setLock('pessimistic_write');
  switch (scope.kind) {
    case 'all':
      break;
    case 'warehouse':
      query.andWhere('l.warehouseId = :scopeWarehouse', { scopeWarehouse: scope.warehouseId });
      break;
    case 'client':
      query.andWhere('l.clientId = :scopeClient', { scopeClient: scope.clientId });
      break;
  }
  const lots = await query.getMany();
  const byId = new Map(lots.map((lot) => [lot.id, lot]));
  for (const id of lotIds) {
    if (!byId.has(id)) throw new NotFoundError('Lot', `Lot ${id} not found.`);
  }
  return byId;
}

export async function lockLotInScope(
  manager: EntityManager,
  scope: DataScope,
  lotId: string,
): Promise<Lot> {
  return (await lockLotsInScope(manager, scope, [lotId])).get(lotId) as Lot;
}
