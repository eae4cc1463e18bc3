/**
 * `npm run bench:cold-chain`: the cold-chain scenarios on a database of their own (one chamber,
 * a year of minute readings, a lot in it for the last 90 days), against the same SQL run bare:
 *   C1 storing 10,000-reading batches with the ingestion's statement (the bare baseline of the
 *      HTTP ingestion route, rows/s);
 *   C2 a year of the chamber's history in hourly buckets: the API against the same query over pg;
 *   C3 the lot's certificate (JSON and PDF) over 90 days of minute readings.
 * BENCH_DATABASE_URL (a superuser URL) names the server; the database bench_cold_chain is made anew.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { INSERT_READINGS_SQL } from '../src/cold-chain/readings/readings.sql';
import { ROLLUP_BUCKETS_SQL } from '../src/cold-chain/history/history.sql';
import { load, median } from './load';
import { fmt, ownDatabase, percentile } from './own-database';
import { startService } from './processes';

const ROOT = join(__dirname, '..');
const DATABASE = 'bench_cold_chain';
const PASSWORD = 'bench-cold-chain-Quay-2026';
const EMAIL = 'bench.admin@example.com';
const PORT = Number(process.env.BENCH_API_PORT ?? 8093);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const BATCH = 10_000;
/** Batches each side stores in C1, alternating API and baseline. */
const INGEST_BATCHES = Number(process.env.BENCH_INGEST_BATCHES ?? 20);
const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Registers a gateway of `warehouseId` as the service issues keys; returns its key. */
export async function issueGatewayKey(db: Client, warehouseId: string): Promise<string> {
  // csg_<prefix>_<secret>, stored as its SHA-256.
  const keyPrefix = randomBytes(6).toString('hex');
  const gatewayKey = `csg_${keyPrefix}_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `INSERT INTO gateways (warehouse_id, name, key_prefix, key_hash) VALUES ($1, 'Bench gateway', $2, $3)`,
    [warehouseId, keyPrefix, createHash('sha256').update(gatewayKey, 'utf8').digest('hex')],
  );
  return gatewayKey;
}

/** The ingestion route's JSON body for one sensor's readings (°C to 2 places). */
export function readingsBody(sensorCode: string, readings: { at: Date; c: number }[]): string {
  return JSON.stringify({
    readings: readings.map((r) => ({
      sensor_code: sensorCode,
      recorded_at: r.at.toISOString(),
      temperature_c: Math.round(r.c * 100) / 100,
    })),
  });
}

/** POST /api/telemetry/readings as the gateway; throws with the answer unless it is a 2xx. */
export async function postReadings(
  apiUrl: string,
  gatewayKey: string,
  body: string,
): Promise<string> {
  const response = await fetch(`${apiUrl}/api/telemetry/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': gatewayKey },
    body,
  });
  const answer = await response.text();
  if (response.status >= 300) throw new Error(`ingestion answered ${response.status}: ${answer}`);
  return answer;
}

