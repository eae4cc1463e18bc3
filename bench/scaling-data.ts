/**
 * The datasets of `npm run bench:scaling`, one template per size: a copy of the base
 * (bench/scaling-base.ts) grown to that many lots in set-based SQL, with a history of readings
 * in proportion and a year of readings for one chamber.
 */
import type { Client } from 'pg';
import { INSERT_READINGS_SQL } from 'src/cold-chain/readings/readings.sql';
import { cloneDatabase, contentHash, ensureTemplate, withClient } from './database';
import { AS_OF, baseHash, ensureBaseTemplate, type ScalingDataOptions } from './scaling-base';

/** Readings of the size-proportional history, per lot. */
export const READINGS_PER_LOT = 1;
/** The chamber whose year of history is read (op 8), and its sensor. */
export const HISTORY_CHAMBER = { warehouse: 'AGR', chamber: 'FRZ-01', sensor: 'FRZ-01-T1' };
/** A year of readings of that sensor, one every this many minutes, at every size. */
const HISTORY_MINUTES = 10;
/** The demo's own readings cover the last 30 days before AS_OF; the history fills the rest. */
const DEMO_READING_DAYS = 30;
const DAY_MS = 86_400_000;
const READINGS_PER_INSERT = 50_000;

/**
 * `count` lots more, each modelled on a random demo lot (client, warehouse, commodity, chamber,
 * inward units and kg, shelf life), received over the year before AS_OF, with 1-4 outwards
 * (35% dispatched to the last unit) and a shrinkage adjustment on 30% of the others: 3.8
 * movements a lot. Written with triggers off (session_replication_role = replica), each lot
 * with the figures its movements add up to, as stock_movements_apply would have left them:
 * the run's verify-ledger checks that. Numbers continue each warehouse's yearly sequence.
 */
