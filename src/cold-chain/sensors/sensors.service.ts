import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import type { DataScope } from 'src/rbac/data-scope';
import { Chamber } from 'src/warehouses/chamber.entity';
import { WarehouseRows } from 'src/warehouses/warehouse-rows';
import { assertWarehouseInScope } from 'src/warehouses/warehouse-scope';
import type { CreateSensorDto, UpdateSensorDto } from './dto/sensor.dto';
import { Sensor } from './sensor.entity';

const auditView = (s: Sensor): Record<string, unknown> => ({
  code: s.code,
  name: s.name,
  chamber_id: s.chamberId,
  calibration_offset_c: s.calibrationOffsetC,
  expected_interval_seconds: s.expectedIntervalSeconds,
  active: s.active,
});

const SENSORS = new WarehouseRows(Sensor, 's', 'Sensor', ['code', 'id']);

/** A warehouse's sensors: listed and changed within the caller's scope, every change audited. */
@Injectable()
export class SensorsService {
  constructor(
    @InjectRepository(Sensor) private readonly sensors: Repository<Sensor>,
    private readonly audit: AuditService,
  ) {}

  async list(
    scope: DataScope,
    warehouseId: string,
    skip: number,
    limit: number,
  ): Promise<Page<Sensor>> {
    return SENSORS.page(this.sensors.manager, scope, warehouseId, skip, limit);
  }

  async getInScope(scope: DataScope, warehouseId: string, sensorId: string): Promise<Sensor> {
    return SENSORS.one(this.sensors.manager, scope, warehouseId, sensorId);
  }

  async create(scope: DataScope, warehouseId: string, input: CreateSensorDto): Promise<Sensor> {
    return SENSORS.onDuplicateCode(input.code, () =>
      this.sensors.manager.transaction(async (manager) => {
        await assertWarehouseInScope(manager, scope, warehouseId);
        await this.assertChamberOfWarehouse(manager, warehouseId, input.chamber_id);
        const saved = await manager.save(
          manager.create(Sensor, {
            warehouseId,
            chamberId: input.chamber_id,
            code: input.code,
            name: input.name,
            calibrationOffsetC: input.calibration_offset_c ?? '0',
            expectedIntervalSeconds: input.expected_interval_seconds ?? 60,
            active: input.active ?? true,
          }),
        );
        // Read back, so the offset is in the API's form ("-0.3", not "-0.30").
        const sensor = await manager.getRepository(Sensor).findOneByOrFail({ id: saved.id });
        await this.audit.record(manager, {
          action: 'sensor.created',
          entityType: 'sensor',
          entityId: sensor.id,
          warehouseId,
          after: auditView(sensor),
        });
        return sensor;
      }),
    );
  }

  async update(
    scope: DataScope,
    warehouseId: string,
    sensorId: string,
    changes: UpdateSensorDto,
  ): Promise<Sensor> {
    return SENSORS.onDuplicateCode(changes.code, () =>
      this.sensors.manager.transaction(async (manager) => {
        const sensor = await SENSORS.one(manager, scope, warehouseId, sensorId, true);
        const before = auditView(sensor);
        if (changes.chamber_id !== undefined && changes.chamber_id !== sensor.chamberId) {
          await this.assertChamberOfWarehouse(manager, warehouseId, changes.chamber_id);
          sensor.chamberId = changes.chamber_id;
        }
        if (changes.code !== undefined) sensor.code = changes.code;
        if (changes.name !== undefined) sensor.name = changes.name;
        if (changes.calibration_offset_c !== undefined) {
          sensor.calibrationOffsetC = changes.calibration_offset_c;
        }
        if (changes.expected_interval_seconds !== undefined) {
          sensor.expectedIntervalSeconds = changes.expected_interval_seconds;
        }
        if (changes.active !== undefined) sensor.active = changes.active;
        const diff = changedFields(before, auditView(sensor));
        // A PATCH that changes nothing writes nothing, not even an empty audit event.
        if (Object.keys(diff.after).length === 0) return sensor;
        await manager.save(sensor);
        const saved = await manager.getRepository(Sensor).findOneByOrFail({ id: sensor.id });
        await this.audit.record(manager, {
          action: 'sensor.updated',
          entityType: 'sensor',
          entityId: saved.id,
          warehouseId,
          before: diff.before,
          after: changedFields(before, auditView(saved)).after,
        });
        return saved;
      }),
    );
  }

  /** A sensor measures a chamber of its own warehouse; any other id is a 422 on chamber_id. */
  private async assertChamberOfWarehouse(
    manager: EntityManager,
    warehouseId: string,
    chamberId: string,
  ): Promise<void> {
    const exists = await manager.getRepository(Chamber).existsBy({ id: chamberId, warehouseId });
    if (exists) return;
    const message = 'chamber_id must be a chamber of this warehouse';
    throw new BusinessRuleError(`Validation failed: ${message}.`, [
      { field: 'chamber_id', message },
    ]);
  }
}
