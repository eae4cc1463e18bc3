import { Injectable } from '@nestjs/common';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Db } from 'src/database/db';
import type { DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import type {
  PutawaySlotDto,
  PutawaySuggestionDto,
  PutawaySuggestionRequestDto,
} from './dto/putaway-picking.dto';
import { type PutawayRow, putawaySql } from './putaway.sql';

const AFFINITY_REASONS: Record<number, string | undefined> = {
  3: "holds the client's lots of this commodity",
  2: "beside the client's lots of this commodity",
  1: "in the rack of the client's lots of this commodity",
};

/** The warehouse a scope suggests in: null for every warehouse; false when it sees none. */
function warehouseOf(scope: DataScope): string | null | false {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'warehouse':
      return scope.warehouseId ?? false;
    case 'client':
      return false;
  }
}

function reasonsOf(row: PutawayRow, quantity: number): string[] {
  const take = row.suggested_quantity ?? 0;
  const reasons = [
    take === quantity ? `takes all ${quantity} units` : `takes ${take} of ${quantity} units`,
    row.free_units === null ? 'no capacity limit' : `room for ${row.free_units} units`,
  ];
  const affinity = AFFINITY_REASONS[row.affinity ?? 0];
  return affinity ? [...reasons, affinity] : reasons;
}

const slotOf = (row: PutawayRow, quantity: number): PutawaySlotDto => ({
  location_id: row.location_id as string,
  code: row.code as string,
  path: row.path as string,
  chamber_id: row.chamber_id as string,
  suggested_quantity: row.suggested_quantity as number,
  free_units: row.free_units,
  score: row.score as number,
  reasons: reasonsOf(row, quantity),
});

@Injectable()
export class PutawayService {
  constructor(private readonly db: Db) {}

  /** Where to put a receipt away: the fewest free slots of one suitable chamber, best first. */
  async suggest(
    caller: Principal,
    input: PutawaySuggestionRequestDto,
  ): Promise<PutawaySuggestionDto> {
    const warehouse = warehouseOf(caller.scope);
    const { sql, params } = putawaySql({
      warehouseId: warehouse === false ? null : warehouse,
      anyWarehouse: warehouse !== false,
      clientId: input.client_id,
      commodityId: input.commodity_id,
      chamberId: input.chamber_id ?? null,
      quantity: input.quantity,
      weightKg: input.weight_kg ?? null,
    });
    const rows = await this.db.manager.query<PutawayRow[]>(sql, params);
    const [first] = rows;
    if (!first.commodity_exists) throw new NotFoundError('Commodity');
    if (!first.client_exists) throw new NotFoundError('Client');
    if (input.chamber_id && !first.chamber_found) throw new NotFoundError('Chamber');
    if (input.chamber_id && !first.chamber_fits)
      throw invalid(
        'chamber_id',
        "the chamber is not active or its temperature range is not within the commodity's",
      );
    if (!first.location_id)
      throw new ConflictError(
        first.chamber_fits
          ? 'No free, active and unblocked slot of a suitable chamber has room for this commodity.'
          : "No active chamber in scope has a temperature range within the commodity's.",
      );
    return {
      chamber_id: first.chamber_id as string,
      suggested_quantity: input.quantity - first.remaining,
      remaining_quantity: first.remaining,
      slots: rows.map((row) => slotOf(row, input.quantity)),
    };
  }
}
