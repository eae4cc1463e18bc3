import type { EntityManager } from 'typeorm';
import { fromScaled, mulDivHalfUp, toScaled } from 'src/common/decimal';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { ConflictError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { lockLotInScope } from 'src/inventory/lot-access';
import type { Lot } from 'src/inventory/lot.entity';
import type { DataScope } from 'src/rbac/data-scope';
import type { LotPlacementsFieldsDto, PlacementInDto, PlacementOutDto } from './dto/placement.dto';
import { LocationMovementReason } from './storage-location-kind.enum';

const KG_SCALE = 3;

/** `part` units' share of `weightKg` spread over `of` units, to the gram (half up). */
export function shareOfWeight(weightKg: string, part: number, of: number): string {
  if (of <= 0 || part >= of) return normalizeDecimal(weightKg);
  return fromScaled(mulDivHalfUp(toScaled(weightKg, KG_SCALE), BigInt(part), BigInt(of)), KG_SCALE);
}

/** The placements of each lot, in code order (lots without any are absent). */
export async function placementsOf(
  manager: EntityManager,
  lotIds: string[],
): Promise<Map<string, PlacementOutDto[]>> {
  const out = new Map<string, PlacementOutDto[]>();
  if (lotIds.length === 0) return out;
  const rows = await manager.query<(PlacementOutDto & { lot_id: string })[]>(
    `SELECT p.lot_id, p.location_id, s.code, p.quantity, p.weight_kg::text AS weight_kg
       FROM lot_placements p JOIN storage_locations s ON s.id = p.location_id
      WHERE p.lot_id = ANY($1::uuid[]) ORDER BY s.code`,
    [lotIds],
  );
  for (const { lot_id, ...placement } of rows) {
    const list = out.get(lot_id) ?? [];
    list.push({ ...placement, weight_kg: normalizeDecimal(placement.weight_kg) });
    out.set(lot_id, list);
  }
  return out;
}

/** A select-list column: the placements of the lot aliased `alias`, as JSON in code order. */
export const placementsJsonSql = (alias: string): string =>
  `COALESCE((SELECT json_agg(json_build_object('location_id', p.location_id, 'code', s.code,
                     'quantity', p.quantity, 'weight_kg', p.weight_kg::text) ORDER BY s.code)
               FROM lot_placements p JOIN storage_locations s ON s.id = p.location_id
              WHERE p.lot_id = ${alias}.id), '[]'::json)`;

/** A lot's placements and unassigned quantity, as lot responses carry them. */
export function placementFields(
  quantity: number,
  placements: PlacementOutDto[] = [],
): LotPlacementsFieldsDto {
  const placed = placements.reduce((sum, p) => sum + p.quantity, 0);
  return {
    placements: placements.map((p) => ({
      location_id: p.location_id,
      code: p.code,
      quantity: p.quantity,
      weight_kg: normalizeDecimal(p.weight_kg),
    })),
    unassigned_quantity: quantity - placed,
  };
}

export interface PlacementWrite {
  lot: Pick<Lot, 'id' | 'warehouseId' | 'chamberId' | 'quantity' | 'weightKg'>;
  reason: LocationMovementReason;
  stockMovementId: string | null;
  reference: string | null;
  recordedById: string | null;
}

/**
 * Checks the named placements of a request: each location once, in the lot's chamber, and
 * together no more than `limit` units (field: the request's list, for the 422).
 */
export async function checkNamedPlacements(
  manager: EntityManager,
  chamberId: string,
  placements: PlacementInDto[],
  limit: number,
  field: string,
): Promise<Map<string, string>> {
  const ids = placements.map((p) => p.location_id);
  if (new Set(ids).size !== ids.length)
    throw invalid(field, `each location may appear once in ${field}`);
  const total = placements.reduce((sum, p) => sum + p.quantity, 0);
  if (total > limit) throw invalid(field, `${field} add up to ${total}, more than ${limit}`);
  const rows = await manager.query<{ id: string; code: string }[]>(
    `SELECT id, code FROM storage_locations WHERE chamber_id = $1 AND id = ANY($2::uuid[])`,
    [chamberId, ids],
  );
  const codes = new Map(rows.map((r) => [r.id, r.code]));
  const missing = placements.findIndex((p) => !codes.has(p.location_id));
  if (missing >= 0) {
    throw invalid(`${field}[${missing}].location_id`, "is not a location of the lot's chamber");
  }
  return codes;
}

/**
 * Puts units of the lot's unassigned part into locations (the database checks the lot's
 * unassigned quantity and each location's capacity, flags and leafness; 409 naming the
 * location). Locations are filled in id order, so concurrent requests lock them in one order.
 * The weight placed is each quantity's share of the unassigned weight.
 */
export async function placeUnassigned(
  manager: EntityManager,
  write: PlacementWrite,
  placements: PlacementInDto[],
): Promise<void> {
  let { units, kg } = await unassignedOf(manager, write.lot);
  const ordered = [...placements].sort((a, b) => a.location_id.localeCompare(b.location_id));
  for (const p of ordered) {
    const share = shareOfWeight(kg, p.quantity, Math.max(units, p.quantity));
    await addToLocation(manager, write, p.location_id, p.quantity, share, null);
    units -= p.quantity;
    kg = fromScaled(toScaled(kg, KG_SCALE) - toScaled(share, KG_SCALE), KG_SCALE);
  }
}

/** The part of a lot in no location: units, and kg (what placements do not carry, never below 0). */
export async function unassignedOf(
  manager: EntityManager,
  lot: Pick<Lot, 'id' | 'quantity' | 'weightKg'>,
): Promise<{ units: number; kg: string }> {
  const [placed] = await manager.query<{ units: number; kg: string }[]>(
    `SELECT COALESCE(sum(quantity), 0)::int AS units, COALESCE(sum(weight_kg), 0)::text AS kg
       FROM lot_placements WHERE lot_id = $1`,
    [lot.id],
  );
  const kg = toScaled(lot.weightKg, KG_SCALE) - toScaled(normalizeDecimal(placed.kg), KG_SCALE);
  return { units: lot.quantity - placed.units, kg: fromScaled(kg < 0n ? 0n : kg, KG_SCALE) };
}

/** Puts a new lot's named quantities into locations, linked to its INWARD movement. */
export async function placeReceipt(
  manager: EntityManager,
  lot: PlacementWrite['lot'],
  placements: PlacementInDto[],
  recordedById: string,
  reference: string | null,
): Promise<void> {
  const [inward] = await manager.query<{ id: string }[]>(
    `SELECT id FROM stock_movements WHERE lot_id = $1 AND type = 'INWARD'`,
    [lot.id],
  );
  await placeUnassigned(
    manager,
    {
      lot,
      reason: LocationMovementReason.Inward,
      stockMovementId: inward.id,
      reference,
      recordedById,
    },
    placements,
  );
}

/**
 * A dispatch's named placements, before its movements: each named location gives its units up
 * to the lot's unassigned part (history: OUTWARD, with the gate pass reference), so the
 * movement's trigger then takes exactly those. Lots are locked in id order, then the placements.
 */
export async function takeNamedPlacements(
  manager: EntityManager,
  caller: { scope: DataScope; userId: string },
  lines: { lot_id: string; quantity: number; placements?: PlacementInDto[] }[],
  reference: string | null,
): Promise<void> {
  const named = lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.placements?.length)
    .sort((a, b) => a.line.lot_id.localeCompare(b.line.lot_id));
  for (const { line, index } of named) {
    const placements = line.placements ?? [];
    const lot = await lockLotInScope(manager, caller.scope, line.lot_id);
    const field = `lines[${index}].placements`;
    const codes = await checkNamedPlacements(
      manager,
      lot.chamberId,
      placements,
      line.quantity,
      field,
    );
    const write: PlacementWrite = {
      lot,
      reason: LocationMovementReason.Outward,
      stockMovementId: null,
      reference,
      recordedById: caller.userId,
    };
    for (const p of placements) {
      const location = { id: p.location_id, code: codes.get(p.location_id) ?? '' };
      await takeFromLocation(manager, write, location, p.quantity, lot.lotNumber, true);
    }
  }
}

