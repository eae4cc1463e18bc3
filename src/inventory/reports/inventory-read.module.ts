import { Module } from '@nestjs/common';
import { ClientInventoryController } from './client-inventory.controller';
import { InventoryQueriesService } from './inventory-queries.service';
import { InventoryReadController } from './inventory-read.controller';
import { InventoryReportsService } from './inventory-reports.service';
import { ClientStatementService } from './client-statement.service';
import { OperatorInventoryController } from './operator-inventory.controller';
import { StockByLocationController } from './stock-by-location.controller';
import { StockByLocationService } from './stock-by-location.service';

/** Reading stock: lots, movements, summary, aging, statements and the portal listings. */
@Module({
  controllers: [
    InventoryReadController,
    OperatorInventoryController,
    ClientInventoryController,
    StockByLocationController,
  ],
  providers: [
    InventoryQueriesService,
    InventoryReportsService,
    ClientStatementService,
    StockByLocationService,
  ],
  exports: [InventoryQueriesService, InventoryReportsService, ClientStatementService],
})
export class InventoryReadModule {}
