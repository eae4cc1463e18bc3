import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { bulkInsert } from './bulk-insert';
import type { DemoLot, DemoPlan } from './generator';
import { lotHistory } from './history';
import type { DemoIds } from './reference-writer';
import { LotStatus } from 'src/inventory/lot-status.enum';

/** Lots generated and written per step; also how often progress is reported. */
export const LOTS_PER_BATCH = 2_000;

export interface BatchCounts {
  lots: number;
  movements: number;
  dispatches: number;
  onHold: number;
}

/** Writes a plan's lots and their movements, batch by batch, with a transaction's manager. */
export class DemoLotWriter {
  /** Trucks already written: later lots on the same truck reuse its dispatch row. */
  private readonly dispatchIds = new Map<number, string>();

  constructor(
    private readonly manager: EntityManager,
    private readonly plan: DemoPlan,
  ) {}

  /**
   * Lots start empty; each one's movements, inserted after it in time order, fill and drain it
   * through the stock_movements_apply trigger, as every stock change must.
   */
  async writeLots(ids: DemoIds, lots: readonly DemoLot[]): Promise<BatchCounts> {
    const { manager, plan } = this;
    const lotIds = lots.map(() => randomUUID());
    const histories = lots.map((lot) => lotHistory(plan, lot));
    await bulkInsert(
      manager,
      'lots',
      {
        id: 'uuid',
        warehouseId: 'uuid',
        clientId: 'uuid',
        commodityId: 'uuid',
        chamberId: 'uuid',
        lotNumber: 'text',
        position: 'text',
        receivedAt: 'timestamptz',
        expiryDate: 'date',
        lastMovementAt: 'timestamptz',
      },
      lots.map((lot, i) => ({
        id: lotIds[i],
        warehouseId: ids.warehouses[lot.warehouseIndex],
        clientId: ids.clients[lot.clientIndex],
        commodityId: ids.commodities[lot.commodityIndex],
        chamberId: ids.chambers[lot.chamberIndex],
        lotNumber: lot.lotNumber,
        position: lot.position,
        receivedAt: lot.receivedAt.toISOString(),
        expiryDate: lot.expiryDate,
        lastMovementAt: lot.receivedAt.toISOString(),
      })),
    );

    const dispatches: {
      id: string;
      warehouseId: string;
      clientId: string;
      dispatchedAt: string;
      reference: string;
      vehicleNumber: string;
      createdById: string;
    }[] = [];
    const chamberId = (index: number | null): string | null =>
      index === null ? null : ids.chambers[index];
    const movements = histories.flatMap((history, i) => {
      const lot = lots[i];
      const operatorId = ids.operators[lot.warehouseIndex];
      return history.movements.map((m) => {
        let dispatchId: string | null = null;
        if (m.dispatch) {
          dispatchId = this.dispatchIds.get(m.dispatch.key) ?? null;
          if (!dispatchId) {
            dispatchId = randomUUID();
            this.dispatchIds.set(m.dispatch.key, dispatchId);
            dispatches.push({
              id: dispatchId,
              warehouseId: ids.warehouses[m.dispatch.warehouseIndex],
              clientId: ids.clients[m.dispatch.clientIndex],
              dispatchedAt: m.dispatch.dispatchedAt.toISOString(),
              reference: m.dispatch.reference,
              vehicleNumber: m.dispatch.vehicleNumber,
              createdById: operatorId,
            });
          }
        }
        return {
          lotId: lotIds[i],
          warehouseId: ids.warehouses[lot.warehouseIndex],
          clientId: ids.clients[lot.clientIndex],
          type: m.type,
          quantityDelta: m.quantityDelta,
          weightDeltaKg: m.weightDeltaKg,
          occurredAt: m.occurredAt.toISOString(),
          dispatchId,
          fromChamberId: chamberId(m.fromChamberIndex),
          toChamberId: chamberId(m.toChamberIndex),
          reasonCode: m.reasonCode,
          reference: m.reference,
          vehicleNumber: m.vehicleNumber,
          notes: m.notes,
          recordedById: operatorId,
        };
      });
    });
    await bulkInsert(
      manager,
      'dispatches',
      {
        id: 'uuid',
        warehouseId: 'uuid',
        clientId: 'uuid',
        dispatchedAt: 'timestamptz',
        reference: 'text',
        vehicleNumber: 'text',
        createdById: 'uuid',
      },
      dispatches,
    );
    await bulkInsert(
      manager,
      'stock_movements',
      {
        lotId: 'uuid',
        warehouseId: 'uuid',
        clientId: 'uuid',
        type: 'movement_type',
        quantityDelta: 'int',
        weightDeltaKg: 'numeric',
        occurredAt: 'timestamptz',
        dispatchId: 'uuid',
        fromChamberId: 'uuid',
        toChamberId: 'uuid',
        reasonCode: 'adjustment_reason',
        reference: 'text',
        vehicleNumber: 'text',
        notes: 'text',
        recordedById: 'uuid',
      },
      movements,
    );

    const held = histories.flatMap((h, i) =>
      h.holdReason === null ? [] : [{ id: lotIds[i], reason: h.holdReason }],
    );
    if (held.length > 0) {
      // Only status and reason change: lots_guard lets that through, stock stays untouched.
      await manager.query(
        `UPDATE lots SET status = $1, hold_reason = h.reason
           FROM unnest($2::uuid[], $3::text[]) AS h(id, reason)
          WHERE lots.id = h.id`,
        [LotStatus.OnHold, held.map((h) => h.id), held.map((h) => h.reason)],
      );
    }
    return {
      lots: lots.length,
      movements: movements.length,
      dispatches: dispatches.length,
      onHold: held.length,
    };
  }

  /** The counters end at the last number issued, so the next real lot continues the sequence. */
  async writeLotCounters(ids: DemoIds): Promise<void> {
    await bulkInsert(
      this.manager,
      'lot_number_counters',
      { warehouseId: 'uuid', year: 'int', lastValue: 'int' },
      this.plan.lotCounters.map((c) => ({ ...c, warehouseId: ids.warehouses[c.warehouseIndex] })),
      `ON CONFLICT (warehouse_id, year)
       DO UPDATE SET last_value = GREATEST(lot_number_counters.last_value, EXCLUDED.last_value)`,
    );
  }
}
