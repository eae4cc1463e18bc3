import { Injectable } from '@nestjs/common';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { Db } from 'src/database/db';
import type { DataScope } from 'src/rbac/data-scope';
import { chamberInScope } from './chamber-in-scope';
import type { ChamberOccupancyGridDto } from './dto/occupancy.dto';
import { USAGE_SQL } from './location-usage';
import { occupancyGrid, type OccupancyRow } from './occupancy';

/** A chamber's occupancy grid over its placements. */
@Injectable()
export class OccupancyService {
  constructor(private readonly db: Db) {}

  async occupancy(scope: DataScope, chamberId: string): Promise<ChamberOccupancyGridDto> {
    const manager = this.db.manager;
    const chamber = await chamberInScope(manager, scope, chamberId);
    const rows = await manager.query<OccupancyRow[]>(
      `SELECT s.id, s.parent_id, s.kind, s.code, s.capacity_units, s.capacity_kg::text AS capacity_kg,
              s.capacity_pallets, s.active, s.blocked,
              COALESCE(u.units, 0) AS used_units, COALESCE(u.kg, '0') AS used_kg,
              COALESCE(u.pallets, 0) AS used_pallets, COALESCE(u.lots, 0) AS lots,
              EXISTS (SELECT 1 FROM storage_locations c WHERE c.parent_id = s.id) AS has_children
         FROM storage_locations s
         LEFT JOIN (${USAGE_SQL}
                     WHERE l.chamber_id = $1 GROUP BY p.location_id) u ON u.location_id = s.id
        WHERE s.chamber_id = $1
        ORDER BY s.path`,
      [chamber.id],
    );
    const grid = occupancyGrid(
      rows.map((r) => ({
        ...r,
        capacity_kg: r.capacity_kg === null ? null : normalizeDecimal(r.capacity_kg),
        used_kg: normalizeDecimal(r.used_kg),
      })),
    );
    return Object.assign(
      { chamber_id: chamber.id, chamber_code: chamber.code, slot_count: grid.slotCount },
      grid.totals,
      { floors: grid.floors },
    );
  }
}
