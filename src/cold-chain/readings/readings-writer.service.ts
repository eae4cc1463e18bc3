import { Injectable, Logger } from '@nestjs/common';
import { Db } from 'src/database/db';
import { INSERT_READINGS_SQL, type StoredReadingsRow } from './readings.sql';

/** One reading resolved to its sensor and chamber, calibration applied. */
export interface ResolvedReading {
  sensorId: string;
  chamberId: string;
  recordedAt: Date;
  /** Raw value plus the sensor's calibration offset, °C. */
  temperatureC: number;
  rawTemperatureC: number;
  humidityPct: number | null;
}

/** Resolved readings as parallel columns, one entry per reading. */
export interface ResolvedColumns {
  sensorIds: string[];
  chamberIds: string[];
  recordedAtMs: number[];
  temperatureC: number[];
  rawTemperatureC: number[];
  humidityPct: (number | null)[];
}

/** What a batch changed for one chamber: the span a detector must look at again. */
export interface ChamberReadingsStored {
  chamberId: string;
  stored: number;
  firstAt: Date;
  lastAt: Date;
  /** The lowest and highest temperature stored, °C. */
  minC: number;
  maxC: number;
}

/** Told after a batch is committed (late readings included), in order, awaited. */
export type ReadingsListener = (changes: readonly ChamberReadingsStored[]) => Promise<void>;

/**
 * Stores readings and their hourly rollups in one statement, then tells its listeners (the
 * excursion detector) which chambers changed and over which span. A listener's failure is
 * logged, never the writer's: the readings are stored and the periodic sweep catches up.
 */
@Injectable()
export class ReadingsWriter {
  private readonly logger = new Logger(ReadingsWriter.name);
  private readonly listeners: ReadingsListener[] = [];

  constructor(private readonly db: Db) {}

  onStored(listener: ReadingsListener): void {
    this.listeners.push(listener);
  }

  /** Stores the batch; returns per chamber what was new (duplicates are skipped). */
  write(readings: readonly ResolvedReading[]): Promise<ChamberReadingsStored[]> {
    return this.writeColumns({
      sensorIds: readings.map((r) => r.sensorId),
      chamberIds: readings.map((r) => r.chamberId),
      recordedAtMs: readings.map((r) => r.recordedAt.getTime()),
      temperatureC: readings.map((r) => r.temperatureC),
      rawTemperatureC: readings.map((r) => r.rawTemperatureC),
      humidityPct: readings.map((r) => r.humidityPct),
    });
  }

  /** `write` for readings held as columns, as ingestion holds a batch of 10,000. */
  async writeColumns(columns: ResolvedColumns): Promise<ChamberReadingsStored[]> {
    if (columns.sensorIds.length === 0) return [];
    const rows = await this.db.manager.query<StoredReadingsRow[]>(INSERT_READINGS_SQL, [
      columns.sensorIds,
      columns.recordedAtMs,
      columns.chamberIds,
      columns.temperatureC,
      columns.rawTemperatureC,
      columns.humidityPct,
    ]);
    return rows.map((row) => ({
      chamberId: row.chamber_id,
      stored: row.stored,
      firstAt: new Date(row.first_at),
      lastAt: new Date(row.last_at),
      minC: row.min_c,
      maxC: row.max_c,
    }));
  }

  /** Runs the listeners for what a committed write stored. */
  async notify(changes: readonly ChamberReadingsStored[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(changes);
      } catch (error) {
        this.logger.error({ err: error }, 'Evaluating new readings failed; the sweep will retry');
      }
    }
  }
}
