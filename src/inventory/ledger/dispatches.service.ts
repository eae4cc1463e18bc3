import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import {
  BusinessRuleError,
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
} from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Permission } from 'src/rbac/permission.enum';
import type { Principal } from 'src/rbac/principal';
import { businessTime } from 'src/inventory/business-time';
import { takeNamedPlacements } from 'src/inventory/locations/placements';
import type { Dispatch } from './dispatch.entity';
import {
  type DispatchLineRow,
  type FefoSkippedLot,
  type GatePass,
  runDispatch,
} from './dispatch.sql';
import type {
  CreateDispatchDto,
  DispatchLineDto,
  OutwardDto,
} from 'src/inventory/ledger/dto/movement-requests.dto';
import type { Lot } from 'src/inventory/lot.entity';
import type { GatePassDetails } from 'src/inventory/gate-pass-details';
import type { LienSettlementDto } from 'src/inventory/ledger/dto/lien-settlement.dto';
import { LienSettlements } from './lien-settlements';
import { LotTraceability } from './lot-traceability';
import type { ShippingKdesDto, TraceabilityEventOutDto } from './dto/traceability-kdes.dto';
import { WeighmentKind } from 'src/inventory/weighments/weighment-kind.enum';
import type { Weighment } from 'src/inventory/weighments/weighment.entity';
import {
  checkTicket,
  recordTicket,
  type CheckedTicket,
  weighedWeight,
} from 'src/inventory/weighments/weighment-writes';
import { fromScaled, toScaled } from 'src/common/decimal';

export interface DispatchedLine {
  /** The lot as the dispatch left it. */
  lot: Pick<Lot, 'id' | 'lotNumber' | 'quantity' | 'weightKg'>;
  quantity: number;
  weightKg: string;
}

export interface DispatchResult {
  dispatch: Pick<Dispatch, 'id' | 'warehouseId' | 'clientId' | 'dispatchedAt' | 'gatePass'>;
  lines: DispatchedLine[];
  /** Lots of the client and commodity that FEFO would have taken first (the first few); allowed, flagged. */
  fefoSkipped: FefoSkippedLot[];
  /** How many lots FEFO would have taken first, all of them. */
  fefoSkippedTotal: number;
  /** The truck's weighbridge ticket, when one was given. */
  weighment?: Weighment | null;
  /** FSMA 204 shipping records, one per traceable line: what goes to the recipient. */
  traceability?: TraceabilityEventOutDto[];
}

interface DispatchRequest {
  /** Null: the lot's own client (outward names only the lot). */
  clientId: string | null;
  lines: Pick<DispatchLineDto, 'lot_id' | 'quantity' | 'weight_kg'>[];
  reference?: string;
  vehicle_number?: string;
  notes?: string;
  dispatched_at?: Date;
  lien_settlements?: LienSettlementDto[];
  traceability?: ShippingKdesDto;
}

type RequestLine = DispatchRequest['lines'][number];

/**
 * The lines' weights under a ticket: one line takes the net (a weight given must equal it);
 * several lines each give theirs, adding up to the net.
 */
function weighedLines(lines: RequestLine[], ticket: CheckedTicket): RequestLine[] {
  if (lines.length === 1) {
    const [line] = lines;
    return [{ ...line, weight_kg: weighedWeight(line.weight_kg, ticket, 'lines[0].weight_kg') }];
  }
  let sum = 0n;
  for (const [index, line] of lines.entries()) {
    if (line.weight_kg === undefined) {
      throw invalid(
        `lines[${index}].weight_kg`,
        `lines[${index}].weight_kg is required: with a weighment, each line of a dispatch of several lots gives its weight`,
      );
    }
    sum += toScaled(line.weight_kg, 3);
  }
  if (sum !== toScaled(ticket.netKg, 3)) {
    throw invalid(
      'weighment',
      `the lines' weights add up to ${fromScaled(sum, 3)} kg, not to the weighment's net of ${ticket.netKg} kg`,
    );
  }
  return lines;
}

const UNEXPLAINED = 'The dispatch query refused a dispatch that the rules allow.';

/** The date's own fault (a future date), reported only after the lots' faults. */
function futureDateFault(given: Date | undefined, now: Date): BusinessRuleError | null {
  try {
    businessTime('dispatched_at', given, null, now);
    return null;
  } catch (error: unknown) {
    if (error instanceof BusinessRuleError) return error;
    throw error;
  }
}

