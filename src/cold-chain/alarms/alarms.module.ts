import { Module } from '@nestjs/common';
import { MailModule } from 'src/mail/mail.module';
import { AlarmsController } from './alarms.controller';
import { AlarmsService } from './alarms.service';

/** Alarms: their lifecycle, their emails and escalation. */
@Module({
  imports: [MailModule],
  controllers: [AlarmsController],
  providers: [AlarmsService],
  exports: [AlarmsService],
})
export class AlarmsModule {}
