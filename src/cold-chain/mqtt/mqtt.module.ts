import { Module } from '@nestjs/common';
import { TelemetryModule } from '../readings/telemetry.module';
import { MqttReadings } from './mqtt-readings.service';

/** Readings over MQTT (when MQTT_URL is set). */
@Module({
  imports: [TelemetryModule],
  providers: [MqttReadings],
  exports: [MqttReadings],
})
export class MqttModule {}
