import { Module } from '@nestjs/common';
import { AlarmsModule } from './alarms/alarms.module';
import { ExcursionsModule } from './excursions/excursions.module';
import { GatewaysModule } from './gateways/gateways.module';
import { MqttModule } from './mqtt/mqtt.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { CertificatesModule } from './certificates/certificates.module';
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
    MonitoringModule,
    AlarmsModule,
    ExcursionsModule,
    TelemetryModule,
    ChamberHistoryModule,
    CertificatesModule,
    MqttModule,
  ],
})
export class ColdChainModule {}
