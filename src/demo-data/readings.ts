// The demo chambers' temperature readings as pure data: the same plan and seed always give the
// same sensors and readings. A chamber hovers at the middle of its range with the compressor's
// cycle, warms during its defrosts and now and then breaches its range (a door left open).
import type { EntityManager } from 'typeorm';
import { INSERT_READINGS_SQL } from 'src/cold-chain/readings/readings.sql';
import type { DefrostWindow } from 'src/cold-chain/sensors/chamber-monitoring.entity';
import type { DemoChamber, DemoPlan, DemoScale } from './generator';
import { DAY_MS, Rng, mixSeed } from './primitives';

interface ReadingsSpec {
  /** Days of readings before asOf. */
  days: number;
  intervalMinutes: number;
  /** Breaches (door left open) per warehouse over those days. */
  breachesPerWarehouse: number;
}

const READINGS_SPECS: Record<DemoScale, ReadingsSpec> = {
  small: { days: 14, intervalMinutes: 5, breachesPerWarehouse: 2 },
  medium: { days: 30, intervalMinutes: 5, breachesPerWarehouse: 3 },
  large: { days: 30, intervalMinutes: 5, breachesPerWarehouse: 3 },
};

/** Freezers and chillers defrost twice a day (the warehouse clock; the demo warehouses keep UTC). */
const DEFROSTS: Partial<
  Record<DemoChamber['classKey'], { windows: DefrostWindow[]; riseC: number }>
> = {
  FRZ: {
    windows: [
      { start: '06:00', minutes: 25 },
      { start: '18:00', minutes: 25 },
    ],
    riseC: 5,
  },
  CHL: {
    windows: [
      { start: '03:00', minutes: 20 },
      { start: '15:00', minutes: 20 },
    ],
    riseC: 3,
  },
};

/** Readings per INSERT: the ingestion route's batch size. */
const READINGS_PER_INSERT = 10_000;

export interface DemoSensor {
  chamberIndex: number;
  code: string;
  name: string;
}

export interface DemoBreach {
  chamberIndex: number;
  start: Date;
  minutes: number;
  riseC: number;
}

export interface DemoReadingsPlan {
  from: Date;
  to: Date;
  intervalMinutes: number;
  sensors: DemoSensor[];
  defrosts: { chamberIndex: number; windows: DefrostWindow[] }[];
  breaches: DemoBreach[];
}

/** One sensor per chamber; pharma rooms, which answer to auditors, get a second one. */
export function planReadings(plan: DemoPlan): DemoReadingsPlan {
  const spec = READINGS_SPECS[plan.scale];
  const rng = new Rng(mixSeed(plan.seed, 16));
  const sensors = plan.chambers.flatMap((chamber) =>
    Array.from({ length: chamber.classKey === 'PHR' ? 2 : 1 }, (_, n) => ({
      chamberIndex: chamber.index,
      code: `${chamber.code}-T${n + 1}`,
      name: `${chamber.name} probe ${n + 1}`,
    })),
  );
  const to = plan.asOf;
  const from = new Date(to.getTime() - spec.days * DAY_MS);
  const breaches: DemoBreach[] = plan.warehouses.flatMap((warehouse) =>
    Array.from({ length: spec.breachesPerWarehouse }, () => {
      const chamber = rng.pick(warehouse.chambers);
      const minute = rng.int(0, spec.days * 24 * 60 - 180);
      return {
        chamberIndex: chamber.index,
        start: new Date(from.getTime() + minute * 60_000),
        minutes: rng.int(45, 90),
        riseC: rng.int(6, 9),
      };
    }),
  );
  const defrosts = plan.chambers.flatMap((chamber) => {
    const defrost = DEFROSTS[chamber.classKey];
    return defrost ? [{ chamberIndex: chamber.index, windows: defrost.windows }] : [];
  });
  return { from, to, intervalMinutes: spec.intervalMinutes, sensors, defrosts, breaches };
}

const minuteOfDay = (at: number): number => Math.floor((at % DAY_MS) / 60_000);
const toMinutes = (hhmm: string): number =>
  Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** A bump rising and falling over `minutes` (half a sine), 0 outside. */
function bump(elapsed: number, minutes: number, height: number): number {
  return elapsed >= 0 && elapsed < minutes ? height * Math.sin((Math.PI * elapsed) / minutes) : 0;
}

