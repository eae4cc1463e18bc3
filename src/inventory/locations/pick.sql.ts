/**
 * The pick suggestion's SQL, with no framework imports, so the benchmark baseline runs exactly
 * the query the API sends.
 */

export type PickStrategy = 'FEFO' | 'FIFO';

export interface PickRequest {
  clientId: string;
  commodityId: string;
  quantity: number;
  strategy: PickStrategy;
}

/** One row per (lot, where the units are taken from), in pick order. */
export interface PickRow {
  lot_id: string;
  lot_number: string;
  warehouse_id: string;
  chamber_id: string;
  expiry_date: string | null;
  received_at: Date;
  lot_quantity: number;
  /** Units taken from the lot. */
  take: number;
  /** Null: the lot's unassigned part, which a dispatch takes first. */
  location_id: string | null;
  code: string | null;
  /** Units taken from this location (or the unassigned part). */
  slot_take: number;
}

/**
 * Takes the client's IN_STOCK lots of the commodity in pick order (FEFO: earliest expiry, no
 * expiry last, then earliest receipt; FIFO: earliest receipt), lot number breaking ties, until
 * the quantity is covered; held and depleted lots never. Within a lot the units come from where
 * a dispatch takes them (the stock_movements_place trigger): the unassigned part first, then its
 * locations in code order. `scopeSql` is the caller's scope over the lot alias `l`, its values
 * already bound in `params` (which this appends to).
 */
export function pickSql(
  request: PickRequest,
  scopeSql: string,
  params: unknown[],
): { sql: string; params: unknown[] } {
  const bind = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const quantity = bind(request.quantity, 'int');
  const order =
    request.strategy === 'FEFO'
      ? `coalesce(l.expiry_date, 'infinity'::date), l.received_at, l.lot_number`
      : `l.received_at, l.lot_number`;
  const sql = `
    WITH candidate AS (
      SELECT l.id, l.lot_number, l.warehouse_id, l.chamber_id, l.expiry_date, l.received_at,
             l.quantity, sum(l.quantity) OVER (ORDER BY ${order}, l.id) - l.quantity AS before,
             row_number() OVER (ORDER BY ${order}, l.id) AS n
        FROM lots l
       WHERE l.client_id = ${bind(request.clientId, 'uuid')}
         AND l.commodity_id = ${bind(request.commodityId, 'uuid')}
         AND l.status = 'IN_STOCK' AND l.quantity > 0 AND ${scopeSql}
    ),
    lot AS (
      SELECT c.*, least(c.quantity, ${quantity} - c.before)::int AS take
        FROM candidate c WHERE c.before < ${quantity}
    ),
    source AS (
      SELECT k.id AS lot_id, NULL::uuid AS location_id, NULL::varchar AS code,
             k.quantity - coalesce((SELECT sum(p.quantity) FROM lot_placements p WHERE p.lot_id = k.id), 0)
               AS units
        FROM lot k
      UNION ALL
      SELECT p.lot_id, p.location_id, s.code, p.quantity
        FROM lot k JOIN lot_placements p ON p.lot_id = k.id
        JOIN storage_locations s ON s.id = p.location_id
    ),
    -- Materialized: read once, not once a lot (the planner expects a single lot).
    running AS MATERIALIZED (
      SELECT src.*, sum(src.units) OVER w - src.units AS before
        FROM source src WHERE src.units > 0
      WINDOW w AS (PARTITION BY src.lot_id ORDER BY src.code NULLS FIRST, src.location_id)
    )
    SELECT k.id AS lot_id, k.lot_number, k.warehouse_id, k.chamber_id,
           k.expiry_date::text AS expiry_date, k.received_at, k.quantity AS lot_quantity, k.take,
           r.location_id, r.code, least(r.units, k.take - r.before)::int AS slot_take
      FROM lot k JOIN running r ON r.lot_id = k.id AND r.before < k.take
     ORDER BY k.n, r.code NULLS FIRST, r.location_id`;
  return { sql, params };
}
