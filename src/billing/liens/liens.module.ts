import { Global, Module } from '@nestjs/common';
import { LienSettlements } from 'src/inventory/ledger/lien-settlements';
import { ClientLiensController } from './client-liens.controller';
import { GatePassLienSettlements } from './lien-settlements.service';
import { LiensController } from './liens.controller';
import { LiensService } from './liens.service';
import { LienQueriesService } from './lien-queries.service';
import { LotLiensController } from './lot-liens.controller';

/**
 * Liens on lots. Global so that inventory's dispatches find the LienSettlements port it
 * provides without importing billing.
 */
@Global()
@Module({
  controllers: [LiensController, LotLiensController, ClientLiensController],
  providers: [
    LiensService,
    LienQueriesService,
    { provide: LienSettlements, useClass: GatePassLienSettlements },
  ],
  exports: [LienSettlements],
})
export class LiensModule {}
