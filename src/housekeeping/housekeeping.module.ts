import { Module } from '@nestjs/common';
import { MailModule } from 'src/mail/mail.module';
import { HousekeepingService } from './housekeeping.service';

/** The scheduled purge of finished mail and expired idempotency keys (API instances only). */
@Module({
  imports: [MailModule],
  providers: [HousekeepingService],
  exports: [HousekeepingService],
})
export class HousekeepingModule {}
