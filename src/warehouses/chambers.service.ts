import { onUniqueViolation } from 'src/database/database-errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import { Chamber } from './chamber.entity';
import {
  assertTemperatureRange,
  type CreateChamberDto,
  type UpdateChamberDto,
} from './dto/chamber.dto';
import { assertWarehouseInScope } from './warehouse-scope';

const auditView = (c: Chamber): Record<string, unknown> => ({
  code: c.code,
  name: c.name,
  min_temp_c: c.minTempC,
  max_temp_c: c.maxTempC,
  capacity_units: c.capacityUnits,
  active: c.active,
});

@Injectable()
export class ChambersService {
  constructor(
    @InjectRepository(Chamber) private readonly chambers: Repository<Chamber>,
    private readonly audit: AuditService,
  ) {}

  async list(
    scope: DataScope,
    warehouseId: string,
    skip: number,
    limit: number,
  ): Promise<Page<Chamber>> {
    await assertWarehouseInScope(this.chambers.manager, scope, warehouseId);
    const [items, total] = await this.scopedQuery(this.chambers.manager, scope, warehouseId)
      .orderBy('c.code', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(skip)
      .take(limit)
      .getManyAndCount();
    return { items, total };
  }

  /** A chamber of that warehouse within the caller's scope; anything else is "not found". */
  async getInScope(
    scope: DataScope,
    warehouseId: string,
    chamberId: string,
    manager: EntityManager = this.chambers.manager,
  ): Promise<Chamber> {
    const chamber = await this.scopedQuery(manager, scope, warehouseId)
      .andWhere('c.id = :chamberId', { chamberId })
      .getOne();
    if (!chamber) throw new NotFoundError('Chamber');
    return chamber;
  }

  async create(scope: DataScope, warehouseId: string, input: CreateChamberDto): Promise<Chamber> {
    assertTemperatureRange(input.min_temp_c, input.max_temp_c);
    return this.conflictOnDuplicateCode(input.code, () =>
      this.chambers.manager.transaction(async (manager) => {
        await assertWarehouseInScope(manager, scope, warehouseId);
        const saved = await manager.save(
          manager.create(Chamber, {
            warehouseId,
            code: input.code,
            name: input.name,
            minTempC: input.min_temp_c,
            maxTempC: input.max_temp_c,
            capacityUnits: input.capacity_units ?? null,
            active: input.active ?? true,
          }),
        );
        await this.audit.record(manager, {
          action: 'chamber.created',
          entityType: 'chamber',
          entityId: saved.id,
          warehouseId,
          after: auditView(saved),
        });
        return saved;
      }),
    );
  }

  async update(
    scope: DataScope,
    warehouseId: string,
    chamberId: string,
    changes: UpdateChamberDto,
  ): Promise<Chamber> {
    return this.conflictOnDuplicateCode(changes.code, () =>
      this.chambers.manager.transaction(async (manager) => {
        // Locked, so the range check below sees the bound a concurrent PATCH may be changing.
        const chamber = await this.scopedQuery(manager, scope, warehouseId)
          .andWhere('c.id = :chamberId', { chamberId })
          .setLock('pessimistic_write')
          .getOne();
        if (!chamber) throw new NotFoundError('Chamber');
        const before = auditView(chamber);
        if (changes.code !== undefined) chamber.code = changes.code;
        if (changes.name !== undefined) chamber.name = changes.name;
        if (changes.min_temp_c !== undefined) chamber.minTempC = changes.min_temp_c;
        if (changes.max_temp_c !== undefined) chamber.maxTempC = changes.max_temp_c;
        if (changes.capacity_units !== undefined) chamber.capacityUnits = changes.capacity_units;
        if (changes.active !== undefined) chamber.active = changes.active;
        assertTemperatureRange(chamber.minTempC, chamber.maxTempC);
        const diff = changedFields(before, auditView(chamber));
        // A PATCH that changes nothing writes nothing, not even an empty audit event.
        if (Object.keys(diff.after).length === 0) return chamber;
        const saved = await manager.save(chamber);
        await this.audit.record(manager, {
          action: 'chamber.updated',
          entityType: 'chamber',
          entityId: saved.id,
          warehouseId,
          before: diff.before,
          after: diff.after,
        });
        return saved;
      }),
    );
  }

  private conflictOnDuplicateCode(
    code: string | undefined,
    work: () => Promise<Chamber>,
  ): Promise<Chamber> {
    return onUniqueViolation(
      work,
      () =>
        new ConflictError(`A chamber with code ${code ?? ''} already exists in this warehouse.`),
    );
  }

  /** Chambers of one warehouse, narrowed to what the caller's scope may see. */
  private scopedQuery(
    manager: EntityManager,
    scope: DataScope,
    warehouseId: string,
  ): SelectQueryBuilder<Chamber> {
    const query = manager
      .getRepository(Chamber)
      .createQueryBuilder('c')
      .where('c.warehouseId = :warehouseId', { warehouseId });
    return whereInScope(query, scope, { warehouse: 'c.warehouseId' });
  }
}
