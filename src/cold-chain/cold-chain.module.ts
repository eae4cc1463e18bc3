import { Module } from '@nestjs/common';
import { CertificatesModule } from './certificates/certificates.module';
import { ChamberHistoryModule } from './history/chamber-history.module';
import { ReadingsModule } from './readings/readings.module';

/**
 * The cold chain: sensors and gateways, readings (HTTP and MQTT), excursions that hold lots,
 * alarms, chamber history and the per-lot certificate. It uses inventory and warehouses; they
 * never use it.
 */
@Module({
  imports: [ReadingsModule, ChamberHistoryModule, CertificatesModule],
})
export class ColdChainModule {}
