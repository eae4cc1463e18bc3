import { Module } from '@nestjs/common';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import { LocationLabelsController } from './location-labels.controller';
import { LocationLabelsService } from './location-labels.service';
import { LotLabelsController } from './lot-labels.controller';
import { LotLabelsService } from './lot-labels.service';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';

/** Printable labels (PDF and ZPL) of lots and storage locations, and finding what a scanned label names. */
@Module({
  imports: [InventoryReadModule],
  controllers: [LotLabelsController, LocationLabelsController, ScanController],
  providers: [LotLabelsService, LocationLabelsService, ScanService],
})
export class LabelsModule {}
