import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MailerModule } from '@nestjs-modules/mailer';
import type { AppConfig } from 'src/config/configuration';
import { buildMailerOptions } from './mailer-options';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';

/**
 * Outgoing email: the database outbox (enqueue in the caller's transaction), the worker that
 * sends it over SMTP with retries, and the mailer transport it uses.
 */
@Module({
  imports: [
    MailerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) =>
        buildMailerOptions(config.get('mail', { infer: true })),
    }),
  ],
  providers: [OutboxWorker, OutboxService],
  exports: [OutboxService],
})
export class MailModule {}
