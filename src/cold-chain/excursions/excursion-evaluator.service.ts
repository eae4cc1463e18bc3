import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { AlarmsService } from 'src/cold-chain/alarms/alarms.service';
import {
  DEFAULT_ALARM_DELAY_MINUTES,
  DEFAULT_RECOVERY_DELAY_MINUTES,
} from 'src/cold-chain/monitoring/monitoring-defaults';
import {
  ReadingsWriter,
  type ChamberReadingsStored,
} from 'src/cold-chain/readings/readings-writer.service';
import {
  defrostChecker,
  detectExcursions,
  type DetectedExcursion,
  type DetectorRules,
} from './excursion-detector';
import {
  CHAMBER_READINGS_SQL,
  CHAMBER_RULES_SQL,
  LAST_CLOSED_SQL,
  LOCK_CHAMBER_SQL,
  TAKE_QUEUED_SQL,
  TRY_LOCK_CHAMBER_SQL,
  type ChamberReadingRow,
  type ChamberRulesRow,
} from './excursion-evaluation.sql';
import { Excursion } from './excursion.entity';
import { ExcursionDirection, TEMPERATURE_EXCURSION_HOLD } from './excursion.enums';

const MINUTE = 60_000;

/** What one evaluation changed. */
export interface EvaluationOutcome {
  opened: number;
  closed: number;
}

const NOTHING: EvaluationOutcome = { opened: 0, closed: 0 };

/**
 * The database side of excursion detection. Per chamber, under the chamber's advisory lock
 * (any number of instances, one evaluation of a chamber at a time), it replays the readings
 * around what changed through the pure detector and writes what that says: excursions opened
 * (the chamber's lots held, an alarm raised) and closed (the alarm cleared). The state is the
 * readings and the open excursion, both in PostgreSQL: a restart loses nothing.
 */
