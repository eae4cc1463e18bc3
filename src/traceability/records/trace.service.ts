import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import type { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { lockLotInScope } from 'src/inventory/lot-access';
import { scopeCondition } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { LotTraceCode } from './lot-trace-code.entity';
import { recordReceipt } from './lot-traceability.recorder';
import { TraceabilityEvent } from './traceability-event.entity';
import { TraceabilityEventType } from './traceability-event-type.enum';
import { toEventOut } from './traceability-records';
import { type LateReceiptDto, TraceRelation, type TraceOutDto } from './trace.dto';

/** How many transformations a trace follows each way: far beyond any real chain. */
const MAX_DEPTH = 50;

/**
 * The lots reachable from a code through transformations, back (what they were made from) and
 * forward (what was made of them), nearest first. Transformations only make new lots, so the
 * graph has no cycles; the depth bound is a guard.
 */
const TRACE_SQL = `
  WITH RECURSIVE start AS (
    SELECT t.lot_id FROM lot_trace_codes t JOIN lots l ON l.id = t.lot_id
     WHERE t.tlc = $1 AND %SCOPE%
  ), back (lot_id, depth) AS (
    SELECT lot_id, 0 FROM start
    UNION
    SELECT e.lot_id, b.depth + 1 FROM back b
      JOIN transformations tr ON tr.output_lot_id = b.lot_id
      JOIN traceability_events e ON e.transformation_id = tr.id AND e.role = 'INPUT'
     WHERE b.depth < ${MAX_DEPTH}
  ), forward (lot_id, depth) AS (
    SELECT lot_id, 0 FROM start
    UNION
    SELECT tr.output_lot_id, f.depth + 1 FROM forward f
      JOIN traceability_events e ON e.lot_id = f.lot_id AND e.role = 'INPUT'
      JOIN transformations tr ON tr.id = e.transformation_id
     WHERE f.depth < ${MAX_DEPTH}
  )
  SELECT 'CAME_FROM' AS relation, lot_id, min(depth)::int AS depth FROM back GROUP BY lot_id
  UNION ALL
  SELECT 'BECAME', lot_id, min(depth)::int FROM forward WHERE depth > 0 GROUP BY lot_id`;

interface ReachedRow {
  relation: 'CAME_FROM' | 'BECAME';
  lot_id: string;
  depth: number;
}

@Injectable()
export class TraceService {
  constructor(private readonly db: Db) {}

  /** Trace back and forward from a traceability lot code; 404 when no lot in scope has it. */
  async trace(caller: Principal, tlc: string): Promise<TraceOutDto> {
    const params: unknown[] = [tlc];
    const scope = scopeCondition(caller.scope, { warehouse: 'l.warehouse_id' }, params);
    const reached = await this.db.manager.query<ReachedRow[]>(
      TRACE_SQL.replace('%SCOPE%', scope),
      params,
    );
    if (reached.length === 0)
      throw new NotFoundError('Traceability lot code', `No lot has traceability lot code ${tlc}.`);
    const lotIds = Array.from(new Set(reached.map((row) => row.lot_id)));
    const [codes, events, numbers] = await Promise.all([
      this.db.manager.getRepository(LotTraceCode).findBy({ lotId: In(lotIds) }),
      this.db.manager
        .getRepository(TraceabilityEvent)
        .createQueryBuilder('e')
        .where('e.lot_id = ANY(:lotIds)', { lotIds })
        .orderBy('e.occurred_at', 'ASC')
        .addOrderBy('e.created_at', 'ASC')
        .getMany(),
      this.db.manager.query<
        { id: string; lot_number: string; warehouse_id: string; client_id: string }[]
      >('SELECT id, lot_number, warehouse_id, client_id FROM lots WHERE id = ANY($1::uuid[])', [
        lotIds,
      ]),
    ]);
    const lots = new Map(numbers.map((row) => [row.id, row]));
    const codeOf = new Map(codes.map((code) => [code.lotId, code]));
    const out = (event: TraceabilityEvent): TraceabilityEventOutDto =>
      toEventOut(event, lots.get(event.lotId)?.lot_number ?? '');
    const relationOf = (row: ReachedRow): TraceRelation =>
      row.depth === 0
        ? TraceRelation.Self
        : row.relation === 'BECAME'
          ? TraceRelation.Became
          : TraceRelation.CameFrom;
    const traced = reached
      .filter((row) => codeOf.has(row.lot_id) && lots.has(row.lot_id))
      .map((row) => {
        const code = codeOf.get(row.lot_id) as LotTraceCode;
        const lot = lots.get(row.lot_id) as {
          lot_number: string;
          warehouse_id: string;
          client_id: string;
        };
        return {
          lot_id: row.lot_id,
          lot_number: lot.lot_number,
          tlc: code.tlc,
          tlc_assigned: code.tlcAssigned,
          product_description: code.productDescription,
          warehouse_id: lot.warehouse_id,
          client_id: lot.client_id,
          relation: relationOf(row),
          depth: row.depth,
          events: events.filter((event) => event.lotId === row.lot_id).map(out),
        };
      })
      .sort((a, b) => a.depth - b.depth || a.lot_number.localeCompare(b.lot_number));
    const backward = new Set(
      traced.filter((lot) => lot.relation !== TraceRelation.Became).map((lot) => lot.lot_id),
    );
    const forward = new Set(
      traced.filter((lot) => lot.relation !== TraceRelation.CameFrom).map((lot) => lot.lot_id),
    );
    return {
      tlc,
      lots: traced,
      sources: events
        .filter((e) => e.type === TraceabilityEventType.Receiving && backward.has(e.lotId))
        .map(out),
      shipments: events
        .filter((e) => e.type === TraceabilityEventType.Shipping && forward.has(e.lotId))
        .map(out),
    };
  }

  /**
   * The receiving record of a lot received before its commodity went on the list (or without
   * its records): dated and sized as its receipt was.
   */
  async lateReceipt(caller: Principal, input: LateReceiptDto): Promise<TraceabilityEventOutDto> {
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, input.lot_id);
      const commodity = await manager.findOneByOrFail(Commodity, { id: lot.commodityId });
      const [inward] = await manager.query<{ quantity: number }[]>(
        `SELECT quantity_delta AS quantity FROM stock_movements
          WHERE lot_id = $1 AND type = 'INWARD' ORDER BY occurred_at LIMIT 1`,
        [lot.id],
      );
      const facts = {
        id: lot.id,
        lotNumber: lot.lotNumber,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        commodityId: lot.commodityId,
        grade: lot.grade,
        quantity: inward.quantity,
        receivedAt: lot.receivedAt,
      };
      return recordReceipt(manager, caller, facts, commodity, input);
    });
  }
}
