import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { onUniqueViolation } from 'src/database/database-errors';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import { assertWarehouseInScope } from './warehouse-scope';

/**
 * Rows kept per warehouse under its path (`/api/warehouses/{id}/…`: chambers, sensors,
 * gateways), read within the caller's scope: another warehouse's rows, or a warehouse the caller
 * may not see, are "not found".
 */
export class WarehouseRows<T extends ObjectLiteral> {
  /** `order`: the columns a page is sorted by, ascending (the id last, for a stable order). */
  constructor(
    private readonly entity: EntityTarget<T>,
    private readonly alias: string,
    private readonly noun: string,
    private readonly order: readonly string[],
  ) {}

  /** The warehouse's rows, narrowed to what the caller's scope may see. */
  query(manager: EntityManager, scope: DataScope, warehouseId: string): SelectQueryBuilder<T> {
    const query = manager
      .getRepository(this.entity)
      .createQueryBuilder(this.alias)
      .where(`${this.alias}.warehouseId = :warehouseId`, { warehouseId });
    return whereInScope(query, scope, { warehouse: `${this.alias}.warehouseId` });
  }

  /** A page of the warehouse's rows. */
  async page(
    manager: EntityManager,
    scope: DataScope,
    warehouseId: string,
    skip: number,
    limit: number,
  ): Promise<Page<T>> {
    await assertWarehouseInScope(manager, scope, warehouseId);
    const query = this.query(manager, scope, warehouseId);
    for (const column of this.order) query.addOrderBy(`${this.alias}.${column}`, 'ASC');
    const [items, total] = await query.skip(skip).take(limit).getManyAndCount();
    return { items, total };
  }

  /** One row of the warehouse, locked for update when `lock`; anything else is "not found". */
  async one(
    manager: EntityManager,
    scope: DataScope,
    warehouseId: string,
    id: string,
    lock = false,
  ): Promise<T> {
    const query = this.query(manager, scope, warehouseId).andWhere(`${this.alias}.id = :id`, {
      id,
    });
    const row = await (lock ? query.setLock('pessimistic_write') : query).getOne();
    if (!row) throw new NotFoundError(this.noun);
    return row;
  }

  /** Runs `work`; a clash on the warehouse's unique code becomes a 409 naming it. */
  onDuplicateCode<R>(code: string | undefined, work: () => Promise<R>): Promise<R> {
    return onUniqueViolation(
      work,
      () =>
        new ConflictError(
          `A ${this.noun.toLowerCase()} with code ${code ?? ''} already exists in this warehouse.`,
        ),
    );
  }
}
