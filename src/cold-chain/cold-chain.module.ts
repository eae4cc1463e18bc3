import { Module } from '@nestjs/common';
import { CertificatesModule } from './certificates/certificates.module';
import { GatewaysModule } from './gateways/gateways.module';
import { ChamberHistoryModule } from './history/chamber-history.module';
import { ReadingsModule } from './readings/readings.module';
import { SensorsModule } from './sensors/sensors.module';
import { TelemetryModule } from './readings/telemetry.module';

/**
 * The cold chain: sensors and gateways, readings (HTTP and MQTT), excursions that hold lots,
 * alarms, chamber history and the per-lot certificate. It uses inventory and warehouses; they
 * never use it.
 */
@Module({
  imports: [
    ReadingsModule,
    SensorsModule,
    GatewaysModule,
    TelemetryModule,
    ChamberHistoryModule,
    CertificatesModule,
  ],
})
export class ColdChainModule {}
