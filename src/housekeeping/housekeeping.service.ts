import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Periodic } from 'src/common/periodic';
import { IdempotencyService } from 'src/common/idempotency/idempotency.service';
import type { AppConfig } from 'src/config/configuration';
import { OutboxService } from 'src/mail/outbox.service';

/** pg advisory lock key for "a housekeeping pass is running" (727_0xx: this service's keys). */
export const HOUSEKEEPING_LOCK_KEY = 727_020;

/** What one pass deleted. */
export interface HousekeepingReport {
  /** Sent or failed emails past OUTBOX_RETENTION_DAYS. */
  mail: number;
  /** Idempotency keys past their lifetime. */
  idempotencyKeys: number;
}

/**
 * Deletes what has outlived its use: finished emails past their retention and expired
 * idempotency keys. Every instance runs a pass at start and then every
 * HOUSEKEEPING_INTERVAL_MINUTES; an advisory lock lets one instance do a pass while the others
 * skip theirs.
 */
@Injectable()
export class HousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HousekeepingService.name);
  private readonly retentionDays: number;
  private readonly periodic: Periodic;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly idempotency: IdempotencyService,
    config: ConfigService<AppConfig, true>,
  ) {
    const intervalMs = config.get('housekeeping', { infer: true }).intervalMinutes * 60_000;
    this.periodic = new Periodic(() => this.pass(), intervalMs);
    this.retentionDays = config.get('mail', { infer: true }).outboxRetentionDays;
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; null when another instance holds the lock (it does the work). */
  async runOnce(): Promise<HousekeepingReport | null> {
    const mail = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [HOUSEKEEPING_LOCK_KEY],
      );
      return locked ? this.outbox.purgeFinished(this.retentionDays, manager) : null;
    });
    if (mail === null) return null;
    // After the commit: it takes a connection of its own, and a pool of one must not wait on
    // itself. Both deletes are harmless if another instance's pass follows at once.
    const idempotencyKeys = await this.idempotency.purgeExpired();
    return { mail, idempotencyKeys };
  }

  /** A pass that logs its outcome and never rejects: the next one comes anyway. */
  private async pass(): Promise<void> {
    try {
      const report = await this.runOnce();
      if (report && report.mail + report.idempotencyKeys > 0) {
        this.logger.log(
          `Housekeeping deleted ${report.mail} finished email(s) and ${report.idempotencyKeys} expired idempotency key(s)`,
        );
      }
    } catch (error) {
      this.logger.warn(`Housekeeping pass failed: ${(error as Error).message}`);
    }
  }
}
