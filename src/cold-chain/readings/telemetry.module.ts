import { Module } from '@nestjs/common';
import { GatewaysModule } from '../gateways/gateways.module';
import { ReadingsController } from './readings.controller';
import { ReadingsIngest } from './readings-ingest.service';
import { ReadingsMaintenance } from './readings-maintenance.service';
import { ReadingsModule } from './readings.module';

/**
 * Readings coming in (the gateways' route; MQTT builds on ReadingsIngest) and the storage's
 * upkeep. API instances only: the CLI never runs the maintenance schedule.
 */
@Module({
  imports: [ReadingsModule, GatewaysModule],
  controllers: [ReadingsController],
  providers: [ReadingsIngest, ReadingsMaintenance],
  exports: [ReadingsIngest],
})
export class TelemetryModule {}
