import { assertHistoryOpen } from './stock-history';
import { Injectable, Optional } from '@nestjs/common';
import { Db } from 'src/database/db';
import { LotTraceability } from './lot-traceability';
import type { TraceabilityEventOutDto } from './dto/traceability-kdes.dto';
import { AuditService } from 'src/audit/audit.service';
import { compareDecimal, fromScaled, isDecimalString, toScaled } from 'src/common/decimal';
import { BusinessRuleError, ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { addDays } from 'src/common/calendar';
import { invalid } from 'src/common/validation/validation-failed.error';
import { scopeCoversWarehouse } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { Chamber } from 'src/warehouses/chamber.entity';
import { businessTime } from 'src/inventory/business-time';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import type {
  AdjustmentDto,
  InwardDto,
  TransferDto,
} from 'src/inventory/ledger/dto/movement-requests.dto';
import { findInwardTargets, insertReceivedLot, type InsertedLotRow } from './inward-writes';
import type { PlacementOutDto } from 'src/inventory/locations/dto/placement.dto';
import {
  checkNamedPlacements,
  placementsOf,
  placeReceipt,
} from 'src/inventory/locations/placements';
import { lockLotInScope } from 'src/inventory/lot-access';
import { LotStatus } from 'src/inventory/lot-status.enum';
import { Lot } from 'src/inventory/lot.entity';
import { AdjustmentReason, MovementType } from 'src/inventory/movement-type.enum';
import { StockMovement } from 'src/inventory/stock-movement.entity';
import { WeighmentKind } from 'src/inventory/weighments/weighment-kind.enum';
import type { Weighment } from 'src/inventory/weighments/weighment.entity';
import {
  checkTicket,
  recordTicket,
  weighedWeight,
} from 'src/inventory/weighments/weighment-writes';

export const WEIGHT_SCALE = 3;
const TEMP_SCALE = 2;

/** A chamber suits a commodity when its range lies within the commodity's. */
export function chamberSuits(
  chamber: Pick<Chamber, 'minTempC' | 'maxTempC'>,
  commodity: Pick<Commodity, 'minTempC' | 'maxTempC'>,
): boolean {
  return (
    compareDecimal(chamber.minTempC, commodity.minTempC, TEMP_SCALE) >= 0 &&
    compareDecimal(chamber.maxTempC, commodity.maxTempC, TEMP_SCALE) <= 0
  );
}

function suitabilityError(
  chamber: Pick<Chamber, 'code' | 'minTempC' | 'maxTempC'>,
  commodity: Pick<Commodity, 'code' | 'minTempC' | 'maxTempC'>,
): BusinessRuleError {
  return invalid(
    'chamber_id',
    `chamber ${chamber.code} (${chamber.minTempC} to ${chamber.maxTempC} °C) does not suit ${commodity.code} (${commodity.minTempC} to ${commodity.maxTempC} °C)`,
  );
}

/** A movement's lot, warehouse and client: copied from its lot. */
const movementOf = (
  lot: Pick<Lot, 'id' | 'warehouseId' | 'clientId'>,
): Pick<StockMovement, 'lotId' | 'warehouseId' | 'clientId'> => ({
  lotId: lot.id,
  warehouseId: lot.warehouseId,
  clientId: lot.clientId,
});

/** A received lot, the locations it was put in, its weighbridge ticket and receiving record. */
export interface ReceivedLot {
  lot: Lot;
  placements: PlacementOutDto[];
  weighment: Weighment | null;
  traceability: TraceabilityEventOutDto | null;
}

@Injectable()
export class StockMovementsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    /** Traceability's, when its module is loaded. */
    @Optional() private readonly traceability?: LotTraceability,
  ) {}

  /**
   * Receives goods: a new lot with its number and its INWARD movement. Two queries: what the
   * receipt is checked against, then the receipt itself (see insertReceivedLot).
   */
  async inward(
    caller: Principal,
    input: InwardDto,
    /** false for a lot made by a transformation, whose record traceability writes itself. */
    options: { receivingRecord?: boolean } = {},
  ): Promise<ReceivedLot> {
    if (input.weight_kg !== undefined && !isDecimalString(input.weight_kg, WEIGHT_SCALE)) {
      throw invalid('weight_kg', 'weight_kg must be a decimal with at most 3 places');
    }
    const ticket = input.weighment ? checkTicket(input.weighment) : null;
    const givenWeight = ticket
      ? weighedWeight(input.weight_kg, ticket, 'weight_kg')
      : input.weight_kg;
    const { chamber, commodity, clientExists } = await findInwardTargets(this.db.manager, {
      chamberId: input.chamber_id,
      commodityId: input.commodity_id,
      clientId: input.client_id,
    });
    if (!chamber || !scopeCoversWarehouse(caller.scope, chamber.warehouseId)) {
      throw new NotFoundError('Chamber');
    }
    if (input.warehouse_id && input.warehouse_id !== chamber.warehouseId) {
      throw invalid('warehouse_id', 'warehouse_id is not the warehouse of the chamber');
    }
    if (!chamber.active) throw invalid('chamber_id', `chamber ${chamber.code} is not active`);
    if (!commodity) throw new NotFoundError('Commodity');
    if (!chamberSuits(chamber, commodity)) throw suitabilityError(chamber, commodity);
    if (!clientExists) throw new NotFoundError('Client');

    const receivedAt = businessTime('received_at', input.received_at, null);
    const receivedDay = receivedAt.toISOString().slice(0, 10);
    const expiryDate =
      input.expiry_date ??
      (commodity.shelfLifeDays ? addDays(receivedDay, commodity.shelfLifeDays) : null);
    if (expiryDate && expiryDate < receivedDay) {
      // A closed history is reported before a wrong expiry date.
      await assertHistoryOpen(this.db.manager, input.client_id, chamber.warehouseId, receivedAt);
      throw invalid('expiry_date', 'expiry_date is before the received date');
    }
    const weightKg =
      givenWeight ?? (commodity.unit === CommodityUnit.Kg ? String(input.quantity) : '0');
    const weight = fromScaled(toScaled(weightKg, WEIGHT_SCALE), WEIGHT_SCALE);

    const receipt = {
      chamberId: chamber.id,
      warehouseId: chamber.warehouseId,
      warehouseCode: chamber.warehouseCode,
      commodityId: commodity.id,
      clientId: input.client_id,
      quantity: input.quantity,
      weightKg: weight,
      position: input.position ?? null,
      grade: input.grade ?? null,
      receivedAt,
      expiryDate,
      reference: input.reference ?? null,
      vehicleNumber: input.vehicle_number ?? null,
      notes: input.notes ?? null,
      recordedById: caller.userId,
    };
    const event = {
      action: 'lot.received',
      entityType: 'lot',
      warehouseId: chamber.warehouseId,
      clientId: input.client_id,
      after: { quantity: input.quantity, weight_kg: weightKg, chamber: chamber.code },
    };
    const placements = input.placements ?? [];
    const traced =
      this.traceability !== undefined &&
      options.receivingRecord !== false &&
      (commodity.onFoodTraceabilityList || input.traceability !== undefined);
    if (placements.length === 0 && !ticket && !traced) {
      // One query, all or nothing by itself.
      const row = await insertReceivedLot(this.db.manager, this.audit, receipt, event);
      return {
        lot: this.receivedLot(row, input.quantity, weight),
        placements: [],
        weighment: null,
        traceability: null,
      };
    }
    return this.db.transaction(async (manager) => {
      if (placements.length > 0)
        await checkNamedPlacements(manager, chamber.id, placements, input.quantity, 'placements');
      const row = await insertReceivedLot(manager, this.audit, receipt, event);
      const lot = this.receivedLot(row, input.quantity, weight);
      const weighment = ticket
        ? await recordTicket(manager, this.audit, ticket, {
            kind: WeighmentKind.Inward,
            warehouseId: lot.warehouseId,
            clientId: lot.clientId,
            lotId: lot.id,
            dispatchId: null,
            vehicleNumber: input.vehicle_number ?? null,
            movedAt: receivedAt,
            recordedById: caller.userId,
          })
        : null;
      if (placements.length > 0)
        await placeReceipt(manager, lot, placements, caller.userId, receipt.reference);
      const traceability = traced
        ? await this.traceability.receive(caller, lot, input.traceability)
        : null;
      return {
        lot,
        placements: (await placementsOf(manager, [lot.id])).get(lot.id) ?? [],
        weighment,
        traceability,
      };
    });
  }

  /** The lot as its movement left it: the trigger ran after the receipt query's RETURNING. */
  private receivedLot(row: InsertedLotRow, quantity: number, weightKg: string): Lot {
    return this.db.manager.create(Lot, {
      id: row.id,
      lotNumber: row.lot_number,
      warehouseId: row.warehouse_id,
      clientId: row.client_id,
      commodityId: row.commodity_id,
      chamberId: row.chamber_id,
      position: row.position,
      grade: row.grade,
      quantity,
      weightKg,
      receivedAt: row.received_at,
      expiryDate: row.expiry_date,
      status: row.status,
      holdReason: row.hold_reason,
      lastMovementAt: row.last_movement_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    });
  }

  /** Moves a whole lot to another chamber of its warehouse. */
  async transfer(caller: Principal, input: TransferDto): Promise<Lot> {
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, input.lot_id);
      if (lot.status === LotStatus.Depleted)
        throw new ConflictError(`Lot ${lot.lotNumber} is depleted.`);
      if (input.to_chamber_id === lot.chamberId)
        throw invalid('to_chamber_id', 'to_chamber_id is the chamber the lot is in');
      const target = await manager.findOneBy(Chamber, {
        id: input.to_chamber_id,
        warehouseId: lot.warehouseId,
      });
      if (!target) throw new NotFoundError('Chamber');
      if (!target.active) throw invalid('to_chamber_id', `chamber ${target.code} is not active`);
      const commodity = await manager.findOneByOrFail(Commodity, { id: lot.commodityId });
      if (!chamberSuits(target, commodity)) throw suitabilityError(target, commodity);
      const occurredAt = businessTime('occurred_at', input.occurred_at, lot.lastMovementAt);
      await assertHistoryOpen(manager, lot.clientId, lot.warehouseId, occurredAt);
      await manager.insert(StockMovement, {
        ...movementOf(lot),
        type: MovementType.Transfer,
        quantityDelta: 0,
        weightDeltaKg: '0',
        occurredAt,
        fromChamberId: lot.chamberId,
        toChamberId: target.id,
        gatePass: { notes: input.notes ?? null },
        recordedById: caller.userId,
      });
      if (input.position !== undefined)
        await manager.update(Lot, { id: lot.id }, { position: input.position });
      await this.audit.record(manager, {
        action: 'lot.transferred',
        entityType: 'lot',
        entityId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        before: { chamber_id: lot.chamberId, position: lot.position },
        after: { chamber_id: target.id, position: input.position ?? lot.position },
      });
      return manager.findOneByOrFail(Lot, { id: lot.id });
    });
  }

  /** Putaway: where in its chamber the lot sits. Not a stock change, so no movement. */
  async setPosition(caller: Principal, lotId: string, position: string): Promise<Lot> {
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      await manager.update(Lot, { id: lot.id }, { position });
      await this.audit.record(manager, {
        action: 'lot.position_changed',
        entityType: 'lot',
        entityId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        before: { position: lot.position },
        after: { position },
      });
      return manager.findOneByOrFail(Lot, { id: lot.id });
    });
  }

  /** A correction with a reason: never below zero, and a lot with no units weighs nothing. */
  async adjust(caller: Principal, input: AdjustmentDto): Promise<Lot> {
    const weightDelta = input.weight_delta_kg ?? '0';
    if (!isDecimalString(weightDelta, WEIGHT_SCALE)) {
      throw invalid('weight_delta_kg', 'weight_delta_kg must be a decimal with at most 3 places');
    }
    if (input.reason_code === AdjustmentReason.Transformation) {
      throw invalid(
        'reason_code',
        'TRANSFORMATION adjustments are written by POST /api/traceability/transformations',
      );
    }
    return this.writeAdjustment(caller, input);
  }

  /**
   * Units of a locked lot used in a transformation: a TRANSFORMATION adjustment taking them and
   * their weight (as given, else in proportion; all of it when every unit goes).
   */
  async useInTransformation(
    caller: Principal,
    lot: Pick<Lot, 'id' | 'quantity' | 'weightKg'>,
    use: { quantity: number; weightKg?: string; occurredAt: Date; note: string },
  ): Promise<Lot> {
    const held = toScaled(lot.weightKg, WEIGHT_SCALE);
    const taken =
      use.weightKg !== undefined
        ? toScaled(use.weightKg, WEIGHT_SCALE)
        : use.quantity === lot.quantity
          ? held
          : (held * BigInt(use.quantity)) / BigInt(Math.max(lot.quantity, 1));
    return this.writeAdjustment(caller, {
      lot_id: lot.id,
      quantity_delta: -use.quantity,
      weight_delta_kg: fromScaled(-taken, WEIGHT_SCALE),
      reason_code: AdjustmentReason.Transformation,
      note: use.note,
      occurred_at: use.occurredAt,
    });
  }

  private async writeAdjustment(caller: Principal, input: AdjustmentDto): Promise<Lot> {
    const weightDelta = input.weight_delta_kg ?? '0';
    if (input.quantity_delta === 0 && toScaled(weightDelta, WEIGHT_SCALE) === 0n) {
      throw invalid('quantity_delta', 'an adjustment must change the quantity or the weight');
    }
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, input.lot_id);
      const quantity = lot.quantity + input.quantity_delta;
      const weight = toScaled(lot.weightKg, WEIGHT_SCALE) + toScaled(weightDelta, WEIGHT_SCALE);
      if (quantity < 0 || weight < 0n) {
        throw new ConflictError(
          `Lot ${lot.lotNumber} holds ${lot.quantity} units and ${lot.weightKg} kg: the adjustment would make it negative.`,
        );
      }
      if (quantity === 0 && weight !== 0n) {
        throw invalid(
          'weight_delta_kg',
          `a lot with no units must weigh 0 kg (adjust the weight by -${fromScaled(weight, WEIGHT_SCALE)})`,
        );
      }
      const occurredAt = businessTime('occurred_at', input.occurred_at, lot.lastMovementAt);
      await assertHistoryOpen(manager, lot.clientId, lot.warehouseId, occurredAt);
      await manager.insert(StockMovement, {
        ...movementOf(lot),
        type: MovementType.Adjustment,
        quantityDelta: input.quantity_delta,
        weightDeltaKg: fromScaled(toScaled(weightDelta, WEIGHT_SCALE), WEIGHT_SCALE),
        occurredAt,
        reasonCode: input.reason_code,
        gatePass: { notes: input.note },
        recordedById: caller.userId,
      });
      await this.audit.record(manager, {
        action: 'lot.adjusted',
        entityType: 'lot',
        entityId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        before: { quantity: lot.quantity, weight_kg: lot.weightKg },
        after: {
          quantity,
          weight_kg: fromScaled(weight, WEIGHT_SCALE),
          reason_code: input.reason_code,
          note: input.note,
        },
      });
      return manager.findOneByOrFail(Lot, { id: lot.id });
    });
  }

  async hold(caller: Principal, lotId: string, reason: string): Promise<Lot> {
    return this.setHold(caller, lotId, reason);
  }

  async release(caller: Principal, lotId: string, reason: string): Promise<Lot> {
    return this.setHold(caller, lotId, null, reason);
  }

  private async setHold(
    caller: Principal,
    lotId: string,
    holdReason: string | null,
    releaseReason?: string,
  ): Promise<Lot> {
    const holding = holdReason !== null;
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      const expected = holding ? LotStatus.InStock : LotStatus.OnHold;
      if (lot.status !== expected) {
        throw new ConflictError(
          `Lot ${lot.lotNumber} is ${lot.status}; only a lot ${expected} can be ${holding ? 'held' : 'released'}.`,
        );
      }
      const status = holding ? LotStatus.OnHold : LotStatus.InStock;
      await manager.update(Lot, { id: lot.id }, { status, holdReason });
      await this.audit.record(manager, {
        action: holding ? 'lot.held' : 'lot.released',
        entityType: 'lot',
        entityId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        before: { status: lot.status },
        after: { status, reason: holdReason ?? releaseReason },
      });
      return manager.findOneByOrFail(Lot, { id: lot.id });
    });
  }
}
