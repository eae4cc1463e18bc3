import { Module } from '@nestjs/common';
import { PickingService } from './picking.service';
import { PutawayPickingController } from './putaway-picking.controller';
import { PutawayService } from './putaway.service';

/** Putaway suggestions at receipt and FEFO/FIFO pick suggestions (the ledger dispatches them). */
@Module({
  controllers: [PutawayPickingController],
  providers: [PutawayService, PickingService],
  exports: [PickingService],
})
export class PutawayPickingModule {}
