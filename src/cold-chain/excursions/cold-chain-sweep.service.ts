import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AlarmsService } from 'src/cold-chain/alarms/alarms.service';
import { Periodic } from 'src/common/periodic';
import { SWEEP_CHAMBERS_SQL } from './excursion-evaluation.sql';
import { ExcursionEvaluator } from './excursion-evaluator.service';

/** How often every instance sweeps. */
export const SWEEP_INTERVAL_MS = 60_000;
/** How far back the sweep looks again at readings (a listener that failed, an instance that died). */
export const SWEEP_LOOKBACK_MS = 10 * 60_000;

/** What one sweep did. */
export interface SweepReport {
  chambers: number;
  excursionsOpened: number;
  excursionsClosed: number;
  offlineRaised: number;
  escalated: number;
}

/**
 * The cold chain's minute: evaluates the chambers with readings still queued for judgement (a
 * listener that failed, an instance that died before notifying, readings loaded in bulk) and
 * looks again at those that reported lately, raises SENSOR_OFFLINE
 * for silent sensors and clears it for those back or deactivated, and escalates alarms nobody
 * acknowledged. Every instance sweeps; per-chamber advisory locks, unique indexes and
 * conditional updates make the work happen once.
 */
@Injectable()
export class ColdChainSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ColdChainSweep.name);
  private readonly periodic = new Periodic(() => this.pass(), SWEEP_INTERVAL_MS);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly evaluator: ExcursionEvaluator,
    private readonly alarms: AlarmsService,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(SWEEP_INTERVAL_MS);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  async runOnce(): Promise<SweepReport> {
    const since = new Date(Date.now() - SWEEP_LOOKBACK_MS);
    const chambers = await this.dataSource.query<{ chamber_id: string; since: Date }[]>(
      SWEEP_CHAMBERS_SQL,
      [since.toISOString()],
    );
    const report: SweepReport = {
      chambers: chambers.length,
      excursionsOpened: 0,
      excursionsClosed: 0,
      offlineRaised: 0,
      escalated: 0,
    };
    for (const { chamber_id: chamberId, since: from } of chambers) {
      const outcome = await this.evaluator.evaluateChamber(chamberId, new Date(from), false);
      report.excursionsOpened += outcome.opened;
      report.excursionsClosed += outcome.closed;
    }
    await this.alarms.clearOffline();
    report.offlineRaised = await this.alarms.raiseOffline();
    report.escalated = await this.alarms.escalate();
    return report;
  }

  /** A sweep that logs its failure and never rejects: the next one comes anyway. */
  private async pass(): Promise<void> {
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.warn(`Cold-chain sweep failed: ${(error as Error).message}`);
    }
  }
}