async function addLots(db: Client, count: number): Promise<void> {
  await db.query('BEGIN');
  await db.query('SET LOCAL session_replication_role = replica');
  // One backend, so setseed makes the same rows every time; sorts and hashes in memory.
  await db.query('SET LOCAL max_parallel_workers_per_gather = 0');
  await db.query("SET LOCAL work_mem = '256MB'");
  await db.query("SET LOCAL maintenance_work_mem = '512MB'");
  // Millions of rows go faster into bare tables, their indexes built again after.
  const { rows: indexes } = await db.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes i
      WHERE schemaname = 'public' AND tablename IN ('lots', 'stock_movements')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                         WHERE c.conindid = format('%I.%I', schemaname, indexname)::regclass)`,
  );
  for (const index of indexes) await db.query(`DROP INDEX ${db.escapeIdentifier(index.name)}`);
  await db.query('SELECT setseed(0.2026)');
  await db.query(
    `CREATE TEMP TABLE proto ON COMMIT DROP AS
     SELECT (row_number() OVER (ORDER BY l.warehouse_id, l.lot_number) - 1)::int AS n,
            l.warehouse_id, l.client_id, l.commodity_id, l.chamber_id,
            m.quantity_delta AS units, m.weight_delta_kg AS kg,
            l.expiry_date - (l.received_at AT TIME ZONE 'UTC')::date AS shelf_days,
            (SELECT o.user_id FROM operator_profiles o
              WHERE o.warehouse_id = l.warehouse_id ORDER BY o.user_id LIMIT 1) AS operator_id
       FROM lots l JOIN stock_movements m ON m.lot_id = l.id AND m.type = 'INWARD'`,
  );
  await db.query(
    `CREATE TEMP TABLE gen ON COMMIT DROP AS
     SELECT d.*, least(d.outs, d.units - 1) AS k,
            d.units / (least(d.outs, d.units - 1) + 1) AS a,
            round(d.kg * (d.units / (least(d.outs, d.units - 1) + 1)) / d.units, 3) AS wa,
            least(d.outs, d.units - 1) + d.adjusted::int AS events,
            ($2::timestamptz - interval '1 hour') - d.received_at AS span
       FROM (SELECT g.i, gen_random_uuid() AS id, p.warehouse_id, p.client_id, p.commodity_id,
                    p.chamber_id, p.units, p.kg, p.shelf_days, p.operator_id, g.received_at,
                    g.outs, g.depleted, g.adjusted AND NOT g.depleted AS adjusted
               FROM (SELECT i, floor(random() * (SELECT count(*) FROM proto))::int AS pick,
                            $2::timestamptz - interval '365 days' + interval '8 hours'
                              + floor(random() * 364) * interval '1 day'
                              + floor(random() * 540) * interval '1 minute' AS received_at,
                            1 + floor(random() * 4)::int AS outs,
                            random() < 0.35 AS depleted, random() < 0.3 AS adjusted
                       FROM generate_series(1, $1::int) AS i) g
               JOIN proto p ON p.n = g.pick) d`,
    [count, `${AS_OF}T00:00:00Z`],
  );
  await db.query(
    `CREATE TEMP TABLE gm ON COMMIT DROP AS
     SELECT id AS lot_id, warehouse_id, client_id, operator_id, 'INWARD'::movement_type AS type,
            units AS quantity_delta, kg AS weight_delta_kg, received_at AS occurred_at,
            NULL::adjustment_reason AS reason_code
       FROM gen
     UNION ALL
     SELECT g.id, g.warehouse_id, g.client_id, g.operator_id, 'OUTWARD',
            -CASE WHEN g.depleted AND e = g.k THEN g.units - (g.k - 1) * g.a ELSE g.a END,
            -CASE WHEN g.depleted AND e = g.k THEN g.kg - (g.k - 1) * g.wa ELSE g.wa END,
            g.received_at + g.span * ((e - 1 + random()) / g.events), NULL
       FROM gen g CROSS JOIN LATERAL generate_series(1, g.k) AS e
     UNION ALL
     SELECT id, warehouse_id, client_id, operator_id, 'ADJUSTMENT', 0,
            -round((kg - k * wa) * 0.01, 3),
            received_at + span * ((events - 1 + random()) / events), 'SHRINKAGE'
       FROM gen WHERE adjusted`,
  );
  await db.query(
    `INSERT INTO lots (id, warehouse_id, client_id, commodity_id, chamber_id, lot_number, quantity,
                       weight_kg, received_at, expiry_date, status, last_movement_at)
     SELECT n.id, n.warehouse_id, n.client_id, n.commodity_id, n.chamber_id,
            format('%s-%s-%s', w.code, n.year, lpad((coalesce(c.last_value, 0) + n.seq)::text, 6, '0')),
            s.quantity, s.weight_kg, n.received_at,
            (n.received_at AT TIME ZONE 'UTC')::date + n.shelf_days,
            CASE WHEN s.quantity = 0 THEN 'DEPLETED' ELSE 'IN_STOCK' END::lot_status, s.last_at
       FROM (SELECT g.*, extract(year FROM g.received_at AT TIME ZONE 'UTC')::int AS year,
                    row_number() OVER (PARTITION BY g.warehouse_id,
                                       extract(year FROM g.received_at AT TIME ZONE 'UTC')
                                       ORDER BY g.received_at, g.i) AS seq
               FROM gen g) n
       JOIN warehouses w ON w.id = n.warehouse_id
       LEFT JOIN lot_number_counters c ON c.warehouse_id = n.warehouse_id AND c.year = n.year
       JOIN (SELECT lot_id, sum(quantity_delta)::int AS quantity, sum(weight_delta_kg) AS weight_kg,
                    max(occurred_at) AS last_at
               FROM gm GROUP BY lot_id) s ON s.lot_id = n.id
      ORDER BY n.received_at`,
  );
  // As they would have come in: in time order.
  await db.query(
    `INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                  weight_delta_kg, occurred_at, reason_code, notes, recorded_by_id)
     SELECT lot_id, warehouse_id, client_id, type, quantity_delta, weight_delta_kg, occurred_at,
            reason_code, CASE WHEN type = 'ADJUSTMENT' THEN 'Moisture loss found at re-weighing' END,
            operator_id
       FROM gm ORDER BY occurred_at`,
  );
  await db.query(
    `INSERT INTO lot_number_counters (warehouse_id, year, last_value)
     SELECT warehouse_id, split_part(lot_number, '-', 2)::int, max(split_part(lot_number, '-', 3)::int)
       FROM lots GROUP BY 1, 2
     ON CONFLICT (warehouse_id, year) DO UPDATE SET last_value = excluded.last_value`,
  );
  for (const index of indexes) await db.query(index.definition);
  await db.query('COMMIT');
}

/** Stores readings through the ingestion's own statement (rollups and all), in batches. */
async function storeReadings(
  db: Client,
  readings: Iterable<{ sensorId: string; chamberId: string; at: number; c: number }>,
): Promise<number> {
  let batch: { sensorId: string; chamberId: string; at: number; c: number }[] = [];
  let stored = 0;
  const flush = async (): Promise<void> => {
    await db.query(INSERT_READINGS_SQL, [
      batch.map((r) => r.sensorId),
      batch.map((r) => r.at),
      batch.map((r) => r.chamberId),
      batch.map((r) => r.c),
      batch.map((r) => r.c),
      batch.map(() => null),
    ]);
    stored += batch.length;
    batch = [];
  };
  for (const reading of readings) {
    batch.push(reading);
    if (batch.length >= READINGS_PER_INSERT) await flush();
  }
  if (batch.length > 0) await flush();
  return stored;
}

interface SensorRow {
  id: string;
  chamber_id: string;
  code: string;
  warehouse: string;
  middle: number;
}

/**
 * The year before the demo's readings: `total` readings spread evenly over every sensor but the
 * history chamber's, and one reading every HISTORY_MINUTES for the history sensor. All sit mid-
 * range (nothing for the excursion detector), so their queue entries are dropped after.
 */
async function addReadings(db: Client, total: number): Promise<number> {
  const end = Date.parse(`${AS_OF}T00:00:00Z`) - DEMO_READING_DAYS * DAY_MS;
  const start = Date.parse(`${AS_OF}T00:00:00Z`) - 365 * DAY_MS;
  await db.query(
    `SELECT temperature_readings_ensure_partition(m)
       FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 month') AS m`,
    [new Date(start), new Date(end)],
  );
  const { rows: sensors } = await db.query<SensorRow>(
    `SELECT s.id, s.chamber_id, s.code, w.code AS warehouse,
            ((c.min_temp_c + c.max_temp_c) / 2)::float8 AS middle
       FROM sensors s JOIN chambers c ON c.id = s.chamber_id JOIN warehouses w ON w.id = c.warehouse_id
      ORDER BY w.code, s.code`,
  );
  const history = sensors.find(
    (s) => s.warehouse === HISTORY_CHAMBER.warehouse && s.code === HISTORY_CHAMBER.sensor,
  );
  if (!history) throw new Error(`No sensor ${HISTORY_CHAMBER.sensor} in the demo data`);
  const historySensor = history;
  const others = sensors.filter((s) => s.chamber_id !== history.chamber_id);
  function* readings(): Generator<{ sensorId: string; chamberId: string; at: number; c: number }> {
    const wave = (n: number): number => Math.round(Math.sin(n / 7) * 50) / 100;
    const step = HISTORY_MINUTES * 60_000;
    for (let at = start, n = 0; at < end; at += step, n += 1) {
      yield {
        sensorId: historySensor.id,
        chamberId: historySensor.chamber_id,
        at,
        c: historySensor.middle + wave(n),
      };
    }
    const each = Math.floor(total / others.length);
    const gap = Math.floor((end - start) / Math.max(1, each));
    for (const [index, sensor] of others.entries()) {
      for (let n = 0; n < each; n += 1) {
        const at = start + n * gap + index * 1_000;
        yield { sensorId: sensor.id, chamberId: sensor.chamber_id, at, c: sensor.middle + wave(n) };
      }
    }
  }
  const stored = await storeReadings(db, readings());
  await db.query('DELETE FROM chamber_evaluation_queue');
  return stored;
}

