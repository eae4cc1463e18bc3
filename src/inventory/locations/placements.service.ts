import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Db } from 'src/database/db';
import { lockLotInScope } from 'src/inventory/lot-access';
import type { Lot } from 'src/inventory/lot.entity';
import type { Principal } from 'src/rbac/principal';
import type { LotPlacementsOutDto, MovePlacementDto } from './dto/placement.dto';
import {
  addToLocation,
  placementFields,
  placementsOf,
  shareOfWeight,
  takeFromLocation,
  unassignedOf,
  type PlacementWrite,
} from './placements';
import { LocationMovementReason } from './storage-location-kind.enum';

/** Moving parts of a lot between its chamber's locations and its unassigned part. */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /**
   * Moves units of a lot from a location (or its unassigned part) to another (or back to
   * unassigned): quantity conserved, history written, audited. The lot is locked first, then
   * the locations (by the database's checks), as every placement change does.
   */
  async move(
    caller: Principal,
    lotId: string,
    input: MovePlacementDto,
  ): Promise<LotPlacementsOutDto> {
    const from = input.from_location_id ?? null;
    const to = input.to_location_id ?? null;
    if (from === null && to === null) {
      throw invalid('to_location_id', 'name from_location_id, to_location_id or both');
    }
    if (from === to) throw invalid('to_location_id', 'to_location_id is from_location_id');
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      if (lot.quantity === 0) throw new ConflictError(`Lot ${lot.lotNumber} is depleted.`);
      const codes = await locationCodes(manager, lot.chamberId, { from, to });
      const write: PlacementWrite = {
        lot,
        reason: LocationMovementReason.Move,
        stockMovementId: null,
        reference: input.reference ?? null,
        recordedById: caller.userId,
      };
      let kg: string;
      if (from !== null) {
        const location = { id: from, code: codes.get(from) ?? '' };
        kg = await takeFromLocation(
          manager,
          write,
          location,
          input.quantity,
          lot.lotNumber,
          to === null,
        );
      } else {
        const unassigned = await unassignedOf(manager, lot);
        if (unassigned.units < input.quantity) {
          throw new ConflictError(
            `Lot ${lot.lotNumber} has ${unassigned.units} units not in a location; ${input.quantity} requested.`,
          );
        }
        kg = shareOfWeight(unassigned.kg, input.quantity, unassigned.units);
      }
      if (to !== null) await addToLocation(manager, write, to, input.quantity, kg, from);
      await this.audit.record(manager, {
        action: 'lot.placement_moved',
        entityType: 'lot',
        entityId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        after: {
          from: from === null ? null : codes.get(from),
          to: to === null ? null : codes.get(to),
          quantity: input.quantity,
          weight_kg: kg,
          reference: write.reference,
        },
      });
      return lotPlacements(manager, lot);
    });
  }
}

/** The lot's placements as the placement routes answer them. */
export async function lotPlacements(
  manager: EntityManager,
  lot: Pick<Lot, 'id' | 'lotNumber' | 'quantity'>,
): Promise<LotPlacementsOutDto> {
  const placements = (await placementsOf(manager, [lot.id])).get(lot.id);
  return Object.assign(
    { lot_id: lot.id, lot_number: lot.lotNumber, quantity: lot.quantity },
    placementFields(lot.quantity, placements),
  );
}

/** The codes of the named locations; one outside the lot's chamber is a 422 on its field. */
async function locationCodes(
  manager: EntityManager,
  chamberId: string,
  ends: { from: string | null; to: string | null },
): Promise<Map<string, string>> {
  const ids = [ends.from, ends.to].filter((id): id is string => id !== null);
  const rows = await manager.query<{ id: string; code: string }[]>(
    `SELECT id, code FROM storage_locations WHERE chamber_id = $1 AND id = ANY($2::uuid[])`,
    [chamberId, ids],
  );
  const codes = new Map(rows.map((r) => [r.id, r.code]));
  for (const [field, id] of [
    ['from_location_id', ends.from],
    ['to_location_id', ends.to],
  ] as const) {
    if (id !== null && !codes.has(id))
      throw invalid(field, `${field} is not a location of the lot's chamber`);
  }
  return codes;
}