async function main(): Promise<void> {
  const { url: databaseUrl, env, cli } = await ownDatabase(DATABASE, PORT);
  cli(['migrate']);
  cli(['seed']);
  cli(
    ['create-admin', '--email', EMAIL, '--name', 'Bench Admin', '--password-stdin'],
    `${PASSWORD}\n`,
  );

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;
  const yearAgo = now - 365 * DAY;
  const one = async (sql: string, params: unknown[] = []): Promise<string> =>
    (await db.query<{ id: string }>(sql, params)).rows[0].id;
  const warehouse = await one(
    `INSERT INTO warehouses (code, name, address) VALUES ('BENCH', 'Bench Cold Store', 'Bench') RETURNING id`,
  );
  const chamber = await one(
    `INSERT INTO chambers (warehouse_id, code, name, min_temp_c, max_temp_c) VALUES ($1, 'FRZ-01', 'Freezer', -25, -15) RETURNING id`,
    [warehouse],
  );
  const bareChamber = await one(
    `INSERT INTO chambers (warehouse_id, code, name, min_temp_c, max_temp_c) VALUES ($1, 'FRZ-02', 'Freezer 2', -25, -15) RETURNING id`,
    [warehouse],
  );
  const commodity = await one(
    `INSERT INTO commodities (code, name, category, unit, min_temp_c, max_temp_c, shelf_life_days)
     VALUES ('PEAS', 'Frozen peas', 'Frozen', 'BAG', -25, -15, 365) RETURNING id`,
  );
  const user = await one(
    `INSERT INTO users (email, full_name, password_hash, status) VALUES ('bench.client@example.com', 'Bench Client', 'x', 'ACTIVE') RETURNING id`,
  );
  const client = await one(
    `INSERT INTO clients (user_id, company_name) VALUES ($1, 'Bench Foods') RETURNING id`,
    [user],
  );
  const received = new Date(now - 90 * DAY);
  const lot = await one(
    `INSERT INTO lots (warehouse_id, client_id, commodity_id, chamber_id, lot_number, received_at, last_movement_at)
     VALUES ($1, $2, $3, $4, 'BENCH-2026-000001', $5, $5) RETURNING id`,
    [warehouse, client, commodity, chamber, received],
  );
  await db.query(
    `INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta, weight_delta_kg, occurred_at)
     VALUES ($1, $2, $3, 'INWARD', 100, 2500, $4)`,
    [lot, warehouse, client, received],
  );
  const sensor = await one(
    `INSERT INTO sensors (warehouse_id, chamber_id, code, name) VALUES ($1, $2, 'FRZ-01-T1', 'Probe') RETURNING id`,
    [warehouse, chamber],
  );
  const [apiSensor, bareSensor] = [
    await one(
      `INSERT INTO sensors (warehouse_id, chamber_id, code, name) VALUES ($1, $2, 'FRZ-01-T2', 'Probe 2') RETURNING id`,
      [warehouse, chamber],
    ),
    // The baseline's sensor sits in a chamber of its own: the readings it stores are queued for
    // the detector there, so the API never judges the baseline's readings as well as its own.
    await one(
      `INSERT INTO sensors (warehouse_id, chamber_id, code, name) VALUES ($1, $2, 'FRZ-02-T1', 'Probe 3') RETURNING id`,
      [warehouse, bareChamber],
    ),
  ];
  const gatewayKey = await issueGatewayKey(db, warehouse);
  await db.query(
    `SELECT temperature_readings_ensure_partition(m)
       FROM generate_series($1::timestamptz, $2::timestamptz, interval '1 month') AS m`,
    [new Date(yearAgo), new Date(now + 31 * DAY)],
  );

  // C1 (baseline side) while loading the year: 10,000-reading batches through INSERT_READINGS_SQL.
  log(
    'Loading a year of minute readings in 10,000-reading batches (the ingestion statement, bare pg)',
  );
  const total = 365 * 1_440;
  const batchSeconds: number[] = [];
  for (let start = 0; start < total; start += BATCH) {
    const count = Math.min(BATCH, total - start);
    const times = Array.from({ length: count }, (_, i) => yearAgo + (start + i) * MINUTE);
    const temps = times.map((_, i) => -20 + Math.sin(((start + i) / 40) * 2 * Math.PI) * 0.8);
    const began = performance.now();
    await db.query(INSERT_READINGS_SQL, [
      times.map(() => sensor),
      times,
      times.map(() => chamber),
      temps,
      temps,
      times.map(() => null),
    ]);
    batchSeconds.push((performance.now() - began) / 1000);
  }
  await db.query('VACUUM (ANALYZE) temperature_readings, temperature_rollups_hourly');
  log(`  ${fmt(BATCH / median(batchSeconds.slice(0, -1)))} readings/s while loading`);

  const api = await startService({
    name: 'api',
    args: ['dist/main.js'],
    port: PORT,
    env,
    readyPath: '/health/ready',
    cwd: ROOT,
    logFile: join(ROOT, '.data', 'bench-cold-chain-api.log'),
  });
  try {
    const signIn = await fetch(`${api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const token = ((await signIn.json()) as { access_token: string }).access_token;
    const headers = { authorization: `Bearer ${token}` };

    // The year was stored in bulk, so it waits in the evaluation queue: the API's first sweep (a
    // minute after it starts) judges it. Measure after that, and report how long judging took.
    const queued = async (): Promise<number> =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chamber_evaluation_queue'))
        .rows[0].n;
    const judging = performance.now();
    while ((await queued()) > 0) await new Promise((done) => setTimeout(done, 500));
    const yearJudgedSeconds = (performance.now() - judging) / 1000;
    log(
      `  the first sweep judged the year's readings ${fmt(yearJudgedSeconds, 1)} s after sign-in`,
    );

    // C1: 10,000-reading batches, alternately over HTTP and bare, each side on a sensor of its own.
    const batchOf = (n: number) =>
      Array.from({ length: BATCH }, (_, i) => {
        const at = new Date(yearAgo + DAY + (n * BATCH + i) * MINUTE);
        return { at, c: -20 + Math.sin(i / 7) };
      });
    const apiSeconds: number[] = [];
    const bareSeconds: number[] = [];
    for (let n = 0; n < INGEST_BATCHES; n += 1) {
      const batch = batchOf(n);
      const body = readingsBody('FRZ-01-T2', batch);
      let began = performance.now();
      await postReadings(api.url, gatewayKey, body);
      apiSeconds.push((performance.now() - began) / 1000);
      const times = batch.map((r) => r.at.getTime());
      const temps = batch.map((r) => Math.round(r.c * 100) / 100);
      began = performance.now();
      await db.query(INSERT_READINGS_SQL, [
        times.map(() => bareSensor),
        times,
        times.map(() => bareChamber),
        temps,
        temps,
        times.map(() => null),
      ]);
      bareSeconds.push((performance.now() - began) / 1000);
    }
    const stored = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM temperature_readings WHERE sensor_id = $1',
      [apiSensor],
    );
    if (stored.rows[0].n !== INGEST_BATCHES * BATCH)
      throw new Error(`the API stored ${stored.rows[0].n} readings`);
    const ingest = {
      apiPerSecond: BATCH / median(apiSeconds),
      barePerSecond: BATCH / median(bareSeconds),
      batches: INGEST_BATCHES,
    };
    log(
      `C1: API ${fmt(ingest.apiPerSecond)} readings/s | bare ${fmt(ingest.barePerSecond)} readings/s | ratio ${fmt(ingest.apiPerSecond / ingest.barePerSecond, 2)}`,
    );

    // C2: a year at hourly buckets, API against the same query over a pool.
    const from = new Date(Math.floor(yearAgo / (3_600 * 1000)) * 3_600 * 1000);
    const to = new Date(Math.ceil(now / (3_600 * 1000)) * 3_600 * 1000);
    const path = `/api/chambers/${chamber}/temperature?from=${from.toISOString()}&to=${to.toISOString()}&bucket=1h`;
    await load(
      api.url,
      { method: 'GET', path, headers },
      { connections: CONNECTIONS, duration: 2 },
    );
    const apiRun = await load(
      api.url,
      { method: 'GET', path, headers },
      { connections: CONNECTIONS, duration: DURATION },
    );
    const pool = new Pool({ connectionString: databaseUrl, max: CONNECTIONS });
    const latencies: number[] = [];
    const end = performance.now() + DURATION * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const began = performance.now();
          await pool.query(ROLLUP_BUCKETS_SQL, [chamber, from, to, 3_600]);
          latencies.push(performance.now() - began);
        }
      }),
    );
    await pool.end();
    latencies.sort((a, b) => a - b);
    const baseline = {
      rps: latencies.length / DURATION,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
    log(
      `C2: API ${fmt(apiRun.rps, 1)} req/s p50 ${fmt(apiRun.p50, 1)} p99 ${fmt(apiRun.p99, 1)} ms | SQL ${fmt(baseline.rps, 1)} q/s p50 ${fmt(baseline.p50, 1)} p99 ${fmt(baseline.p99, 1)} ms | p99 ratio ${fmt(apiRun.p99 / baseline.p99, 2)}`,
    );

    // C3: the certificate over 90 days of minute readings (129,600), one request at a time.
    const timed = async (suffix: string): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        const began = performance.now();
        const response = await fetch(`${api.url}/api/inventory/lots/${lot}/${suffix}`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${suffix} answered ${response.status}`);
        if (i > 0) times.push(performance.now() - began);
      }
      return times.sort((a, b) => a - b);
    };
    const json = await timed('cold-chain');
    const pdf = await timed('cold-chain.pdf');
    log(
      `C3: certificate JSON median ${fmt(median(json), 1)} ms (max ${fmt(json.at(-1) ?? Number.NaN, 1)}), PDF median ${fmt(median(pdf), 1)} ms (max ${fmt(pdf.at(-1) ?? Number.NaN, 1)})`,
    );
    const figures = {
      finishedAt: new Date().toISOString(),
      connections: CONNECTIONS,
      duration: DURATION,
      c1: ingest,
      c2: { api: apiRun, baseline, p99Ratio: apiRun.p99 / baseline.p99 },
      yearJudgedSeconds,
      c3: { jsonMs: json, pdfMs: pdf },
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const file = join(
      __dirname,
      'results',
      `${figures.finishedAt.replace(/[:.]/g, '-')}-cold-chain.json`,
    );
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    log(`Figures: ${file}`);
  } finally {
    await api.stop();
    await db.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
