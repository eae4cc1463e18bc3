import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import type { Page } from 'src/common/pagination/pagination';
import type { DataScope } from 'src/rbac/data-scope';
import { Chamber } from './chamber.entity';
import {
  assertTemperatureRange,
  type CreateChamberDto,
  type UpdateChamberDto,
} from './dto/chamber.dto';
import { WarehouseRows } from './warehouse-rows';
import { assertWarehouseInScope } from './warehouse-scope';

const auditView = (c: Chamber): Record<string, unknown> => ({
  code: c.code,
  name: c.name,
  min_temp_c: c.minTempC,
  max_temp_c: c.maxTempC,
  capacity_units: c.capacityUnits,
  active: c.active,
});

const CHAMBERS = new WarehouseRows(Chamber, 'c', 'Chamber', ['code', 'id']);

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
    return CHAMBERS.page(this.chambers.manager, scope, warehouseId, skip, limit);
  }

  /** A chamber of that warehouse within the caller's scope; anything else is "not found". */
  async getInScope(
    scope: DataScope,
    warehouseId: string,
    chamberId: string,
    manager: EntityManager = this.chambers.manager,
  ): Promise<Chamber> {
    return CHAMBERS.one(manager, scope, warehouseId, chamberId);
  }

  async create(scope: DataScope, warehouseId: string, input: CreateChamberDto): Promise<Chamber> {
    assertTemperatureRange(input.min_temp_c, input.max_temp_c);
    return CHAMBERS.onDuplicateCode(input.code, () =>
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
    return CHAMBERS.onDuplicateCode(changes.code, () =>
      this.chambers.manager.transaction(async (manager) => {
        // Locked, so the range check below sees the bound a concurrent PATCH may be changing.
        const chamber = await CHAMBERS.one(manager, scope, warehouseId, chamberId, true);
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
}
