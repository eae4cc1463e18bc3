/**
 * The putaway suggestion's SQL, with no framework imports, so the benchmark baseline runs
 * exactly the query the API sends.
 */

export interface PutawayRequest {
  /** Null: every warehouse (an unrestricted caller); else the caller's. */
  warehouseId: string | null;
  /** False when the caller's scope sees no warehouse: nothing is suggested. */
  anyWarehouse: boolean;
  clientId: string;
  commodityId: string;
  chamberId: string | null;
  quantity: number;
  /** Decimal kg of the whole quantity; null: 1 kg a unit for KG commodities, else unweighed. */
  weightKg: string | null;
}

/** One row per suggested slot, best first; one row with a null location when none fits. */
export interface PutawayRow {
  location_id: string | null;
  code: string | null;
  path: string | null;
  chamber_id: string | null;
  /** Null: the location sets no capacity that bounds this commodity. */
  free_units: number | null;
  suggested_quantity: number | null;
  score: number | null;
  /** 3 the slot holds the client's lots of the commodity, 2 a neighbour in its level/rack does, 1 its rack does. */
  affinity: number | null;
  /** Of the request: whether the commodity, client and named chamber exist and fit. */
  commodity_exists: boolean;
  client_exists: boolean;
  chamber_found: boolean;
  chamber_fits: boolean;
  /** Units the suggestion leaves unplaced (the best chamber's room fell short). */
  remaining: number;
}

/**
 * Ranks the free leaf locations of the chambers that suit the commodity (range within its range,
 * active, in scope) and picks, in one chamber, the fewest that take the quantity. A slot's score
 * is how much of the quantity it takes (0-100) plus 20 a step of closeness to where the client
 * already keeps the commodity (same slot, same parent, same grandparent); slots are taken best
 * first (ties by code), a slot that takes the whole quantity before any (fewest slots), and the chamber is the one that covers most with the fewest slots, then
 * by score and code. Free room is the least of units, pallets (PALLET commodities) and kg (at
 * the request's kg a unit); a location without a capacity has room for the whole quantity.
 */
