import type { EntityManager } from 'typeorm';
import type { AuditEntry, AuditService } from 'src/audit/audit.service';
import { withOpenHistoryCheck } from './stock-history';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import { stockScope } from '../lot-access';
import type { LotStatus } from '../lot-status.enum';

/** Why a line cannot leave, the first that applies, in the order they are reported. */
export type LineProblem =
  'missing' | 'other_client' | 'on_hold' | 'short' | 'overweight' | 'not_all_weight' | 'untraced';

export interface GatePass {
  /** Null: the lots' own client (the one-lot shorthand). */
  clientId: string | null;
  lines: { lotId: string; quantity: number; weightKg: string | null }[];
  /**
   * The request's date; null for an undated dispatch, dated by the database's clock once its
   * lots are locked, so one that waited for another is never dated before it. With `catchUp`,
   * never before the lots' latest movement either (see DispatchesService).
   */
  dispatchedAt: Date | null;
  catchUp: boolean;
  /** False when the date is already known to be refused: the lots are checked, nothing written. */
  mayWrite: boolean;
  /**
   * Whether the gate pass carries FSMA 204 shipping records (written after it, in its
   * transaction). When it does not, a lot of a Food Traceability List commodity is refused.
   */
  traced: boolean;
  reference: string | null;
  vehicleNumber: string | null;
  notes: string | null;
  createdById: string;
}

/** One line of the request, with its lot as locked (before the dispatch). */
export interface DispatchLineRow {
  /** As the request gave it. */
  lot_id: string;
  /** Null when the lot is not in the caller's scope; so are the lot's other figures. */
  lot_number: string | null;
  warehouse_id: string | null;
  quantity: number | null;
  weight_kg: string | null;
  status: LotStatus | null;
  /** kg leaving with the line, and what stays in the lot (both trimmed decimals). */
  weight: string | null;
  remaining_weight_kg: string | null;
  problem: LineProblem | null;
  /** Of the whole request: the warehouses of its lots and their latest movement (epoch ms). */
  warehouses: number;
  latest_ms: string | null;
  /** Set only when the dispatch was written. */
  dispatch_id: string | null;
  dispatched_at: Date | null;
  dispatch_warehouse_id: string | null;
  dispatch_client_id: string | null;
  /** Of the whole request: the first FEFO_SKIPPED_SHOWN lots FEFO would have taken before the dispatched ones. */
  fefo_skipped: FefoSkippedLot[];
  /** How many lots FEFO would have taken first, all of them. */
  fefo_skipped_total: number;
}

/** How many of the lots a dispatch left behind it lists (the ones FEFO would take first). */
export const FEFO_SKIPPED_SHOWN = 10;

const FEFO_ORDER = `coalesce(s.expiry_date, 'infinity'::date), s.received_at, s.lot_number`;

/** An in-stock lot of the client and commodity that a dispatch left behind though it expires (or came) earlier. */
export interface FefoSkippedLot {
  lot_id: string;
  lot_number: string;
  /** ISO date, null when the lot does not expire. */
  expiry_date: string | null;
  /** ISO date-time in UTC. */
  received_at: string;
}

/**
 * A dispatch in one query, all or nothing without a transaction. The lots are locked FOR
 * UPDATE in id order (concurrent dispatches cannot deadlock; one waiting for a lot reads it as
 * the other left it); every line gets its weight (as given, else proportional to the lot's,
 * rounded half up, the last unit taking the rest) and its first problem. Only when no line has
 * one, the lots share a warehouse, the date is not before any lot's latest movement, and then
 * the client's stock history is open on that day (stock_history_assert_open raises SC409
 * otherwise), are the dispatch, its OUTWARD movements (their trigger moves the lots) and the audit event written.
 * Returns every line in request order, whether written or not, for the answer or the refusal,
 * each with the lots FEFO would have taken first (flagged, not refused; the audit records them).
 */
