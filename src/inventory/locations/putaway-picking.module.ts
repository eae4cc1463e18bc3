import { Module } from '@nestjs/common';
import { InventoryWriteModule } from 'src/inventory/ledger/inventory-write.module';
import { PickingService } from './picking.service';
import { PutawayPickingController } from './putaway-picking.controller';
import { PutawayService } from './putaway.service';

/** Putaway suggestions at receipt, FEFO/FIFO pick suggestions and dispatches made from them. */
@Module({
  imports: [InventoryWriteModule],
  controllers: [PutawayPickingController],
  providers: [PutawayService, PickingService],
})
export class PutawayPickingModule {}