export function putawaySql(request: PutawayRequest): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const quantity = bind(request.quantity, 'int');
  const client = bind(request.clientId, 'uuid');
  const chamber = bind(request.chamberId, 'uuid');
  const warehouse = bind(request.warehouseId, 'uuid');
  const sql = `
    WITH ask AS (
      SELECT co.id AS commodity_id, co.unit, co.min_temp_c, co.max_temp_c,
             coalesce(${bind(request.weightKg, 'numeric')},
                      CASE WHEN co.unit = 'KG' THEN ${quantity}::numeric END) / ${quantity} AS unit_kg
        FROM commodities co WHERE co.id = ${bind(request.commodityId, 'uuid')}
    ),
    chamber AS (
      SELECT ch.id, ch.code,
             ch.active AND ch.min_temp_c >= a.min_temp_c AND ch.max_temp_c <= a.max_temp_c AS fits
        FROM chambers ch CROSS JOIN ask a
       WHERE ${bind(request.anyWarehouse, 'boolean')}
         AND (${warehouse} IS NULL OR ch.warehouse_id = ${warehouse})
         AND (${chamber} IS NULL OR ch.id = ${chamber})
    ),
    leaf AS (
      SELECT s.id, s.code, s.path, s.parent_id, par.parent_id AS grandparent_id, s.chamber_id,
             c.code AS chamber_code, s.capacity_units, s.capacity_kg, s.capacity_pallets
        FROM chamber c JOIN storage_locations s ON s.chamber_id = c.id
        LEFT JOIN storage_locations par ON par.id = s.parent_id
       WHERE c.fits AND s.active AND NOT s.blocked
         AND NOT EXISTS (SELECT 1 FROM storage_locations k WHERE k.parent_id = s.id)
    ),
    used AS (
      SELECT p.location_id, sum(p.quantity) AS units, sum(p.weight_kg) AS kg,
             coalesce(sum(p.quantity) FILTER (WHERE co.unit = 'PALLET'), 0) AS pallets,
             bool_or(l.client_id = ${client} AND l.commodity_id = a.commodity_id) AS ours
        FROM lot_placements p
        JOIN leaf f ON f.id = p.location_id
        JOIN lots l ON l.id = p.lot_id
        JOIN commodities co ON co.id = l.commodity_id
       CROSS JOIN ask a
       GROUP BY p.location_id
    ),
    -- Where the client's lots of the commodity sit now, with their parent and grandparent.
    home AS (
      SELECT DISTINCT s.id, s.parent_id, par.parent_id AS grandparent_id
        FROM lots l
        JOIN ask a ON a.commodity_id = l.commodity_id
        JOIN lot_placements p ON p.lot_id = l.id
        JOIN storage_locations s ON s.id = p.location_id
        LEFT JOIN storage_locations par ON par.id = s.parent_id
       WHERE l.client_id = ${client} AND l.status = 'IN_STOCK'
         AND l.chamber_id IN (SELECT id FROM chamber WHERE fits)
    ),
    room AS MATERIALIZED (
      -- LEAST skips nulls: a capacity not set does not bound; none set leaves free_units null.
      SELECT f.*, greatest(0, least(
               f.capacity_units - coalesce(u.units, 0),
               CASE WHEN a.unit = 'PALLET' THEN f.capacity_pallets - coalesce(u.pallets, 0) END,
               floor((f.capacity_kg - coalesce(u.kg, 0)) / nullif(a.unit_kg, 0))::bigint
             ))::int AS free_units,
             CASE WHEN coalesce(u.ours, false) THEN 3
                  WHEN f.parent_id IN (SELECT h.parent_id FROM home h) THEN 2
                  WHEN f.grandparent_id IN (SELECT h.grandparent_id FROM home h) THEN 1
                  ELSE 0 END AS affinity
        FROM leaf f CROSS JOIN ask a LEFT JOIN used u ON u.location_id = f.id
    ),
    fit AS (
      SELECT r.*, least(${quantity}, coalesce(r.free_units, ${quantity})) AS fit FROM room r
    ),
    ranked AS (
      SELECT r.*, (100 * r.fit / ${quantity}) + 20 * r.affinity AS score
        FROM fit r WHERE r.fit > 0
    ),
    running AS (
      SELECT r.*, sum(r.fit) OVER w - r.fit AS before
        FROM ranked r
      WINDOW w AS (PARTITION BY r.chamber_id ORDER BY r.fit = ${quantity} DESC, r.score DESC, r.code, r.id)
    ),
    taken AS (
      SELECT r.*, least(r.fit, ${quantity} - r.before)::int AS take
        FROM running r WHERE r.before < ${quantity}
    ),
    best AS (
      SELECT t.chamber_id
        FROM taken t
       GROUP BY t.chamber_id, t.chamber_code
       ORDER BY sum(t.take) DESC, count(*), sum(t.score) DESC, t.chamber_code
       LIMIT 1
    ),
    facts AS (
      SELECT EXISTS (SELECT 1 FROM ask) AS commodity_exists,
             EXISTS (SELECT 1 FROM clients c WHERE c.id = ${client}) AS client_exists,
             EXISTS (SELECT 1 FROM chamber) AS chamber_found,
             EXISTS (SELECT 1 FROM chamber WHERE fits) AS chamber_fits,
             ${quantity} - coalesce((SELECT sum(t.take) FROM taken t JOIN best b USING (chamber_id)), 0)
               AS remaining
    )
    SELECT t.id AS location_id, t.code, t.path, t.chamber_id, t.free_units,
           t.take AS suggested_quantity, t.score, t.affinity,
           f.commodity_exists, f.client_exists, f.chamber_found, f.chamber_fits,
           f.remaining::int AS remaining
      FROM facts f
      LEFT JOIN (taken t JOIN best b USING (chamber_id)) ON true
     ORDER BY t.fit = ${quantity} DESC, t.score DESC, t.code, t.id`;
  return { sql, params };
}
