import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from 'src/config/configuration';
import { Db } from 'src/database/db';
import type { CodedReadingInput } from './reading-input';
import { ReadingPartitions } from './reading-partitions.service';
import { ReadingsWriter, type ResolvedReading } from './readings-writer.service';

/** Readings dated later than this past the server's clock are refused. */
export const MAX_FUTURE_MS = 5 * 60_000;

/** Why one reading of a batch was not stored. */
export enum ReadingRejection {
  UnknownSensor = 'UNKNOWN_SENSOR',
  SensorInactive = 'SENSOR_INACTIVE',
  InFuture = 'IN_FUTURE',
  PastRetention = 'PAST_RETENTION',
}

export interface IngestResult {
  /** Readings stored. */
  accepted: number;
  /** Readings already stored (same sensor and instant), or repeated within the batch. */
  duplicates: number;
  /** Readings refused, by their index in the batch. */
  rejected: { index: number; reason: ReadingRejection }[];
}

interface SensorRow {
  id: string;
  code: string;
  chamber_id: string;
  offset: number;
  active: boolean;
}

/**
 * Takes a batch of readings for one warehouse (from a gateway over HTTP, or from MQTT) and
 * stores what it can: each reading is resolved to its sensor by code within the warehouse and
 * corrected by the sensor's calibration offset; an unknown or inactive sensor, a reading more
 * than 5 minutes in the future or older than retention is refused on its own (the rest are
 * stored). Late readings are stored like any other and re-evaluated by the listeners.
 */
@Injectable()
export class ReadingsIngest {
  private readonly retentionMs: number;

  constructor(
    private readonly db: Db,
    private readonly writer: ReadingsWriter,
    private readonly partitions: ReadingPartitions,
    config: ConfigService<AppConfig, true>,
  ) {
    this.retentionMs = config.get('telemetry', { infer: true }).readingsRetentionDays * 86_400_000;
  }

  async ingest(warehouseId: string, readings: readonly CodedReadingInput[]): Promise<IngestResult> {
    const sensors = await this.sensorsByCode(warehouseId, readings);
    const now = Date.now();
    const latest = now + MAX_FUTURE_MS;
    const earliest = now - this.retentionMs;
    const rejected: IngestResult['rejected'] = [];
    const resolved: ResolvedReading[] = [];
    for (let index = 0; index < readings.length; index++) {
      const reading = readings[index];
      const sensor = sensors.get(reading.sensorCode);
      const at = reading.recordedAt.getTime();
      if (!sensor) {
        rejected.push({ index, reason: ReadingRejection.UnknownSensor });
        continue;
      }
      const reason = !sensor.active
        ? ReadingRejection.SensorInactive
        : at > latest
          ? ReadingRejection.InFuture
          : at < earliest
            ? ReadingRejection.PastRetention
            : null;
      if (reason) {
        rejected.push({ index, reason });
        continue;
      }
      resolved.push({
        sensorId: sensor.id,
        chamberId: sensor.chamber_id,
        recordedAt: reading.recordedAt,
        temperatureC: calibrated(reading.temperatureC, sensor.offset),
        rawTemperatureC: reading.temperatureC,
        humidityPct: reading.humidityPct,
      });
    }
    if (resolved.length === 0) return { accepted: 0, duplicates: 0, rejected };
    await this.partitions.ensureFor(resolved.map((r) => r.recordedAt));
    const changes = await this.db.transaction(() => this.writer.write(resolved));
    await this.writer.notify(changes);
    const accepted = changes.reduce((sum, change) => sum + change.stored, 0);
    return { accepted, duplicates: resolved.length - accepted, rejected };
  }

  private async sensorsByCode(
    warehouseId: string,
    readings: readonly CodedReadingInput[],
  ): Promise<Map<string, SensorRow>> {
    const codes = [...new Set(readings.map((r) => r.sensorCode))];
    const rows = await this.db.manager.query<SensorRow[]>(
      `SELECT id, code, chamber_id, calibration_offset_c::float8 AS "offset", active
         FROM sensors WHERE warehouse_id = $1 AND code = ANY($2::varchar[])`,
      [warehouseId, codes],
    );
    return new Map(rows.map((row) => [row.code, row]));
  }
}

/** Raw + offset, rounded to 6 decimals so -18.52 + -0.3 is -18.82, not -18.819999999999997. */
function calibrated(raw: number, offset: number): number {
  return offset === 0 ? raw : Math.round((raw + offset) * 1e6) / 1e6;
}
