import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Periodic } from 'src/common/periodic';
import type { AppConfig } from 'src/config/configuration';
import { ReadingPartitions } from './reading-partitions.service';

/**
 * Keeps the readings' storage: at start and then every HOUSEKEEPING_INTERVAL_MINUTES, creates
 * the next months' partitions and drops the months past READINGS_RETENTION_DAYS (one instance
 * at a time, under an advisory lock; the others skip their pass).
 */
@Injectable()
export class ReadingsMaintenance implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadingsMaintenance.name);
  private readonly retentionDays: number;
  private readonly periodic: Periodic;

  constructor(
    private readonly partitions: ReadingPartitions,
    config: ConfigService<AppConfig, true>,
  ) {
    const intervalMs = config.get('housekeeping', { infer: true }).intervalMinutes * 60_000;
    this.periodic = new Periodic(() => this.pass(), intervalMs);
    this.retentionDays = config.get('telemetry', { infer: true }).readingsRetentionDays;
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Logs its outcome and never rejects: the next pass comes anyway. */
  private async pass(): Promise<void> {
    try {
      const report = await this.partitions.maintain(this.retentionDays);
      if (report && report.dropped.length > 0) {
        this.logger.log(
          `Dropped ${report.dropped.length} reading partition(s) past retention: ${report.dropped.join(', ')}`,
        );
      }
    } catch (error) {
      this.logger.warn(`Readings maintenance failed: ${(error as Error).message}`);
    }
  }
}
