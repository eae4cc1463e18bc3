import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { fromScaled, isDecimalString, mulDivHalfUp, toScaled } from 'src/common/decimal';
import { BusinessRuleError, ConflictError } from 'src/common/errors/domain.errors';
import type { Principal } from 'src/rbac/principal';
import { businessTime } from './business-time';
import { Dispatch } from './dispatch.entity';
import type { CreateDispatchDto, DispatchLineDto, OutwardDto } from './dto/movement-requests.dto';
import { assertPeriodOpen } from 'src/billing/billing-locks';
import { lockLotInScope, lockLotsInScope } from './lot-access';
import { LotStatus } from './lot-status.enum';
import type { Lot } from './lot.entity';
import { MovementType } from './movement-type.enum';
import { StockMovement } from './stock-movement.entity';

const WEIGHT_SCALE = 3;

export interface DispatchedLine {
  lot: Lot;
  quantity: number;
  weightKg: string;
}

export interface DispatchResult {
  dispatch: Dispatch;
  lines: DispatchedLine[];
}

const invalid = (field: string, message: string): BusinessRuleError =>
  new BusinessRuleError(`Validation failed: ${message}.`, [{ field, message }]);

/**
 * The weight leaving with `quantity` units: as given, else proportional to what the lot holds.
 * The last unit takes the rest, so a depleted lot weighs exactly 0 kg.
 */
export function dispatchWeight(
  lot: Pick<Lot, 'quantity' | 'weightKg' | 'lotNumber'>,
  line: Pick<DispatchLineDto, 'quantity' | 'weight_kg'>,
  field: string,
): bigint {
  const onHand = toScaled(lot.weightKg, WEIGHT_SCALE);
  const depletes = line.quantity === lot.quantity;
  if (line.weight_kg === undefined) {
    return depletes ? onHand : mulDivHalfUp(onHand, BigInt(line.quantity), BigInt(lot.quantity));
  }
  if (!isDecimalString(line.weight_kg, WEIGHT_SCALE))
    throw invalid(field, `${field} must be a decimal with at most 3 places`);
  const given = toScaled(line.weight_kg, WEIGHT_SCALE);
  if (given > onHand) {
    throw new ConflictError(
      `Lot ${lot.lotNumber} holds ${lot.weightKg} kg; ${line.weight_kg} kg requested.`,
    );
  }
  if (depletes && given !== onHand) {
    throw invalid(
      field,
      `${field} must be ${fromScaled(onHand, WEIGHT_SCALE)}: the dispatch empties lot ${lot.lotNumber}`,
    );
  }
  return given;
}

@Injectable()
export class DispatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * One gate pass, several lots of one client, all or nothing: the lots are locked in id order,
   * every line is checked, and only then are the movements written.
   */
  async dispatch(caller: Principal, input: CreateDispatchDto): Promise<DispatchResult> {
    const ids = input.lines.map((line) => line.lot_id);
    if (new Set(ids).size !== ids.length)
      throw invalid('lines', 'each lot may appear once in a dispatch');
    return this.dataSource.transaction(async (manager) => {
      const lots = await lockLotsInScope(manager, caller.scope, ids);
      const warehouses = new Set([...lots.values()].map((lot) => lot.warehouseId));
      if (warehouses.size > 1) throw invalid('lines', 'a dispatch leaves from one warehouse');
      const planned = input.lines.map((line, index) => {
        const lot = lots.get(line.lot_id) as Lot;
        if (lot.clientId !== input.client_id) {
          throw invalid(`lines[${index}].lot_id`, `lot ${lot.lotNumber} belongs to another client`);
        }
        if (lot.status === LotStatus.OnHold)
          throw new ConflictError(`Lot ${lot.lotNumber} is on hold and cannot be dispatched.`);
        if (lot.quantity < line.quantity) {
          throw new ConflictError(
            `Lot ${lot.lotNumber} holds ${lot.quantity} units; ${line.quantity} requested.`,
          );
        }
        return {
          lot,
          quantity: line.quantity,
          weight: dispatchWeight(lot, line, `lines[${index}].weight_kg`),
        };
      });
      const latest = planned.reduce<Date>(
        (max, p) => (p.lot.lastMovementAt > max ? p.lot.lastMovementAt : max),
        new Date(0),
      );
      const dispatchedAt = businessTime('dispatched_at', input.dispatched_at, latest);
      await assertPeriodOpen(manager, input.client_id, planned[0].lot.warehouseId, dispatchedAt);

      const dispatch = await manager.save(
        manager.create(Dispatch, {
          warehouseId: planned[0].lot.warehouseId,
          clientId: input.client_id,
          dispatchedAt,
          reference: input.reference ?? null,
          vehicleNumber: input.vehicle_number ?? null,
          notes: input.notes ?? null,
          createdById: caller.userId,
        }),
      );
      await manager.insert(
        StockMovement,
        planned.map((p) => ({
          lotId: p.lot.id,
          warehouseId: p.lot.warehouseId,
          clientId: p.lot.clientId,
          type: MovementType.Outward,
          quantityDelta: -p.quantity,
          weightDeltaKg: fromScaled(-p.weight, WEIGHT_SCALE),
          occurredAt: dispatchedAt,
          dispatchId: dispatch.id,
          reference: input.reference ?? null,
          vehicleNumber: input.vehicle_number ?? null,
          notes: input.notes ?? null,
          recordedById: caller.userId,
        })),
      );
      await this.audit.record(manager, {
        action: 'dispatch.created',
        entityType: 'dispatch',
        entityId: dispatch.id,
        warehouseId: dispatch.warehouseId,
        clientId: dispatch.clientId,
        after: {
          lines: planned.map((p) => ({
            lot_number: p.lot.lotNumber,
            quantity: p.quantity,
            weight_kg: fromScaled(p.weight, WEIGHT_SCALE),
          })),
          reference: dispatch.reference,
          vehicle_number: dispatch.vehicleNumber,
        },
      });
      const after = await lockLotsInScope(manager, caller.scope, ids);
      return {
        dispatch,
        lines: planned.map((p) => ({
          lot: after.get(p.lot.id) as Lot,
          quantity: p.quantity,
          weightKg: fromScaled(p.weight, WEIGHT_SCALE),
        })),
      };
    });
  }

  /** The one-lot shorthand of the first version's operator screens. */
  async outward(caller: Principal, input: OutwardDto): Promise<DispatchResult> {
    const lot = await this.dataSource.transaction((manager) =>
      lockLotInScope(manager, caller.scope, input.lot_id),
    );
    return this.dispatch(caller, {
      client_id: lot.clientId,
      lines: [{ lot_id: input.lot_id, quantity: input.quantity, weight_kg: input.weight_kg }],
      reference: input.reference,
      vehicle_number: input.vehicle_number,
      notes: input.notes,
      dispatched_at: input.dispatched_at,
    });
  }
}
