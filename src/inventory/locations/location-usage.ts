import type { EntityManager } from 'typeorm';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';

/** What a location holds now: units, kg and units of PALLET commodities. */
export interface LocationUsage {
  units: number;
  kg: string;
  pallets: number;
}

export const EMPTY_USAGE: LocationUsage = { units: 0, kg: '0', pallets: 0 };

/** SQL summing the placements per location: `location_id, lots, units, kg, pallets`. */
export const USAGE_SQL = `SELECT p.location_id, count(*)::int AS lots, sum(p.quantity)::int AS units, sum(p.weight_kg)::text AS kg,
         COALESCE(sum(p.quantity) FILTER (WHERE c.unit = 'PALLET'), 0)::int AS pallets
    FROM lot_placements p
    JOIN lots l ON l.id = p.lot_id
    JOIN commodities c ON c.id = l.commodity_id`;

/** Usage of the given locations, by id (absent ones hold nothing). */
export async function usageOf(
  manager: EntityManager,
  locationIds: string[],
): Promise<Map<string, LocationUsage>> {
  if (locationIds.length === 0) return new Map();
  const rows = await manager.query<
    { location_id: string; units: number; kg: string; pallets: number }[]
  >(`${USAGE_SQL} WHERE p.location_id = ANY($1::uuid[]) GROUP BY p.location_id`, [locationIds]);
  return new Map(
    rows.map((r) => [
      r.location_id,
      { units: r.units, kg: normalizeDecimal(r.kg), pallets: r.pallets },
    ]),
  );
}
