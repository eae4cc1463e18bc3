import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { scopeCoversWarehouse, type DataScope } from 'src/rbac/data-scope';
import { Warehouse } from './warehouse.entity';

/**
 * The warehouse in a path (its chambers, sensors, gateways) must exist and be the caller's:
 * otherwise "not found", never "forbidden", so another warehouse's rows stay invisible.
 */
export async function assertWarehouseInScope(
  manager: EntityManager,
  scope: DataScope,
  warehouseId: string,
): Promise<void> {
  const visible =
    scopeCoversWarehouse(scope, warehouseId) &&
    (await manager.getRepository(Warehouse).existsBy({ id: warehouseId }));
  if (!visible) throw new NotFoundError('Warehouse');
}
