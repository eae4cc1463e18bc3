import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import { ChamberMonitoring } from 'src/cold-chain/sensors/chamber-monitoring.entity';
import {
  toChamberMonitoringOut,
  type ChamberMonitoringOutDto,
  type PutChamberMonitoringDto,
} from './dto/chamber-monitoring.dto';
import { DEFAULT_ALARM_DELAY_MINUTES, DEFAULT_RECOVERY_DELAY_MINUTES } from './monitoring-defaults';

interface ScopedChamber {
  id: string;
  warehouse_id: string;
  code: string;
  timezone: string;
}

const auditView = (settings: ChamberMonitoringOutDto): Record<string, unknown> => ({
  alarm_delay_minutes: settings.alarm_delay_minutes,
  recovery_delay_minutes: settings.recovery_delay_minutes,
  defrost_windows: settings.defrost_windows,
});

/** A chamber's monitoring settings: the delays and defrost windows the detector applies. */
@Injectable()
export class ChamberMonitoringService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async get(scope: DataScope, chamberId: string): Promise<ChamberMonitoringOutDto> {
    const manager = this.db.manager;
    const chamber = await this.chamberInScope(manager, scope, chamberId);
    const settings = await manager.findOneBy(ChamberMonitoring, { chamberId });
    return toChamberMonitoringOut(chamber.id, chamber.timezone, settings);
  }

  /** Replaces the settings (fields left out take their defaults); audited when they change. */
  async put(
    scope: DataScope,
    chamberId: string,
    input: PutChamberMonitoringDto,
  ): Promise<ChamberMonitoringOutDto> {
    return this.db.transaction(async (manager) => {
      const chamber = await this.chamberInScope(manager, scope, chamberId, true);
      const stored = await manager.findOneBy(ChamberMonitoring, { chamberId });
      const before = toChamberMonitoringOut(chamber.id, chamber.timezone, stored);
      await manager.upsert(
        ChamberMonitoring,
        {
          chamberId,
          alarmDelayMinutes: input.alarm_delay_minutes ?? DEFAULT_ALARM_DELAY_MINUTES,
          recoveryDelayMinutes: input.recovery_delay_minutes ?? DEFAULT_RECOVERY_DELAY_MINUTES,
          defrostWindows: (input.defrost_windows ?? []).map((w) => ({
            start: w.start,
            minutes: w.minutes,
          })),
        },
        ['chamberId'],
      );
      const saved = await manager.findOneByOrFail(ChamberMonitoring, { chamberId });
      const after = toChamberMonitoringOut(chamber.id, chamber.timezone, saved);
      if (JSON.stringify(auditView(before)) !== JSON.stringify(auditView(after))) {
        await this.audit.record(manager, {
          action: 'chamber.monitoring_changed',
          entityType: 'chamber',
          entityId: chamber.id,
          warehouseId: chamber.warehouse_id,
          before: auditView(before),
          after: auditView(after),
        });
      }
      return after;
    });
  }

  /** The chamber with its warehouse's time zone; outside the caller's scope it is "not found". */
  private async chamberInScope(
    manager: EntityManager,
    scope: DataScope,
    chamberId: string,
    lock = false,
  ): Promise<ScopedChamber> {
    const params: unknown[] = [chamberId];
    const inScope = scopeCondition(scope, { warehouse: 'ch.warehouse_id' }, params);
    const [chamber] = await manager.query<ScopedChamber[]>(
      `SELECT ch.id, ch.warehouse_id, ch.code, w.timezone
         FROM chambers ch JOIN warehouses w ON w.id = ch.warehouse_id
        WHERE ch.id = $1 AND ${inScope}${lock ? ' FOR UPDATE OF ch' : ''}`,
      params,
    );
    if (!(chamber as ScopedChamber | undefined)) throw new NotFoundError('Chamber');
    return chamber;
  }
}
