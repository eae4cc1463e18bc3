import { Injectable } from '@nestjs/common';
import { Db } from 'src/database/db';
import { stockScope } from 'src/inventory/lot-access';
import { scopeCondition } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import {
  type PickLotDto,
  type PickSuggestionDto,
  type PickSuggestionRequestDto,
  PickStrategyName,
} from './dto/putaway-picking.dto';
import { type PickRow, pickSql } from './pick.sql';

function lotsOf(rows: PickRow[]): PickLotDto[] {
  const lots = new Map<string, PickLotDto>();
  for (const row of rows) {
    const lot = lots.get(row.lot_id) ?? {
      lot_id: row.lot_id,
      lot_number: row.lot_number,
      warehouse_id: row.warehouse_id,
      chamber_id: row.chamber_id,
      expiry_date: row.expiry_date,
      received_at: row.received_at.toISOString(),
      available_quantity: row.lot_quantity,
      quantity: row.take,
      slots: [],
    };
    lot.slots.push({ location_id: row.location_id, code: row.code, quantity: row.slot_take });
    lots.set(row.lot_id, lot);
  }
  return [...lots.values()];
}

@Injectable()
export class PickingService {
  constructor(private readonly db: Db) {}

  /** Which lots, and where in them, a dispatch of the quantity takes: FEFO or FIFO, held lots never. */
  async suggest(caller: Principal, input: PickSuggestionRequestDto): Promise<PickSuggestionDto> {
    const strategy = input.strategy ?? PickStrategyName.Fefo;
    const params: unknown[] = [];
    const scope = scopeCondition(caller.scope, stockScope('l'), params);
    const { sql } = pickSql(
      {
        clientId: input.client_id,
        commodityId: input.commodity_id,
        quantity: input.quantity,
        strategy,
      },
      scope,
      params,
    );
    const lots = lotsOf(await this.db.manager.query<PickRow[]>(sql, params));
    const covered = lots.reduce((sum, lot) => sum + lot.quantity, 0);
    return {
      strategy,
      requested_quantity: input.quantity,
      covered_quantity: covered,
      shortfall: input.quantity - covered,
      lots,
    };
  }
}
