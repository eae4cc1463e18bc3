/**
 * `npm run bench:locations`: the putaway and pick suggestions on the demo dataset (BENCH_SCALE,
 * default large), against the same SQL run bare over pg:
 *   L1 POST /api/inventory/putaway-suggestions for the busiest warehouse, no chamber named (every
 *      suitable chamber's slots are ranked);
 *   L2 POST /api/inventory/pick-suggestions (FEFO) for the client and commodity with the most
 *      lots in stock there, half of their units.
 * When the demo data lays out no racks, the bench lays them out itself (bulk SQL): per chamber 20
 * racks × 4 levels × 5 slots, every in-stock lot placed whole in a slot of its chamber, slot
 * capacity its load plus a quarter (at least 500 units), one slot in 50 blocked.
 * BENCH_DATABASE_URL (a superuser URL) names the server; the database bench_locations is made anew
 * (BENCH_REUSE=1: measured again as a previous run left it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { pickSql } from '../src/inventory/locations/pick.sql';
import { putawaySql } from '../src/inventory/locations/putaway.sql';
import { DEMO_PASSWORD, signInAll } from './fixtures';
import { load, type LoadResult, type Request } from './load';
import { fmt, ownDatabase, percentile } from './own-database';
import { startService } from './processes';

const ROOT = join(__dirname, '..');
const DATABASE = 'bench_locations';
const SCALE = process.env.BENCH_SCALE ?? 'large';
const PORT = Number(process.env.BENCH_API_PORT ?? 8094);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** The same statement over a pool, back to back on every connection, for DURATION seconds. */
async function bare(
  url: string,
  sql: string,
  params: unknown[],
): Promise<{ rps: number; p50: number; p99: number }> {
  const pool = new Pool({ connectionString: url, max: CONNECTIONS });
  const warm = performance.now() + 1000;
  while (performance.now() < warm) await pool.query(sql, params);
  const latencies: number[] = [];
  const end = performance.now() + DURATION * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) {
        const began = performance.now();
        await pool.query(sql, params);
        latencies.push(performance.now() - began);
      }
    }),
  );
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / DURATION,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function api(url: string, request: Request): Promise<LoadResult> {
  await load(url, request, { connections: CONNECTIONS, duration: 1 });
  const result = await load(url, request, { connections: CONNECTIONS, duration: DURATION });
  if (result.errors > 0) throw new Error(`${request.path}: ${result.errors} errors`);
  return result;
}

