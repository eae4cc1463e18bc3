import { Module } from '@nestjs/common';
import { PutawayPickingModule } from 'src/inventory/locations/putaway-picking.module';
import { DispatchesService } from './dispatches.service';
import { InventoryWriteController } from './inventory-write.controller';
import { OperatorInwardController } from './operator-inward.controller';
import { PickDispatchesService } from './pick-dispatches.service';
import { StockMovementsService } from './stock-movements.service';

@Module({
  imports: [PutawayPickingModule],
  controllers: [InventoryWriteController, OperatorInwardController],
  providers: [StockMovementsService, DispatchesService, PickDispatchesService],
  exports: [StockMovementsService],
})
export class InventoryWriteModule {}
