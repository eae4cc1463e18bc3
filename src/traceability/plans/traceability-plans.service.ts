import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { scopeCoversWarehouse } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { columnsOf, locationOf } from '../location-description';
import type { PutTraceabilityPlanDto } from './traceability-plan.dto';
import { TraceabilityPlan } from './traceability-plan.entity';

/** The audited view of a plan: everything but its bookkeeping. */
const auditView = (plan: TraceabilityPlan): Record<string, unknown> => ({
  ...locationOf(plan.location),
  contact_name: plan.contactName,
  contact_phone: plan.contactPhone,
  contact_email: plan.contactEmail,
  record_keeping: plan.recordKeeping,
  ftl_identification: plan.ftlIdentification,
  tlc_assignment: plan.tlcAssignment,
});

/** One traceability plan per warehouse; each change raises its version. */
@Injectable()
export class TraceabilityPlansService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async get(caller: Principal, warehouseId: string): Promise<TraceabilityPlan> {
    if (!scopeCoversWarehouse(caller.scope, warehouseId)) throw new NotFoundError('Warehouse');
    const plan = await this.db.manager.findOneBy(TraceabilityPlan, { warehouseId });
    if (!plan) {
      const exists = await this.db.manager.existsBy(Warehouse, { id: warehouseId });
      throw exists
        ? new NotFoundError('Traceability plan', 'This warehouse has no traceability plan yet.')
        : new NotFoundError('Warehouse');
    }
    return plan;
  }

  /** Writes the whole plan: the first version, or the next when something changed. */
  async put(
    caller: Principal,
    warehouseId: string,
    input: PutTraceabilityPlanDto,
  ): Promise<{ plan: TraceabilityPlan; created: boolean }> {
    if (!scopeCoversWarehouse(caller.scope, warehouseId)) throw new NotFoundError('Warehouse');
    return this.db.transaction(async (manager) => {
      const warehouse = await manager.findOne(Warehouse, {
        where: { id: warehouseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!warehouse) throw new NotFoundError('Warehouse');
      const existing = await manager.findOneBy(TraceabilityPlan, { warehouseId });
      const plan = existing ?? manager.create(TraceabilityPlan, { warehouseId, version: 0 });
      const before = existing ? auditView(existing) : {};
      Object.assign(plan, {
        location: columnsOf(input),
        contactName: input.contact_name,
        contactPhone: input.contact_phone,
        contactEmail: input.contact_email,
        recordKeeping: input.record_keeping,
        ftlIdentification: input.ftl_identification,
        tlcAssignment: input.tlc_assignment,
      });
      const diff = changedFields(before, auditView(plan));
      if (existing && Object.keys(diff.after).length === 0) return { plan, created: false };
      plan.version += 1;
      const saved = await manager.save(plan);
      await this.audit.record(manager, {
        action: existing ? 'traceability_plan.updated' : 'traceability_plan.created',
        entityType: 'traceability_plan',
        entityId: saved.id,
        warehouseId,
        ...diff,
      });
      return { plan: saved, created: !existing };
    });
  }
}
