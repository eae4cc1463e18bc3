import { Module } from '@nestjs/common';
import { ChamberMonitoringController } from './chamber-monitoring.controller';
import { ChamberMonitoringService } from './chamber-monitoring.service';

/** Per-chamber monitoring settings: alarm and recovery delays, defrost windows. */
@Module({
  controllers: [ChamberMonitoringController],
  providers: [ChamberMonitoringService],
})
export class MonitoringModule {}
