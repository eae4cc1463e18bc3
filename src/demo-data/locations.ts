// The demo chambers' racks and where the lots sit in them, written in SQL through the database's
// placement rules (the same triggers a receipt's placements pass).
import type { EntityManager } from 'typeorm';

/** Levels per rack and slots per level: a rack holds 20 slots. */
const LEVELS = 4;
const SLOTS_PER_LEVEL = 5;
/** Every tenth lot stays unassigned, as goods waiting for putaway do. */
const UNASSIGNED_EVERY = 10;

/**
 * Lays each chamber out in racks (R01…, 4 levels × 5 slots, enough racks for the chamber's lots
 * and at least 4) and places nine in ten of the lots with stock whole in a slot, in lot-number
 * order, with a MOVE in the placement history. Each slot's capacity is then what it holds plus a
 * quarter, 500 units at least; a few empty slots are blocked for repair.
 */
export async function writeDemoLayout(
  manager: EntityManager,
  chambers: readonly string[],
): Promise<{ locations: number; placements: number }> {
  await manager.query(
    `INSERT INTO storage_locations (warehouse_id, chamber_id, kind, code, name, path, depth)
     SELECT ch.warehouse_id, ch.id, 'RACK', r.code, 'Rack ' || r.n, r.code, 0
       FROM chambers ch
      CROSS JOIN LATERAL (SELECT count(*) AS lots FROM lots l
                           WHERE l.chamber_id = ch.id AND l.quantity > 0) stock
      CROSS JOIN LATERAL (
            SELECT n, 'R' || lpad(n::text, 2, '0') AS code
              FROM generate_series(1, greatest(4, ceil(stock.lots / $2::numeric)::int)) n) r
      WHERE ch.id = ANY($1::uuid[])`,
    [chambers, LEVELS * SLOTS_PER_LEVEL * 0.9],
  );
  await manager.query(
    `INSERT INTO storage_locations (warehouse_id, chamber_id, parent_id, kind, code, name, path, depth)
     SELECT r.warehouse_id, r.chamber_id, r.id, 'LEVEL', r.code || '-L' || n, 'Level ' || n,
            r.path || '/' || r.code || '-L' || n, 1
       FROM storage_locations r CROSS JOIN generate_series(1, $2::int) n
      WHERE r.kind = 'RACK' AND r.chamber_id = ANY($1::uuid[])`,
    [chambers, LEVELS],
  );
  await manager.query(
    `INSERT INTO storage_locations (warehouse_id, chamber_id, parent_id, kind, code, path, depth)
     SELECT l.warehouse_id, l.chamber_id, l.id, 'SLOT', l.code || '-S' || lpad(n::text, 2, '0'),
            l.path || '/' || l.code || '-S' || lpad(n::text, 2, '0'), 2
       FROM storage_locations l CROSS JOIN generate_series(1, $2::int) n
      WHERE l.kind = 'LEVEL' AND l.chamber_id = ANY($1::uuid[])`,
    [chambers, SLOTS_PER_LEVEL],
  );
  const [{ placements }] = await manager.query<{ placements: number }[]>(
    `WITH slot AS (
       SELECT s.id, s.chamber_id,
              row_number() OVER (PARTITION BY s.chamber_id ORDER BY s.code) - 1 AS n,
              count(*) OVER (PARTITION BY s.chamber_id) AS slots
         FROM storage_locations s WHERE s.kind = 'SLOT' AND s.chamber_id = ANY($1::uuid[])
     ), lot AS (
       SELECT l.id, l.warehouse_id, l.chamber_id, l.quantity, l.weight_kg,
              row_number() OVER (PARTITION BY l.chamber_id ORDER BY l.lot_number) - 1 AS n
         FROM lots l WHERE l.quantity > 0 AND l.chamber_id = ANY($1::uuid[])
     ), chosen AS (
       SELECT lot.id, lot.warehouse_id, lot.quantity, lot.weight_kg, slot.id AS location_id
         FROM lot JOIN slot ON slot.chamber_id = lot.chamber_id AND slot.n = lot.n % slot.slots
        WHERE lot.n % $2::int <> $2::int - 1
     ), placed AS (
       INSERT INTO lot_placements (lot_id, location_id, quantity, weight_kg)
       SELECT id, location_id, quantity, weight_kg FROM chosen
       RETURNING lot_id
     ), history AS (
       INSERT INTO location_movements (lot_id, warehouse_id, from_location_id, to_location_id,
                                       quantity, weight_kg, reason, reference)
       SELECT id, warehouse_id, NULL, location_id, quantity, weight_kg, 'MOVE', 'demo-data layout'
         FROM chosen
     )
     SELECT count(*)::int AS placements FROM placed`,
    [chambers, UNASSIGNED_EVERY],
  );
  await manager.query(
    `UPDATE storage_locations s
        SET capacity_units = greatest(500, ceil(coalesce(used.units, 0) * 1.25))::int,
            blocked = used.units IS NULL AND abs(hashtext(s.code || s.chamber_id::text)) % 40 = 0,
            blocked_reason = CASE WHEN used.units IS NULL
                                   AND abs(hashtext(s.code || s.chamber_id::text)) % 40 = 0
                                  THEN 'Racking under repair' END
       FROM storage_locations x
       LEFT JOIN (SELECT location_id, sum(quantity) AS units FROM lot_placements
                   GROUP BY location_id) used ON used.location_id = x.id
      WHERE s.id = x.id AND s.kind = 'SLOT' AND s.chamber_id = ANY($1::uuid[])`,
    [chambers],
  );
  const [{ locations }] = await manager.query<{ locations: number }[]>(
    'SELECT count(*)::int AS locations FROM storage_locations WHERE chamber_id = ANY($1::uuid[])',
    [chambers],
  );
  return { locations, placements };
}