@Injectable()
export class ExcursionEvaluator implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly readings: ReadingsWriter,
    private readonly alarms: AlarmsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.readings.onStored((changes) => this.onReadingsStored(changes));
  }

  /** New readings (late ones included) are judged before ingestion answers. */
  async onReadingsStored(changes: readonly ChamberReadingsStored[]): Promise<void> {
    for (const change of changes) {
      await this.evaluateChamber(change.chamberId, change.firstAt, true, change);
    }
    await this.alarms.clearOffline(changes.map((change) => change.chamberId));
  }

  /**
   * Judges a chamber's readings from `since` on (looking back far enough for its delays).
   * `wait` false (the sweep) skips a chamber another instance is evaluating: it will be seen.
   */
  async evaluateChamber(
    chamberId: string,
    since: Date,
    wait = true,
    batch?: ChamberReadingsStored,
  ): Promise<EvaluationOutcome> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      if (wait) {
        await manager.query(LOCK_CHAMBER_SQL, [chamberId]);
      } else {
        const [{ locked }] = await manager.query<{ locked: boolean }[]>(TRY_LOCK_CHAMBER_SQL, [
          chamberId,
        ]);
        if (!locked) return NOTHING;
      }
      return this.evaluateLocked(manager, chamberId, since, batch);
    });
    if (outcome.opened > 0) this.alarms.wakeMail();
    return outcome;
  }

  private async evaluateLocked(
    manager: EntityManager,
    chamberId: string,
    since: Date,
    batch?: ChamberReadingsStored,
  ): Promise<EvaluationOutcome> {
    const [chamber] = await manager.query<ChamberRulesRow[]>(CHAMBER_RULES_SQL, [
      chamberId,
      DEFAULT_ALARM_DELAY_MINUTES,
      DEFAULT_RECOVERY_DELAY_MINUTES,
    ]);
    // What is queued for this chamber is judged now (the row goes with this transaction).
    const [queued] = await manager.query<{ since: Date }[]>(TAKE_QUEUED_SQL, [chamberId]);
    const queuedEarlier =
      (queued as { since: Date } | undefined) !== undefined &&
      new Date(queued.since).getTime() < since.getTime();
    if (queuedEarlier) since = new Date(queued.since);
    if (!(chamber as ChamberRulesRow | undefined) || chamber.sensors === 0) return NOTHING;
    const rules: DetectorRules = {
      alarmDelayMs: chamber.alarm_delay_minutes * MINUTE,
      recoveryDelayMs: chamber.recovery_delay_minutes * MINUTE,
      minC: chamber.min_c,
      maxC: chamber.max_c,
      maxSilenceMs: chamber.max_silence_seconds * 1000,
      inDefrost: defrostChecker(chamber.defrost_windows, chamber.timezone),
    };
    const openNow = await manager
      .createQueryBuilder(Excursion, 'e')
      .where('e.chamberId = :chamberId AND e.closedAt IS NULL', { chamberId })
      .getOne();
    // The usual batch changes nothing and is not replayed: every reading in range, no excursion
    // open to close, nothing older queued. In-range readings only ever end a breach, so no
    // excursion can open from them, late or not.
    if (
      batch &&
      !openNow &&
      !queuedEarlier &&
      batch.minC >= chamber.min_c &&
      batch.maxC <= chamber.max_c
    ) {
      return NOTHING;
    }
    // Far enough back that a breach or a recovery under way at `since` is seen whole, but
    // never into what a closed excursion already accounted for.
    let from = since.getTime() - rules.alarmDelayMs - rules.recoveryDelayMs - rules.maxSilenceMs;
    if (openNow) {
      from = Math.max(from, openNow.openedAt.getTime());
    } else {
      const [{ closed_at: lastClosed }] = await manager.query<{ closed_at: Date | null }[]>(
        LAST_CLOSED_SQL,
        [chamberId],
      );
      if (lastClosed) from = Math.max(from, new Date(lastClosed).getTime());
    }
    const rows = await manager.query<ChamberReadingRow[]>(CHAMBER_READINGS_SQL, [
      chamberId,
      new Date(from).toISOString(),
    ]);
    const found = detectExcursions(
      rules,
      rows.map((row) => ({
        sensorId: row.sensor_id,
        at: new Date(row.recorded_at).getTime(),
        temperatureC: row.temperature_c,
      })),
      openNow
        ? {
            direction: openNow.direction,
            startedAt: openNow.startedAt.getTime(),
            openedAt: openNow.openedAt.getTime(),
            minC: openNow.minTempC,
            maxC: openNow.maxTempC,
          }
        : null,
    );
    const outcome = { opened: 0, closed: 0 };
    for (const detected of found) {
      if (detected.existing && openNow) {
        await this.updateOpen(manager, openNow, detected);
      } else {
        await this.open(manager, chamber, detected);
        outcome.opened += 1;
      }
      if (detected.closedAt !== null) outcome.closed += 1;
    }
    return outcome;
  }

  private async updateOpen(
    manager: EntityManager,
    excursion: Excursion,
    detected: DetectedExcursion,
  ): Promise<void> {
    await manager.update(
      Excursion,
      { id: excursion.id },
      {
        minTempC: Math.min(excursion.minTempC, detected.minC),
        maxTempC: Math.max(excursion.maxTempC, detected.maxC),
        endedAt: detected.endedAt === null ? null : new Date(detected.endedAt),
        closedAt: detected.closedAt === null ? null : new Date(detected.closedAt),
      },
    );
    if (detected.closedAt !== null) await this.closed(manager, excursion, detected);
  }

  /** A new excursion: written, the chamber's lots held and linked, the alarm raised. */
  private async open(
    manager: EntityManager,
    chamber: ChamberRulesRow,
    detected: DetectedExcursion,
  ): Promise<void> {
    const excursion = await manager.save(
      manager.create(Excursion, {
        warehouseId: chamber.warehouse_id,
        chamberId: chamber.chamber_id,
        direction: detected.direction,
        limitMinC: chamber.min_c,
        limitMaxC: chamber.max_c,
        minTempC: detected.minC,
        maxTempC: detected.maxC,
        startedAt: new Date(detected.startedAt),
        openedAt: new Date(detected.openedAt),
        endedAt: detected.endedAt === null ? null : new Date(detected.endedAt),
        closedAt: detected.closedAt === null ? null : new Date(detected.closedAt),
      }),
    );
    const held = await this.holdLots(manager, excursion);
    const side = detected.direction === ExcursionDirection.Above ? 'above' : 'below';
    const range = `${chamber.min_c} to ${chamber.max_c} °C`;
    await this.audit.record(manager, {
      action: 'excursion.opened',
      entityType: 'excursion',
      entityId: excursion.id,
      warehouseId: excursion.warehouseId,
      after: {
        chamber_id: excursion.chamberId,
        direction: excursion.direction,
        limit_min_c: excursion.limitMinC,
        limit_max_c: excursion.limitMaxC,
        started_at: excursion.startedAt.toISOString(),
        opened_at: excursion.openedAt.toISOString(),
        lots_held: held.held,
        lots_linked: held.linked,
      },
    });
    await this.alarms.raiseForExcursion(manager, {
      excursionId: excursion.id,
      warehouseId: excursion.warehouseId,
      chamberId: excursion.chamberId,
      message:
        `Chamber ${chamber.chamber_code} went ${side} its range (${range}) at ` +
        `${excursion.startedAt.toISOString()} and stayed there; ${held.linked} lot(s) in it are on hold.`,
    });
    if (detected.closedAt !== null) await this.closed(manager, excursion, detected);
  }

  private async closed(
    manager: EntityManager,
    excursion: Excursion,
    detected: DetectedExcursion,
  ): Promise<void> {
    await this.alarms.clearForExcursion(manager, excursion.id);
    await this.audit.record(manager, {
      action: 'excursion.closed',
      entityType: 'excursion',
      entityId: excursion.id,
      warehouseId: excursion.warehouseId,
      after: {
        ended_at: new Date(detected.endedAt ?? detected.closedAt ?? 0).toISOString(),
        closed_at: new Date(detected.closedAt ?? 0).toISOString(),
        min_temp_c: Math.min(excursion.minTempC, detected.minC),
        max_temp_c: Math.max(excursion.maxTempC, detected.maxC),
      },
    });
  }

  /**
   * Holds every lot IN_STOCK with stock in the chamber (received before the excursion closed,
   * when it is found closed) and links it, with the lots already
   * held for another reason (their hold is left as it is), in one statement with its audit.
   */
  private async holdLots(
    manager: EntityManager,
    excursion: Excursion,
  ): Promise<{ held: number; linked: number }> {
    // An excursion found after it closed (late readings, a bulk load) holds only the goods
    // received before it closed.
    const params: unknown[] = [
      excursion.chamberId,
      excursion.id,
      TEMPERATURE_EXCURSION_HOLD,
      excursion.closedAt?.toISOString() ?? 'infinity',
    ];
    const audit = this.audit.insertSql(
      params,
      {
        action: 'lot.held',
        entityType: 'lot',
        before: { status: 'IN_STOCK' },
        after: {
          status: 'ON_HOLD',
          reason: TEMPERATURE_EXCURSION_HOLD,
          excursion_id: excursion.id,
        },
      },
      {
        from: 'held',
        entityId: 'held.id',
        warehouseId: 'held.warehouse_id',
        clientId: 'held.client_id',
      },
    );
    const [counts] = await manager.query<{ held: number; linked: number }[]>(
      `WITH held AS (
         UPDATE lots SET status = 'ON_HOLD', hold_reason = $3, updated_at = now()
          WHERE chamber_id = $1 AND status = 'IN_STOCK' AND quantity > 0
            AND received_at <= $4::timestamptz
         RETURNING id, warehouse_id, client_id
       ), linked AS (
         INSERT INTO excursion_lots (excursion_id, lot_id)
         SELECT $2, id FROM lots
          WHERE chamber_id = $1 AND status IN ('IN_STOCK', 'ON_HOLD') AND quantity > 0
            AND received_at <= $4::timestamptz
         ON CONFLICT DO NOTHING
         RETURNING lot_id
       ), audit AS (${audit})
       SELECT (SELECT count(*) FROM held)::int AS held, (SELECT count(*) FROM linked)::int AS linked`,
      params,
    );
    return counts;
  }
}