/** The refusal of the first faulty line, in the order the rules are reported. */
function lineFault(rows: DispatchLineRow[], lines: DispatchRequest['lines']): DomainError | null {
  const missing = rows.find((row) => row.problem === 'missing');
  if (missing) return new NotFoundError('Lot', `Lot ${missing.lot_id} not found.`);
  if (rows[0].warehouses > 1) return invalid('lines', 'a dispatch leaves from one warehouse');
  for (const [index, row] of rows.entries()) {
    const line = lines[index];
    const lot = row.lot_number ?? '';
    switch (row.problem) {
      case null:
      case 'missing':
        break;
      case 'other_client':
        return invalid(`lines[${index}].lot_id`, `lot ${lot} belongs to another client`);
      case 'on_hold':
        return new ConflictError(`Lot ${lot} is on hold and cannot be dispatched.`);
      case 'short':
        return new ConflictError(
          `Lot ${lot} holds ${row.quantity ?? 0} units; ${line.quantity} requested.`,
        );
      case 'overweight':
        return new ConflictError(
          `Lot ${lot} holds ${row.weight_kg ?? ''} kg; ${line.weight_kg ?? ''} kg requested.`,
        );
      case 'untraced':
        return invalid(
          'traceability',
          `traceability is required: lot ${lot} is of a commodity on the Food Traceability List`,
        );
      case 'not_all_weight': {
        const field = `lines[${index}].weight_kg`;
        return invalid(
          field,
          `${field} must be ${row.weight_kg ?? ''}: the dispatch empties lot ${lot}`,
        );
      }
    }
  }
  return null;
}

const gatePassOf = (request: DispatchRequest): Pick<GatePassDetails, keyof GatePassDetails> => ({
  reference: request.reference ?? null,
  vehicleNumber: request.vehicle_number ?? null,
  notes: request.notes ?? null,
});

function dispatched(rows: DispatchLineRow[], request: DispatchRequest): DispatchResult {
  const [first] = rows;
  return {
    dispatch: {
      id: first.dispatch_id as string,
      warehouseId: first.dispatch_warehouse_id as string,
      clientId: first.dispatch_client_id as string,
      dispatchedAt: first.dispatched_at as Date,
      gatePass: gatePassOf(request),
    },
    lines: rows.map((row, index) => ({
      lot: {
        id: row.lot_id,
        lotNumber: row.lot_number as string,
        quantity: (row.quantity as number) - request.lines[index].quantity,
        weightKg: row.remaining_weight_kg as string,
      },
      quantity: request.lines[index].quantity,
      weightKg: row.weight as string,
    })),
    fefoSkipped: first.fefo_skipped,
    fefoSkippedTotal: first.fefo_skipped_total,
  };
}