/** Adds units to a placement (created when absent) and records where they came from. */
export async function addToLocation(
  manager: EntityManager,
  write: PlacementWrite,
  locationId: string,
  quantity: number,
  weightKg: string,
  fromLocationId: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO lot_placements (lot_id, location_id, quantity, weight_kg) VALUES ($1, $2, $3, $4)
     ON CONFLICT (lot_id, location_id) DO UPDATE
       SET quantity = lot_placements.quantity + EXCLUDED.quantity,
           weight_kg = lot_placements.weight_kg + EXCLUDED.weight_kg`,
    [write.lot.id, locationId, quantity, weightKg],
  );
  await recordMovement(manager, write, fromLocationId, locationId, quantity, weightKg);
}

/**
 * Takes units out of a placement into the lot's unassigned part (or on to `toLocationId` when
 * the caller adds them there next); 409 when the location holds fewer of the lot. Returns the
 * weight taken: the placement's share for those units.
 */
export async function takeFromLocation(
  manager: EntityManager,
  write: PlacementWrite,
  location: { id: string; code: string },
  quantity: number,
  lotNumber: string,
  record: boolean,
): Promise<string> {
  const rows = await manager.query<{ quantity: number; weight_kg: string }[]>(
    `SELECT quantity, weight_kg::text AS weight_kg FROM lot_placements
      WHERE lot_id = $1 AND location_id = $2 FOR UPDATE`,
    [write.lot.id, location.id],
  );
  const row = rows.at(0);
  const held = row ? row.quantity : 0;
  if (!row || held < quantity) {
    throw new ConflictError(
      `Location ${location.code} holds ${held} units of lot ${lotNumber}; ${quantity} requested.`,
    );
  }
  const kg = shareOfWeight(normalizeDecimal(row.weight_kg), quantity, held);
  if (held === quantity) {
    await manager.query(`DELETE FROM lot_placements WHERE lot_id = $1 AND location_id = $2`, [
      write.lot.id,
      location.id,
    ]);
  } else {
    await manager.query(
      `UPDATE lot_placements SET quantity = quantity - $3, weight_kg = weight_kg - $4, updated_at = now()
        WHERE lot_id = $1 AND location_id = $2`,
      [write.lot.id, location.id, quantity, kg],
    );
  }
  if (record) await recordMovement(manager, write, location.id, null, quantity, kg);
  return kg;
}

async function recordMovement(
  manager: EntityManager,
  write: PlacementWrite,
  from: string | null,
  to: string | null,
  quantity: number,
  weightKg: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO location_movements (lot_id, warehouse_id, from_location_id, to_location_id, quantity,
                                     weight_kg, reason, stock_movement_id, reference, recorded_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      write.lot.id,
      write.lot.warehouseId,
      from,
      to,
      quantity,
      weightKg,
      write.reason,
      write.stockMovementId,
      write.reference,
      write.recordedById,
    ],
  );
}
