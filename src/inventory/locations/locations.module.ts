import { Module } from '@nestjs/common';

/** Storage locations of chambers, placements of lots in them and the moves between them. */
@Module({})
export class LocationsModule {}
