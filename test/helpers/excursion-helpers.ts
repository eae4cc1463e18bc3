import type { INestApplication } from '@nestjs/common';
import {
  ReadingsWriter,
  type ResolvedReading,
} from 'src/cold-chain/readings/readings-writer.service';
import type { Sensor } from 'src/cold-chain/sensors/sensor.entity';

export const MINUTE = 60_000;

/** A whole minute, `minutesAgo` before now: readings of a spec line up on the minute. */
export function minutesAgo(minutes: number): number {
  return Math.floor(Date.now() / MINUTE) * MINUTE - minutes * MINUTE;
}

/**
 * Stores readings of one sensor, one a minute from `startMs`, through the app's ReadingsWriter
 * as ingestion does (write, then notify after the commit): when it returns, the excursions are
 * evaluated.
 */
export async function feedReadings(
  app: INestApplication,
  sensor: Pick<Sensor, 'id' | 'chamberId'>,
  startMs: number,
  temperatures: number[],
): Promise<void> {
  const writer = app.get(ReadingsWriter);
  const readings: ResolvedReading[] = temperatures.map((temperatureC, i) => ({
    sensorId: sensor.id,
    chamberId: sensor.chamberId,
    recordedAt: new Date(startMs + i * MINUTE),
    temperatureC,
    rawTemperatureC: temperatureC,
    humidityPct: null,
  }));
  await writer.notify(await writer.write(readings));
}

export const repeat = (value: number, times: number): number[] => Array<number>(times).fill(value);
