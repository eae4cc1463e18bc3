import { Module } from '@nestjs/common';
import { ChamberHistoryModule } from 'src/cold-chain/history/chamber-history.module';
import { CertificatesController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

/** Per-lot cold-chain certificates, JSON and PDF (routes under /api/inventory/lots). */
@Module({
  imports: [ChamberHistoryModule],
  controllers: [CertificatesController],
  providers: [CertificatesService],
})
export class CertificatesModule {}