/**
 * The template of `lots` lots (building the base and it when missing); returns its name and
 * how long building it took, if it was built now.
 */
export async function ensureScalingTemplate(
  lots: number,
  options: ScalingDataOptions,
): Promise<{ template: string; builtSeconds: number | null }> {
  const { adminUrl, log } = options;
  const rounds = options.baseEnv.BCRYPT_ROUNDS ?? '';
  const hash = contentHash(['bench/scaling-data.ts'], [baseHash(rounds), String(READINGS_PER_LOT)]);
  const template = `bench_scale_${lots}_${hash}`;
  const started = performance.now();
  const built = await ensureTemplate({
    adminUrl,
    template,
    stalePrefix: `bench_scale_${lots}_`,
    describe: `${lots.toLocaleString('en-US')} lots`,
    log,
    build: async (url) => {
      const base = await ensureBaseTemplate(options);
      // ensureTemplate made the database empty; the copy of the base replaces it.
      await cloneDatabase(adminUrl, base, new URL(url).pathname.slice(1));
      await withClient(url, async (db) => {
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM lots');
        const extra = lots - rows[0].n;
        if (extra < 0) throw new Error(`The base already holds ${rows[0].n} lots`);
        const began = performance.now();
        if (extra > 0) await addLots(db, extra);
        log(`  ${extra.toLocaleString('en-US')} lots added in ${secondsSince(began)} s`);
        const readingsBegan = performance.now();
        const stored = await addReadings(db, READINGS_PER_LOT * lots);
        log(
          `  ${stored.toLocaleString('en-US')} readings added in ${secondsSince(readingsBegan)} s`,
        );
        const vacuumBegan = performance.now();
        await db.query('VACUUM (ANALYZE)');
        log(`  vacuumed and analyzed in ${secondsSince(vacuumBegan)} s`);
      });
    },
  });
  return { template, builtSeconds: built ? (performance.now() - started) / 1000 : null };
}

export const secondsSince = (began: number): string =>
  ((performance.now() - began) / 1000).toFixed(1);