@Injectable()
export class DispatchesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    /** Billing's, when its lien module is loaded. */
    @Optional() private readonly liens?: LienSettlements,
    /** Traceability's, when its module is loaded. */
    @Optional() private readonly traceability?: LotTraceability,
  ) {}

  /**
   * One gate pass, several lots of one client, all or nothing: one query checks every line
   * against its locked lot and writes only when all pass (see runDispatch).
   */
  async dispatch(caller: Principal, input: CreateDispatchDto): Promise<DispatchResult> {
    const ids = input.lines.map((line) => line.lot_id);
    if (new Set(ids).size !== ids.length)
      throw invalid('lines', 'each lot may appear once in a dispatch');
    const ticket = input.weighment ? checkTicket(input.weighment) : null;
    const request: DispatchRequest = {
      clientId: input.client_id,
      lines: ticket ? weighedLines(input.lines, ticket) : input.lines,
      reference: input.reference,
      vehicle_number: input.vehicle_number,
      notes: input.notes,
      dispatched_at: input.dispatched_at,
      lien_settlements: input.lien_settlements,
      traceability: input.traceability,
    };
    return this.weighed(caller, request, ticket, () => {
      if (!input.lines.some((line) => line.placements?.length))
        return this.settleAndSend(caller, request);
      // The named locations give up their units first, in the dispatch's transaction: a refused
      // dispatch puts them back.
      return this.settleAndSend(caller, request, (manager) =>
        takeNamedPlacements(manager, caller, input.lines, input.reference ?? null),
      );
    });
  }

  /** The one-lot shorthand of the first version's operator screens: the lot's client's. */
  async outward(caller: Principal, input: OutwardDto): Promise<DispatchResult> {
    const ticket = input.weighment ? checkTicket(input.weighment) : null;
    const weightKg = ticket ? weighedWeight(input.weight_kg, ticket, 'weight_kg') : input.weight_kg;
    const request: DispatchRequest = {
      clientId: null,
      lines: [{ lot_id: input.lot_id, quantity: input.quantity, weight_kg: weightKg }],
      reference: input.reference,
      vehicle_number: input.vehicle_number,
      notes: input.notes,
      dispatched_at: input.dispatched_at,
      lien_settlements: input.lien_settlements,
      traceability: input.traceability,
    };
    return this.weighed(caller, request, ticket, () => this.settleAndSend(caller, request));
  }

  /**
   * Liens named on the gate pass are repaid or released first, and the work before the dispatch
   * done, in one transaction with it: a refused dispatch undoes them. Settling a lien is money,
   * so the caller must also hold finance.lien.manage.
   */
  private async settleAndSend(
    caller: Principal,
    request: DispatchRequest,
    before?: (manager: EntityManager) => Promise<unknown>,
  ): Promise<DispatchResult> {
    const settlements = request.lien_settlements ?? [];
    if (settlements.length > 0 && !caller.permissions.has(Permission.FinanceLienManage))
      throw new ForbiddenError();
    const traced = this.recorded(request);
    if (settlements.length === 0 && !before && !traced) return this.send(caller, request);
    return this.db.transaction(async (manager) => {
      if (settlements.length > 0) {
        if (!this.liens) throw new Error('No lien module is loaded to settle liens.');
        await this.liens.settle(caller, {
          lotIds: request.lines.map((line) => line.lot_id),
          at: request.dispatched_at ?? new Date(),
          gatePassReference: request.reference ?? null,
          settlements: settlements.map((s) => ({
            lienId: s.lien_id,
            action: s.action,
            amountMinor: s.amount_minor,
            reference: s.reference,
          })),
        });
      }
      if (before) await before(manager);
      const result = await this.send(caller, request);
      if (traced) result.traceability = await this.ship(caller, result, request.traceability);
      return result;
    });
  }

  /** Whether the gate pass carries shipping records (and a module is loaded to write them). */
  private recorded(request: DispatchRequest): boolean {
    return this.traceability !== undefined && request.traceability !== undefined;
  }

  private ship(
    caller: Principal,
    { dispatch, lines }: DispatchResult,
    kdes: ShippingKdesDto | undefined,
  ): Promise<TraceabilityEventOutDto[]> {
    if (!this.traceability) throw new Error('No traceability module is loaded.');
    return this.traceability.ship(
      caller,
      {
        dispatchId: dispatch.id,
        warehouseId: dispatch.warehouseId,
        dispatchedAt: dispatch.dispatchedAt,
        lines: lines.map((line) => ({ lotId: line.lot.id, quantity: line.quantity })),
      },
      kdes,
    );
  }

  /**
   * A dispatch with its truck's ticket: both in one transaction, so a refused dispatch leaves
   * no ticket and a failed ticket no dispatch. A one-lot dispatch's ticket names the lot.
   */
  private async weighed(
    caller: Principal,
    request: DispatchRequest,
    ticket: CheckedTicket | null,
    send: () => Promise<DispatchResult>,
  ): Promise<DispatchResult> {
    if (!ticket) return send();
    return this.db.transaction(async (manager) => {
      const result = await send();
      const { dispatch, lines } = result;
      result.weighment = await recordTicket(manager, this.audit, ticket, {
        kind: WeighmentKind.Dispatch,
        warehouseId: dispatch.warehouseId,
        clientId: dispatch.clientId,
        lotId: lines.length === 1 ? lines[0].lot.id : null,
        dispatchId: dispatch.id,
        vehicleNumber: request.vehicle_number ?? null,
        movedAt: dispatch.dispatchedAt,
        recordedById: caller.userId,
      });
      return result;
    });
  }

  /**
   * An undated dispatch is dated when its lots are locked, by the database's clock (so one that
   * waited for another is never dated before it). It is refused when a lot's latest movement is
   * later still (dated ahead of that clock) unless ours has passed it by now: then it is sent
   * once more, dated not before that movement.
   */
  private async send(caller: Principal, request: DispatchRequest): Promise<DispatchResult> {
    const now = new Date();
    const future = futureDateFault(request.dispatched_at, now);
    const rows = await this.write(caller, request, {
      mayWrite: future === null,
      catchUp: false,
    });
    if (rows[0].dispatch_id) return dispatched(rows, request);
    const fault = lineFault(rows, request.lines) ?? future;
    if (fault) throw fault;
    const latest = new Date(Number(rows[0].latest_ms));
    // Throws: the date is before a lot's latest movement, unless an undated one is now past it.
    businessTime('dispatched_at', request.dispatched_at, latest, new Date());
    if (request.dispatched_at !== undefined) throw new Error(UNEXPLAINED);
    const again = await this.write(caller, request, { mayWrite: true, catchUp: true });
    if (again[0].dispatch_id) return dispatched(again, request);
    throw lineFault(again, request.lines) ?? new Error(UNEXPLAINED);
  }

  private write(
    caller: Principal,
    request: DispatchRequest,
    options: Pick<GatePass, 'mayWrite' | 'catchUp'>,
  ): Promise<DispatchLineRow[]> {
    const pass: GatePass = {
      clientId: request.clientId,
      lines: request.lines.map((line) => ({
        lotId: line.lot_id,
        quantity: line.quantity,
        weightKg: line.weight_kg ?? null,
      })),
      dispatchedAt: request.dispatched_at ?? null,
      traced: this.recorded(request),
      ...options,
      ...gatePassOf(request),
      createdById: caller.userId,
    };
    return runDispatch(this.db.manager, this.audit, caller.scope, pass, {
      action: 'dispatch.created',
      entityType: 'dispatch',
      after: { reference: pass.reference, vehicle_number: pass.vehicleNumber },
    });
  }
}
