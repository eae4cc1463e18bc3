import { Module } from '@nestjs/common';
import { OccupancyController } from './occupancy.controller';
import { OccupancyService } from './occupancy.service';
import { LocationsController } from './locations.controller';
import { LocationsService } from './locations.service';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';

/** Storage locations of chambers, placements of lots in them and the moves between them. */
@Module({
  controllers: [LocationsController, PlacementsController, OccupancyController],
  providers: [LocationsService, PlacementsService, OccupancyService],
})
export class LocationsModule {}
