import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AppConfig } from 'src/config/configuration';
import { Db } from 'src/database/db';
import type { ReadingColumns } from './reading-input';
import { ReadingPartitions } from './reading-partitions.service';
import { ReadingsWriter, type ResolvedColumns } from './readings-writer.service';

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

  async ingest(warehouseId: string, readings: ReadingColumns): Promise<IngestResult> {
    const sensors = await this.sensorsByCode(warehouseId, readings.sensorCodes);
    const now = Date.now();
    const latest = now + MAX_FUTURE_MS;
    const earliest = now - this.retentionMs;
    const rejected: IngestResult['rejected'] = [];
    const resolved: ResolvedColumns = {
      sensorIds: [],
      chamberIds: [],
      recordedAtMs: [],
      temperatureC: [],
      rawTemperatureC: [],
      humidityPct: [],
    };
    for (let index = 0; index < readings.sensorCodes.length; index++) {
      const sensor = sensors.get(readings.sensorCodes[index]);
      const at = readings.recordedAtMs[index];
      const reason = !sensor
        ? ReadingRejection.UnknownSensor
        : !sensor.active
          ? ReadingRejection.SensorInactive
          : at > latest
            ? ReadingRejection.InFuture
            : at < earliest
              ? ReadingRejection.PastRetention
              : null;
      if (!sensor || reason) {
        rejected.push({ index, reason: reason ?? ReadingRejection.UnknownSensor });
        continue;
      }
      const raw = readings.temperatureC[index];
      resolved.sensorIds.push(sensor.id);
      resolved.chamberIds.push(sensor.chamber_id);
      resolved.recordedAtMs.push(at);
      resolved.temperatureC.push(calibrated(raw, sensor.offset));
      resolved.rawTemperatureC.push(raw);
      resolved.humidityPct.push(readings.humidityPct[index]);
    }
    if (resolved.sensorIds.length === 0) return { accepted: 0, duplicates: 0, rejected };
    await this.partitions.ensureFor(resolved.recordedAtMs);
    const changes = await this.db.transaction(() => this.writer.writeColumns(resolved));
    await this.writer.notify(changes);
    const accepted = changes.reduce((sum, change) => sum + change.stored, 0);
    return { accepted, duplicates: resolved.sensorIds.length - accepted, rejected };
  }

  private async sensorsByCode(
    warehouseId: string,
    sensorCodes: readonly string[],
  ): Promise<Map<string, SensorRow>> {
    const codes = [...new Set(sensorCodes)];
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
