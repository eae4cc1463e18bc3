import { Module } from '@nestjs/common';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import { LocationReportsController } from './location-reports.controller';
import { LocationReportsService } from './location-reports.service';
import { LocationsController } from './locations.controller';
import { LocationsService } from './locations.service';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

/** Storage locations of chambers, placements of lots in them and the moves between them. */
@Module({
  imports: [InventoryReadModule],
  controllers: [LocationsController, PlacementsController, LocationReportsController],
  providers: [LocationsService, PlacementsService, LocationReportsService],
})
export class LocationsModule {}
