import type { EntityManager } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { whereInScope, type DataScope, type ScopeColumns } from 'src/rbac/data-scope';
import { Season } from './season.entity';

/**
 * Who sees a season: unrestricted staff all, a warehouse's staff their warehouse's, a client
 * those of warehouses holding its lots. Bookings and payments: a client its own, as invoices.
 */
export const SEASON_SCOPE: ScopeColumns = {
  warehouse: 's.warehouseId',
  client: (id) =>
    `EXISTS (SELECT 1 FROM lots sl WHERE sl.warehouse_id = s.warehouse_id AND sl.client_id = ${id})`,
};

/** The season within the caller's scope; 404 otherwise. */
export async function findSeasonInScope(
  manager: EntityManager,
  scope: DataScope,
  id: string,
): Promise<Season> {
  const builder = manager.getRepository(Season).createQueryBuilder('s').where('s.id = :id', { id });
  whereInScope(builder, scope, SEASON_SCOPE);
  const season = await builder.getOne();
  if (!season) throw new NotFoundError('Season');
  return season;
}