/** One sensor's readings over the plan's span, °C to 2 places. */
export function sensorReadings(
  plan: DemoPlan,
  readings: DemoReadingsPlan,
  sensorIndex: number,
): { at: Date; c: number }[] {
  const sensor = readings.sensors[sensorIndex];
  const chamber = plan.chambers[sensor.chamberIndex];
  const rng = new Rng(mixSeed(plan.seed, 17, sensorIndex));
  const middle = (Number(chamber.minTempC) + Number(chamber.maxTempC)) / 2;
  // The compressor's cycle: ±0.5..1 °C over 30..50 minutes.
  const amplitude = 0.5 + rng.next() * 0.5;
  const period = rng.int(30, 50);
  const phase = rng.next() * period;
  const defrost = DEFROSTS[chamber.classKey];
  const breaches = readings.breaches.filter((b) => b.chamberIndex === chamber.index);
  const out: { at: Date; c: number }[] = [];
  const step = readings.intervalMinutes * 60_000;
  // Probes of one chamber read a little apart, as they would.
  const offset = (sensorIndex % 2) * 30_000;
  for (let at = readings.from.getTime() + offset; at < readings.to.getTime(); at += step) {
    const minute = at / 60_000;
    let c = middle + amplitude * Math.sin((2 * Math.PI * (minute + phase)) / period);
    c += (rng.next() - 0.5) * 0.2;
    for (const window of defrost?.windows ?? []) {
      c += bump(minuteOfDay(at) - toMinutes(window.start), window.minutes, defrost?.riseC ?? 0);
    }
    for (const breach of breaches) {
      const elapsed = (at - breach.start.getTime()) / 60_000;
      // Warms fast while the door is open, then recovers over as long again.
      if (elapsed >= 0 && elapsed < breach.minutes * 2) {
        c +=
          breach.riseC *
          Math.min(1, elapsed / 15) *
          (elapsed < breach.minutes ? 1 : 2 - elapsed / breach.minutes);
      }
    }
    out.push({ at: new Date(at), c: Math.round(c * 100) / 100 });
  }
  return out;
}

/**
 * Writes the sensors, the freezers' and chillers' defrost windows and the readings (with their
 * hourly rollups, in the ingestion's own statement), a batch at a time. Returns the readings stored.
 */
export async function writeDemoReadings(
  manager: EntityManager,
  plan: DemoPlan,
  ids: { warehouses: string[]; chambers: string[] },
): Promise<{ sensors: number; readings: number }> {
  const readings = planReadings(plan);
  const intervalSeconds = readings.intervalMinutes * 60;
  const sensorIds = await manager.query<{ id: string }[]>(
    `INSERT INTO sensors (warehouse_id, chamber_id, code, name, expected_interval_seconds)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[])
     RETURNING id`,
    [
      readings.sensors.map((s) => ids.warehouses[plan.chambers[s.chamberIndex].warehouseIndex]),
      readings.sensors.map((s) => ids.chambers[s.chamberIndex]),
      readings.sensors.map((s) => s.code),
      readings.sensors.map((s) => s.name),
      readings.sensors.map(() => intervalSeconds),
    ],
  );
  await manager.query(
    `INSERT INTO chamber_monitoring (chamber_id, defrost_windows)
     SELECT * FROM unnest($1::uuid[], $2::jsonb[])`,
    [
      readings.defrosts.map((d) => ids.chambers[d.chamberIndex]),
      readings.defrosts.map((d) => JSON.stringify(d.windows)),
    ],
  );
  await manager.query(
    `SELECT temperature_readings_ensure_partition(m)
       FROM generate_series(date_trunc('month', $1::timestamptz, 'UTC'), $2::timestamptz, interval '1 month') AS m`,
    [readings.from, readings.to],
  );
  let stored = 0;
  let batch: { sensor: number; at: Date; c: number }[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await manager.query(INSERT_READINGS_SQL, [
      batch.map((r) => sensorIds[r.sensor].id),
      batch.map((r) => r.at.getTime()),
      batch.map((r) => ids.chambers[readings.sensors[r.sensor].chamberIndex]),
      batch.map((r) => r.c),
      batch.map((r) => r.c),
      batch.map(() => null),
    ]);
    stored += batch.length;
    batch = [];
  };
  for (const [index] of readings.sensors.entries()) {
    for (const reading of sensorReadings(plan, readings, index)) {
      batch.push({ sensor: index, ...reading });
      if (batch.length >= READINGS_PER_INSERT) await flush();
    }
  }
  await flush();
  return { sensors: readings.sensors.length, readings: stored };
}
