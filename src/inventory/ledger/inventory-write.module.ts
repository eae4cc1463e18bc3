import { Module } from '@nestjs/common';
import { DispatchesService } from './dispatches.service';
import { InventoryWriteController } from './inventory-write.controller';
import { OperatorInwardController } from './operator-inward.controller';
import { StockMovementsService } from './stock-movements.service';

@Module({
  controllers: [InventoryWriteController, OperatorInwardController],
  providers: [StockMovementsService, DispatchesService],
  exports: [StockMovementsService, DispatchesService],
})
export class InventoryWriteModule {}