export async function runDispatch(
  manager: EntityManager,
  audit: AuditService,
  scope: DataScope,
  pass: GatePass,
  event: AuditEntry,
): Promise<DispatchLineRow[]> {
  const params: unknown[] = [];
  const bind = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const ids = bind(
    pass.lines.map((line) => line.lotId),
    'text[]',
  );
  const quantities = bind(
    pass.lines.map((line) => line.quantity),
    'int[]',
  );
  const weights = bind(
    pass.lines.map((line) => line.weightKg),
    'numeric[]',
  );
  const at = bind(pass.dispatchedAt, 'timestamptz');
  const reference = bind(pass.reference, 'varchar');
  const vehicleNumber = bind(pass.vehicleNumber, 'varchar');
  const notes = bind(pass.notes, 'varchar');
  const createdBy = bind(pass.createdById, 'uuid');
  const sql = `
    WITH line AS (
      SELECT t.n, t.lot_id, t.quantity, t.given
        FROM unnest(${ids}, ${quantities}, ${weights}) WITH ORDINALITY AS t (lot_id, quantity, given, n)
    ),
    locked AS (
      SELECT l.id, l.lot_number, l.warehouse_id, l.client_id, l.quantity, l.weight_kg, l.status,
             l.last_movement_at, l.commodity_id, l.expiry_date, l.received_at
        FROM lots l
       WHERE l.id = ANY (${ids}::uuid[]) AND ${scopeCondition(scope, stockScope('l'), params)}
       ORDER BY l.id
         FOR UPDATE
    ),
    plan AS (
      SELECT line.n, line.lot_id, line.quantity AS requested, k.lot_number, k.warehouse_id,
             k.client_id, k.quantity, k.weight_kg, k.status, k.last_movement_at, k.commodity_id,
             k.expiry_date, k.received_at,
             CASE WHEN line.given IS NOT NULL THEN line.given
                  WHEN line.quantity >= k.quantity THEN k.weight_kg
                  ELSE ((div(k.weight_kg * 1000 * line.quantity, k.quantity)
                         + CASE WHEN mod(k.weight_kg * 1000 * line.quantity, k.quantity) * 2
                                     >= k.quantity THEN 1 ELSE 0 END) / 1000)::numeric(14, 3)
             END AS weight,
             CASE WHEN k.id IS NULL THEN 'missing'
                  WHEN k.client_id::text <> coalesce(${bind(pass.clientId, 'text')}, k.client_id::text)
                    THEN 'other_client'
                  WHEN k.status = 'ON_HOLD' THEN 'on_hold'
                  WHEN k.quantity < line.quantity THEN 'short'
                  WHEN line.given > k.weight_kg THEN 'overweight'
                  WHEN line.quantity = k.quantity AND line.given <> k.weight_kg THEN 'not_all_weight'
                  WHEN NOT ${bind(pass.traced, 'boolean')}
                       AND (SELECT c.on_food_traceability_list FROM commodities c
                             WHERE c.id = k.commodity_id) THEN 'untraced'
             END AS problem
        -- As text: a lot is found by its id only as the API spells it (in lower case).
        FROM line LEFT JOIN locked k ON k.id::text = line.lot_id
    ),
    -- Lots FEFO would have taken first: the same client, warehouse and commodity, in stock, left
    -- out of the dispatch, expiring earlier (no expiry last) or, expiring alike, received earlier.
    -- Read from the dispatched lines through ix_lots_client_commodity: a lot's few siblings, not
    -- every lot in stock.
    skipped AS (
      SELECT DISTINCT o.id, o.lot_number, o.expiry_date, o.received_at
        FROM plan p
        JOIN lots o ON o.client_id = p.client_id AND o.commodity_id = p.commodity_id
                   AND o.warehouse_id = p.warehouse_id
       WHERE p.problem IS NULL AND o.status = 'IN_STOCK' AND o.quantity > 0
         AND o.id::text <> ALL (${ids})
         AND (coalesce(o.expiry_date, 'infinity'::date), o.received_at)
             < (coalesce(p.expiry_date, 'infinity'::date), p.received_at)
    ),
    -- The first FEFO_SKIPPED_SHOWN of them and how many there are: a client with thousands of
    -- older lots must not put all of them in every answer and audit event.
    skipped_list AS (
      SELECT (SELECT count(*)::int FROM skipped) AS total,
             coalesce((
               SELECT jsonb_agg(jsonb_build_object('lot_id', s.id, 'lot_number', s.lot_number,
                                                   'expiry_date', s.expiry_date,
                                                   'received_at', to_char(s.received_at AT TIME ZONE 'UTC',
                                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                ORDER BY ${FEFO_ORDER})
                 FROM (SELECT * FROM skipped s ORDER BY ${FEFO_ORDER} LIMIT ${FEFO_SKIPPED_SHOWN}) s
             ), '[]'::jsonb) AS lots
    ),
    facts AS (
      SELECT count(DISTINCT warehouse_id)::int AS warehouses, max(last_movement_at) AS latest,
             bool_and(problem IS NULL) AS lines_ok,
             -- Read once every lot is locked: an aggregate's result is computed after its input.
             date_trunc('milliseconds', clock_timestamp()) AS locked_at,
             (array_agg(warehouse_id))[1] AS warehouse_id, (array_agg(client_id))[1] AS client_id
        FROM plan
    ),
    verdict AS (
      SELECT f.*, d.at,
             f.lines_ok AND f.warehouses = 1 AND ${bind(pass.mayWrite, 'boolean')}
               -- In whole milliseconds, as the service compares dates.
               AND floor(extract(epoch FROM d.at) * 1000) >= floor(extract(epoch FROM f.latest) * 1000)
               AS ok
        FROM facts f
       CROSS JOIN LATERAL (
             SELECT CASE WHEN ${bind(pass.catchUp, 'boolean')} THEN greatest(f.locked_at, f.latest)
                         ELSE coalesce(${at}, f.locked_at) END AS at) d
    ),
    open AS (
      SELECT warehouse_id, client_id, at,
             stock_history_assert_open(client_id, warehouse_id, at) AS history_open
        FROM verdict
       WHERE ok
    ),
    dispatch AS (
      INSERT INTO dispatches (warehouse_id, client_id, dispatched_at, reference, vehicle_number,
                              notes, created_by_id)
      SELECT warehouse_id, client_id, at, ${reference}, ${vehicleNumber}, ${notes}, ${createdBy}
        FROM open
       WHERE history_open
      RETURNING id, warehouse_id, client_id, dispatched_at
    ),
    movement AS (
      INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                   weight_delta_kg, occurred_at, dispatch_id, reference,
                                   vehicle_number, notes, recorded_by_id)
      SELECT p.lot_id::uuid, p.warehouse_id, p.client_id, 'OUTWARD', -p.requested, -p.weight,
             d.dispatched_at, d.id, ${reference}, ${vehicleNumber}, ${notes}, ${createdBy}
        FROM plan p CROSS JOIN dispatch d
    ),
    audit AS (
      ${audit.insertSql(params, event, {
        from: 'dispatch d',
        entityId: 'd.id',
        warehouseId: 'd.warehouse_id',
        clientId: 'd.client_id',
        after: `jsonb_build_object('lines', (
                  SELECT jsonb_agg(jsonb_build_object('lot_number', p.lot_number,
                                                      'quantity', p.requested,
                                                      'weight_kg', trim_scale(p.weight)::text)
                                   ORDER BY p.n)
                    FROM plan p))
                || (SELECT CASE WHEN total = 0 THEN '{}'::jsonb
                                ELSE jsonb_build_object('fefo_skipped', lots,
                                                        'fefo_skipped_total', total) END
                      FROM skipped_list)`,
      })}
    )
    SELECT p.lot_id, p.lot_number, p.warehouse_id, p.quantity,
           trim_scale(p.weight_kg)::text AS weight_kg, p.status,
           trim_scale(p.weight)::text AS weight,
           trim_scale(p.weight_kg - p.weight)::text AS remaining_weight_kg, p.problem,
           f.warehouses, floor(extract(epoch FROM f.latest) * 1000)::text AS latest_ms,
           d.id AS dispatch_id, d.dispatched_at, d.warehouse_id AS dispatch_warehouse_id,
           d.client_id AS dispatch_client_id, k.lots AS fefo_skipped,
           k.total AS fefo_skipped_total
      FROM plan p CROSS JOIN facts f CROSS JOIN skipped_list k LEFT JOIN dispatch d ON true
     ORDER BY p.n`;
  return withOpenHistoryCheck(manager.query<DispatchLineRow[]>(sql, params));
}
