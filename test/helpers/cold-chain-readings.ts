import type { DataSource } from 'typeorm';
import { INSERT_READINGS_SQL } from 'src/cold-chain/readings/readings.sql';
import type { Chamber } from 'src/warehouses/chamber.entity';

let sequence = 0;

export interface TestSensor {
  id: string;
  chamberId: string;
  warehouseId: string;
}

/** A sensor of the chamber, written directly: code `T-<n>`, 60 s interval unless given. */
export async function makeSensor(
  dataSource: DataSource,
  chamber: Pick<Chamber, 'id' | 'warehouseId'>,
  intervalSeconds = 60,
): Promise<TestSensor> {
  sequence += 1;
  const [row] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO sensors (warehouse_id, chamber_id, code, name, expected_interval_seconds)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [chamber.warehouseId, chamber.id, `T-${sequence}`, `Probe ${sequence}`, intervalSeconds],
  );
  return { id: row.id, chamberId: chamber.id, warehouseId: chamber.warehouseId };
}

/** Readings of one sensor, as ingestion stores them (rollups included), creating the months' partitions. */
export async function storeReadings(
  dataSource: DataSource,
  sensor: TestSensor,
  readings: readonly { at: Date; c: number }[],
): Promise<void> {
  const months = new Set(readings.map((r) => r.at.toISOString().slice(0, 7)));
  for (const month of months) {
    await dataSource.query('SELECT temperature_readings_ensure_partition($1)', [
      `${month}-15T00:00:00Z`,
    ]);
  }
  await dataSource.query(INSERT_READINGS_SQL, [
    readings.map(() => sensor.id),
    readings.map((r) => r.at.getTime()),
    readings.map(() => sensor.chamberId),
    readings.map((r) => r.c),
    readings.map((r) => r.c),
    readings.map(() => null),
  ]);
}

/** `count` readings a minute apart from `start`, each `c` (or c(i)). */
export function everyMinute(
  start: Date,
  count: number,
  c: number | ((index: number) => number),
): { at: Date; c: number }[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(start.getTime() + i * 60_000),
    c: typeof c === 'number' ? c : c(i),
  }));
}
