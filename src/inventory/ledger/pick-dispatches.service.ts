import { Injectable } from '@nestjs/common';
import { ConflictError } from 'src/common/errors/domain.errors';
import { Db } from 'src/database/db';
import { PickingService } from 'src/inventory/locations/picking.service';
import type { Principal } from 'src/rbac/principal';
import { type DispatchResult, DispatchesService } from './dispatches.service';
import type { DispatchFromPickDto } from 'src/inventory/ledger/dto/movement-requests.dto';

@Injectable()
export class PickDispatchesService {
  constructor(
    private readonly db: Db,
    private readonly picking: PickingService,
    private readonly dispatches: DispatchesService,
  ) {}

  /**
   * The pick suggestion dispatched as one gate pass, naming the slots it picked, in one
   * transaction: the dispatch locks the lots and checks them again, so a lot or slot changed
   * since it was picked refuses the whole (409).
   */
  async dispatch(caller: Principal, input: DispatchFromPickDto): Promise<DispatchResult> {
    return this.db.transaction(async () => {
      const pick = await this.picking.suggest(caller, input);
      if (pick.shortfall > 0)
        throw new ConflictError(
          `The client's lots of this commodity in stock hold ${pick.covered_quantity} units; ${input.quantity} requested.`,
        );
      return this.dispatches.dispatch(caller, {
        client_id: input.client_id,
        lines: pick.lots.map((lot) => ({
          lot_id: lot.lot_id,
          quantity: lot.quantity,
          placements: lot.slots.flatMap((slot) =>
            slot.location_id ? [{ location_id: slot.location_id, quantity: slot.quantity }] : [],
          ),
        })),
        reference: input.reference,
        vehicle_number: input.vehicle_number,
        notes: input.notes,
        dispatched_at: input.dispatched_at,
        lien_settlements: input.lien_settlements,
        traceability: input.traceability,
      });
    });
  }
}
