import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import { Chamber } from 'src/warehouses/chamber.entity';

/** A chamber the caller's warehouse scope covers; a client's or another warehouse's is "not found". */
export async function chamberInScope(
  manager: EntityManager,
  scope: DataScope,
  chamberId: string,
): Promise<Chamber> {
  const query = manager.createQueryBuilder(Chamber, 'c').where('c.id = :chamberId', { chamberId });
  const chamber = await whereInScope(query, scope, { warehouse: 'c.warehouseId' }).getOne();
  if (!chamber) throw new NotFoundError('Chamber');
  return chamber;
}
