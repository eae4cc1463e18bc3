import { Module } from '@nestjs/common';
import { WeighmentsController } from './weighments.controller';
import { WeighmentsService } from './weighments.service';

/** Weighbridge tickets and check-weighings; the ledger writes its tickets with its movements. */
@Module({
  controllers: [WeighmentsController],
  providers: [WeighmentsService],
})
export class WeighmentsModule {}
