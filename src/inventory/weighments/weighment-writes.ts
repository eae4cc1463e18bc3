import type { EntityManager } from 'typeorm';
import type { AuditService } from 'src/audit/audit.service';
import { compareDecimal } from 'src/common/decimal';
import { invalid } from 'src/common/validation/validation-failed.error';
import { businessTime } from 'src/inventory/business-time';
import type { WeighmentInDto } from 'src/inventory/weighments/dto/weighment.dto';
import { netOfTicket } from './weighment-figures';
import type { WeighmentKind } from './weighment-kind.enum';
import { Weighment } from './weighment.entity';

/** A weighbridge ticket checked before anything is written: its net and its time. */
export interface CheckedTicket {
  ticket: WeighmentInDto;
  netKg: string;
}

/** Checks a ticket of a request body (field `weighment`): gross > tare ≥ 0, not in the future. */
export function checkTicket(ticket: WeighmentInDto, field = 'weighment'): CheckedTicket {
  const netKg = netOfTicket(ticket, field);
  if (ticket.weighed_at) businessTime(`${field}.weighed_at`, ticket.weighed_at, null);
  return { ticket, netKg };
}

/**
 * The weight a movement records when a ticket weighed it: the ticket's net, which a weight
 * given beside it must equal (one figure of record, never two that disagree).
 */
export function weighedWeight(
  given: string | undefined,
  ticket: CheckedTicket,
  field: string,
): string {
  if (given !== undefined && compareDecimal(given, ticket.netKg, 3) !== 0) {
    throw invalid(
      field,
      `${field} must equal the weighment's net of ${ticket.netKg} kg (gross less tare), or be left out`,
    );
  }
  return ticket.netKg;
}

export interface TicketOwner {
  kind: WeighmentKind.Inward | WeighmentKind.Dispatch;
  warehouseId: string;
  clientId: string;
  /** The lot; null for a dispatch of several lots. */
  lotId: string | null;
  dispatchId: string | null;
  /** The gate pass's vehicle: the ticket's when it names none. */
  vehicleNumber: string | null;
  /** The movement's business time: the ticket's default time. */
  movedAt: Date;
  recordedById: string;
}

/**
 * Stores a receipt's or a dispatch's ticket in the transaction that wrote its movement (so one
 * never stands without the other), linked to the lot's movement when it weighs one lot.
 */
export async function recordTicket(
  manager: EntityManager,
  audit: AuditService,
  { ticket, netKg }: CheckedTicket,
  owner: TicketOwner,
): Promise<Weighment> {
  const movements = owner.lotId
    ? await manager.query<{ id: string }[]>(
        `SELECT id FROM stock_movements
          WHERE lot_id = $1 AND ($2::uuid IS NULL AND type = 'INWARD' OR dispatch_id = $2::uuid)
          ORDER BY occurred_at LIMIT 1`,
        [owner.lotId, owner.dispatchId],
      )
    : [];
  const weighment = await manager.save(
    manager.create(Weighment, {
      kind: owner.kind,
      warehouseId: owner.warehouseId,
      clientId: owner.clientId,
      lotId: owner.lotId,
      movementId: movements.length > 0 ? movements[0].id : null,
      dispatchId: owner.dispatchId,
      grossKg: ticket.gross_kg,
      tareKg: ticket.tare_kg,
      netKg,
      vehicleNumber: ticket.vehicle_number ?? owner.vehicleNumber,
      ticketNumber: ticket.ticket_number ?? null,
      weighedAt: ticket.weighed_at ?? owner.movedAt,
      bagsWeighed: null,
      lotQuantity: null,
      lotWeightKg: null,
      witnessedBy: null,
      notes: null,
      recordedById: owner.recordedById,
    }),
  );
  await audit.record(manager, {
    action: 'weighment.recorded',
    entityType: 'weighment',
    entityId: weighment.id,
    warehouseId: owner.warehouseId,
    clientId: owner.clientId,
    after: {
      kind: owner.kind,
      lot_id: owner.lotId,
      dispatch_id: owner.dispatchId,
      gross_kg: ticket.gross_kg,
      tare_kg: ticket.tare_kg,
      net_kg: netKg,
      ticket_number: weighment.ticketNumber,
    },
  });
  return weighment;
}
