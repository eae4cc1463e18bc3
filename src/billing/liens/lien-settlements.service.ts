import { Injectable } from '@nestjs/common';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Db } from 'src/database/db';
import {
  LienSettlementAction,
  LienSettlements,
  type GatePassSettlements,
} from 'src/inventory/ledger/lien-settlements';
import type { Principal } from 'src/rbac/principal';
import { lienName } from './lien-rows';
import { LiensService } from './liens.service';

/**
 * Billing's side of a gate pass that settles liens: each lien named is locked, checked to be
 * open and on a lot of the gate pass, then repaid (by default its whole balance on the
 * dispatch's day) or released, in the dispatch's transaction, before its stock moves.
 */
@Injectable()
export class GatePassLienSettlements extends LienSettlements {
  constructor(
    private readonly db: Db,
    private readonly liens: LiensService,
  ) {
    super();
  }

  async settle(caller: Principal, request: GatePassSettlements): Promise<void> {
    const ids = request.settlements.map((s) => s.lienId);
    if (new Set(ids).size !== ids.length)
      throw invalid('lien_settlements', 'each lien may appear once in lien_settlements');
    const manager = this.db.manager;
    for (const [index, settlement] of request.settlements.entries()) {
      const field = `lien_settlements[${index}]`;
      const lien = await this.liens.lockOpen(manager, caller.scope, settlement.lienId);
      if (!request.lotIds.includes(lien.lotId))
        throw invalid(
          `${field}.lien_id`,
          `${lienName(lien)} is not on a lot this gate pass takes from`,
        );
      switch (settlement.action) {
        case LienSettlementAction.Repay: {
          const day = await this.liens.warehouseToday(manager, lien.warehouseId, request.at);
          const amount = settlement.amountMinor ?? (await this.liens.balanceOn(manager, lien, day));
          const today = await this.liens.warehouseToday(manager, lien.warehouseId);
          await this.liens.recordRepayment(
            manager,
            caller,
            lien,
            today,
            {
              amountMinor: amount,
              paidOn: day,
              reference: settlement.reference ?? request.gatePassReference,
            },
            { amount: `${field}.amount_minor`, date: 'dispatched_at' },
          );
          break;
        }
        case LienSettlementAction.Release: {
          if (settlement.amountMinor !== undefined)
            throw invalid(`${field}.amount_minor`, 'amount_minor is only for REPAY');
          const pass = request.gatePassReference ? ` ${request.gatePassReference}` : '';
          const reason =
            `Released for dispatch on gate pass${pass}` +
            (settlement.reference ? `: ${settlement.reference}` : '');
          await this.liens.releaseLocked(manager, caller, lien, reason, request.at);
          break;
        }
      }
    }
  }
}