async function main(): Promise<void> {
  // BENCH_REUSE=1 measures again on the database a previous run built (same scale).
  const reuse = process.env.BENCH_REUSE === '1';
  const { url: databaseUrl, env, cli } = await ownDatabase(DATABASE, PORT, reuse);
  const began = performance.now();
  const demoArgs = ['--scale', SCALE, '--seed', '1', '--as-of', '2026-06-30'];
  if (!reuse) {
    cli(['migrate']);
    cli(['demo-data', ...demoArgs, '--password-stdin'], `${DEMO_PASSWORD}\n`);
  }
  const demoSeconds = reuse ? Number.NaN : (performance.now() - began) / 1000;
  log(`demo-data ${demoArgs.join(' ')}: ${reuse ? 'reused' : `${fmt(demoSeconds)} s`}`);

  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  // demo-data lays racks out in every chamber and places the lots (src/demo-data/locations.ts).
  const existing = await db.query<{ slots: number; placed: number }>(
    `SELECT (SELECT count(*) FROM storage_locations WHERE kind = 'SLOT')::int AS slots,
            (SELECT count(*) FROM lot_placements)::int AS placed`,
  );
  const layout = existing.rows[0];
  if (layout.slots === 0) {
    throw new Error('The database has no storage layout: run again without BENCH_REUSE.');
  }
  log(`Layout (from demo-data): ${layout.slots} slots, ${layout.placed} lots placed`);

  const service = await startService({
    name: 'api',
    args: ['dist/main.js'],
    port: PORT,
    env,
    readyPath: '/health/ready',
    cwd: ROOT,
    logFile: join(ROOT, '.data', 'bench-locations-api.log'),
  });
  try {
    const fixtures = await signInAll(databaseUrl, service.url);
    const warehouseId = fixtures.operator.warehouseId;
    const headers = { authorization: `Bearer ${fixtures.operator.token}` };
    const busiest = await db.query<{
      client_id: string;
      commodity_id: string;
      lots: number;
      units: number;
    }>(
      `SELECT l.client_id, l.commodity_id, count(*)::int AS lots, sum(l.quantity)::int AS units
         FROM lots l
        WHERE l.warehouse_id = $1 AND l.status = 'IN_STOCK' AND l.quantity > 0
        GROUP BY l.client_id, l.commodity_id
        ORDER BY lots DESC, l.client_id, l.commodity_id LIMIT 1`,
      [warehouseId],
    );
    const { client_id: clientId, commodity_id: commodityId } = busiest.rows[0];
    const shape = await db.query<{ chambers: number; slots: number; lots: number }>(
      `SELECT (SELECT count(*)::int FROM chambers WHERE warehouse_id = $1) AS chambers,
              (SELECT count(*)::int FROM storage_locations WHERE warehouse_id = $1 AND kind = 'SLOT') AS slots,
              (SELECT count(*)::int FROM lots WHERE warehouse_id = $1) AS lots`,
      [warehouseId],
    );

    // L1: putaway of 2,000 units, no chamber named.
    const putaway = { client_id: clientId, commodity_id: commodityId, quantity: 2000 };
    const check = await fetch(`${service.url}/api/inventory/putaway-suggestions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(putaway),
    });
    const suggestion = (await check.json()) as { slots?: unknown[] };
    if (check.status !== 200) throw new Error(`putaway answered ${check.status}`);
    const l1Api = await api(service.url, {
      method: 'POST',
      path: '/api/inventory/putaway-suggestions',
      headers,
      body: putaway,
    });
    const l1Sql = putawaySql({
      warehouseId,
      anyWarehouse: true,
      clientId,
      commodityId,
      chamberId: null,
      quantity: putaway.quantity,
      weightKg: null,
    });
    const l1Bare = await bare(databaseUrl, l1Sql.sql, l1Sql.params);
    log(
      `L1 putaway (${suggestion.slots?.length ?? 0} slots): API ${fmt(l1Api.rps, 1)} req/s p50 ${fmt(l1Api.p50, 1)} p99 ${fmt(l1Api.p99, 1)} ms | SQL ${fmt(l1Bare.rps, 1)} q/s p50 ${fmt(l1Bare.p50, 1)} p99 ${fmt(l1Bare.p99, 1)} ms | ratio ${fmt(l1Api.rps / l1Bare.rps, 2)}`,
    );

    // L2: FEFO pick of half the busiest client and commodity's units.
    const pick = {
      client_id: clientId,
      commodity_id: commodityId,
      quantity: Math.max(1, Math.floor(busiest.rows[0].units / 2)),
    };
    const l2Api = await api(service.url, {
      method: 'POST',
      path: '/api/inventory/pick-suggestions',
      headers,
      body: pick,
    });
    // The warehouse scope as the API binds it: lots of the operator's warehouse.
    const l2Sql = pickSql(
      { clientId, commodityId, quantity: pick.quantity, strategy: 'FEFO' },
      'l.warehouse_id = $1',
      [warehouseId],
    );
    const l2Bare = await bare(databaseUrl, l2Sql.sql, l2Sql.params);
    log(
      `L2 pick (${busiest.rows[0].lots} lots, ${pick.quantity} units): API ${fmt(l2Api.rps, 1)} req/s p50 ${fmt(l2Api.p50, 1)} p99 ${fmt(l2Api.p99, 1)} ms | SQL ${fmt(l2Bare.rps, 1)} q/s p50 ${fmt(l2Bare.p50, 1)} p99 ${fmt(l2Bare.p99, 1)} ms | ratio ${fmt(l2Api.rps / l2Bare.rps, 2)}`,
    );

    const figures = {
      finishedAt: new Date().toISOString(),
      scale: SCALE,
      demoSeconds,
      connections: CONNECTIONS,
      duration: DURATION,
      layout,
      warehouse: shape.rows[0],
      busiest: busiest.rows[0],
      l1: { api: l1Api, baseline: l1Bare, slots: suggestion.slots?.length ?? 0 },
      l2: { api: l2Api, baseline: l2Bare, quantity: pick.quantity },
    };
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    const file = join(
      __dirname,
      'results',
      `${figures.finishedAt.replace(/[:.]/g, '-')}-locations.json`,
    );
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    log(`Figures: ${file}`);
  } finally {
    await service.stop();
    await db.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
