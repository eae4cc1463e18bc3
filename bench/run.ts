/**
 * `npm run bench` (`-- --quick` for a two-minute run): the API against a bare node:http + pg
 * baseline doing the same work, on the large demo dataset. See bench/RESULTS.md and the
 * README's Performance section.
 */
import { compare } from 'bcrypt';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { benchDataDir, prepareBenchDatabase, settle } from './database';
import { DEMO_PASSWORD, lotState, signInAll, type Fixtures } from './fixtures';
import { load, median, type LoadOptions, type LoadResult, type Request } from './load';
import {
  benchEnv,
  benchNode,
  sampling,
  type Service,
  startApiServer,
  startService,
} from './processes';
import { writeReport, type BenchReport, type ScenarioFigures, type TargetCheck } from './report';
import { benchDeepPages } from './deep-pages';
import { benchTraceabilityExport } from './traceability-export';
import { benchSoak, soakHolds } from './soak';
import { benchScaling } from './scaling';

const ROOT = join(__dirname, '..');

const quick = process.argv.includes('--quick');
const rounds = quick ? 1 : Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const duration = quick ? 4 : Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const bcryptRounds = Number(process.env.BCRYPT_ROUNDS ?? 12);
const poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 20);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 8091);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 8092);
const UNCACHED_PORT = Number(process.env.BENCH_UNCACHED_BASELINE_PORT ?? 8093);
const SOAK_PORT = Number(process.env.BENCH_SOAK_PORT ?? 8111);
const soakMinutes = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 3 : 20));
const SCALING_PORT = Number(process.env.BENCH_SCALING_API_PORT ?? 8101);
const scalingSizes = (process.env.BENCH_SCALING_SIZES ?? '10000,100000,1000000')
  .split(',')
  .map((size) => Number(size.trim()));
/** billing:run drafts about 2,000 lines a second: at a million lots one run takes ten minutes. */
const billingMaxLots = Number(
  process.env.BENCH_SCALING_BILLING_MAX_LOTS ?? (quick ? 100_000 : Number.POSITIVE_INFINITY),
);
const LOGIN_CONNECTIONS = 8;
const HOT_CONNECTIONS = 32;
const hotQuantity = quick ? 400 : 1500;
/** S8: a year of FSMA 204 records of the 12 warehouses (a large store's). */
const exportRows = Number(process.env.BENCH_EXPORT_ROWS ?? (quick ? 20_000 : 200_000));

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface AbScenario {
  id: 'S1' | 'S2' | 'S3' | 'S4' | 'S7';
  title: string;
  request: (f: Fixtures) => Request;
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

const AB_SCENARIOS: AbScenario[] = [
  { id: 'S1', title: 'GET /health', request: () => ({ method: 'GET', path: '/health' }) },
  {
    id: 'S2',
    title: 'operator GET /api/operator/inventory?limit=50',
    request: (f) => ({
      method: 'GET',
      path: '/api/operator/inventory?limit=50',
      headers: bearer(f.operator.token),
    }),
  },
  {
    id: 'S3',
    title: 'client GET /api/client/inventory?limit=50',
    request: (f) => ({
      method: 'GET',
      path: '/api/client/inventory?limit=50',
      headers: bearer(f.client.token),
    }),
  },
  {
    id: 'S4',
    title: 'admin GET /api/inventory/summary?warehouse_id=…',
    request: (f) => ({
      method: 'GET',
      path: `/api/inventory/summary?warehouse_id=${f.operator.warehouseId}`,
      headers: bearer(f.admin.token),
    }),
  },
  {
    id: 'S7',
    title: 'operator POST /api/inventory/inward',
    request: (f) => ({
      method: 'POST',
      path: '/api/inventory/inward',
      headers: bearer(f.writer.token),
      body: { ...f.inward, quantity: 10, weight_kg: '250.5', reference: 'BENCH-S7' },
    }),
  },
];

/** Runs one load and counts the queries the service sent meanwhile. */
async function measure(
  service: Service,
  request: Request,
  options: LoadOptions,
  expected: number[] = [],
): Promise<LoadResult & { queriesPerRequest: number }> {
  const before = await service.counts();
  const result = await load(service.url, request, options, expected);
  // Requests cut off by the end of the run still finish on the server: let them, then count.
  await sleep(Math.min(3_000, result.max + 100));
  const after = await service.counts();
  const requests = after.requests - before.requests;
  return {
    ...result,
    queriesPerRequest: requests > 0 ? (after.queries - before.queries) / requests : 0,
  };
}

/** bcrypt.compare alone, at the configured cost, `concurrency` at once (libuv's pool: all cores). */
async function bcryptLimit(hash: string, seconds: number, concurrency: number): Promise<number> {
  const started = performance.now();
  const end = started + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await compare(DEMO_PASSWORD, hash);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

async function passwordHash(url: string, email: string): Promise<string> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE email = $1',
      [email],
    );
    return rows[0].password_hash;
  } finally {
    await db.end();
  }
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

async function main(): Promise<void> {
  const startedAt = new Date();
  log(
    `Bench: ${quick ? 'quick' : 'full'} run, ${rounds} round(s) of ${duration} s, ${connections} connections, pool ${poolSize}`,
  );
  const baseEnv = benchEnv({ bcryptRounds, poolSize });
  const database = await prepareBenchDatabase({ bcryptRounds, baseEnv, apiPort: API_PORT, log });
  const env = { ...baseEnv, DATABASE_URL: database.url };
  const services: Service[] = [];
  const startApiOn = (port: number): Promise<Service> =>
    startApiServer({
      name: port === API_PORT ? 'api' : `api-${port}`,
      port,
      env,
      logFile: join(benchDataDir(), 'logs', port === API_PORT ? 'api.log' : `api-${port}.log`),
    });
  const startApi = (): Promise<Service> => startApiOn(API_PORT);
  try {
    let api = await startApi();
    services.push(api);
    // The floor keeps callers in memory as the API does; the one reading them on every request
    // is kept as a second reference row.
    const startBaseline = (name: string, port: number, cache: boolean): Promise<Service> =>
      startService({
        name,
        args: ['-r', 'ts-node/register/transpile-only', 'bench/baseline.ts'],
        port,
        env: { ...env, BASELINE_CACHE: cache ? '1' : '0' },
        readyPath: '/health/ready',
        cwd: ROOT,
        logFile: join(benchDataDir(), 'logs', `${name}.log`),
      });
    const baseline = await startBaseline('baseline', BASELINE_PORT, true);
    services.push(baseline);
    const uncached = await startBaseline('baseline-uncached', UNCACHED_PORT, false);
    services.push(uncached);
    const fixtures = await signInAll(database.url, api.url);
    log(
      `Fixtures: ${fixtures.totalLots} lots; operator ${fixtures.operator.email} (${fixtures.operator.lots} lots), client ${fixtures.client.email} (${fixtures.client.lots} lots)`,
    );

    // Warm-up: JIT, plan caches and pooled connections, for both, before anything counts.
    for (const scenario of AB_SCENARIOS) {
      for (const service of [api, baseline, uncached]) {
        await load(service.url, scenario.request(fixtures), { connections, duration: 1 });
      }
    }

    await settle(database.url);

    const ab = new Map<
      string,
      { api: LoadResult[]; baseline: LoadResult[]; uncached: LoadResult[]; queries: number[][] }
    >();
    let s2PeakRss = 0;
    const logins: { api: number[]; limit: number[]; queries: number[]; p99: number[] } = {
      api: [],
      limit: [],
      queries: [],
      p99: [],
    };
    const hot: { rps: number; ok: boolean; detail: string; queries: number }[] = [];
    const hash = await passwordHash(database.url, fixtures.loginEmail);
    const loginRequest: Request = {
      method: 'POST',
      path: '/api/auth/login',
      body: { email: fixtures.loginEmail, password: DEMO_PASSWORD },
    };

    for (let round = 1; round <= rounds; round += 1) {
      log(`Round ${round}/${rounds}`);
      for (const scenario of AB_SCENARIOS) {
        const request = scenario.request(fixtures);
        const entry = ab.get(scenario.id) ?? {
          api: [],
          baseline: [],
          uncached: [],
          queries: [[], [], []],
        };
        ab.set(scenario.id, entry);
        const { result: a, peak } = await sampling(
          () => api.rssMb(),
          () => measure(api, request, { connections, duration }),
        );
        if (scenario.id === 'S2') s2PeakRss = Math.max(s2PeakRss, peak);
        const b = await measure(baseline, request, { connections, duration });
        const u = await measure(uncached, request, { connections, duration });
        entry.api.push(a);
        entry.baseline.push(b);
        entry.uncached.push(u);
        entry.queries[0].push(a.queriesPerRequest);
        entry.queries[1].push(b.queriesPerRequest);
        entry.queries[2].push(u.queriesPerRequest);
        log(
          `  ${scenario.id} api ${fmt(a.rps)} req/s p99 ${fmt(a.p99, 1)} ms | baseline ${fmt(b.rps)} req/s p99 ${fmt(b.p99, 1)} ms | ratio ${fmt(a.rps / b.rps, 2)} | uncached ${fmt(u.rps)} req/s, ratio ${fmt(a.rps / u.rps, 2)}`,
        );
      }

      // S5: sign-in against bcrypt alone.
      const signIns = await measure(api, loginRequest, {
        connections: LOGIN_CONNECTIONS,
        duration,
      });
      const limit = await bcryptLimit(hash, duration, LOGIN_CONNECTIONS);
      logins.api.push(signIns.rps);
      logins.limit.push(limit);
      logins.queries.push(signIns.queriesPerRequest);
      logins.p99.push(signIns.p99);
      log(
        `  S5 api ${fmt(signIns.rps, 1)} logins/s (errors ${signIns.errors}) | bcrypt ${fmt(limit, 1)}/s | ratio ${fmt(signIns.rps / limit, 2)}`,
      );

      // S6: a hot lot dispatched one unit at a time until empty.
      const created = await fetch(`${api.url}/api/inventory/inward`, {
        method: 'POST',
        headers: { ...bearer(fixtures.writer.token), 'content-type': 'application/json' },
        body: JSON.stringify({ ...fixtures.inward, quantity: hotQuantity, reference: 'BENCH-S6' }),
      });
      if (created.status !== 201) {
        throw new Error(
          `Receiving the hot lot answered ${created.status}: ${await created.text()}`,
        );
      }
      const lotId = ((await created.json()) as { id: string }).id;
      const extra = HOT_CONNECTIONS * 2;
      const dispatches = await measure(
        api,
        {
          method: 'POST',
          path: '/api/inventory/outward',
          headers: bearer(fixtures.writer.token),
          body: { lot_id: lotId, quantity: 1, reference: 'BENCH-S6' },
        },
        { connections: HOT_CONNECTIONS, duration: 600, amount: hotQuantity + extra },
        [409],
      );
      const state = await lotState(database.url, lotId);
      const succeeded = dispatches.statuses['201'] ?? 0;
      const refused = dispatches.statuses['409'] ?? 0;
      const ok =
        state.quantity === 0 &&
        state.ledger === 0 &&
        succeeded === hotQuantity &&
        refused === extra &&
        dispatches.errors === 0;
      const detail = `${succeeded} dispatched, ${refused} refused (409), ${dispatches.errors} errors; lot ends at ${state.quantity} (ledger ${state.ledger}, ${state.status})`;
      hot.push({
        rps: succeeded / dispatches.seconds,
        ok,
        detail,
        queries: dispatches.queriesPerRequest,
      });
      log(`  S6 ${fmt(succeeded / dispatches.seconds)} dispatches/s: ${detail}`);
      await settle(database.url);
    }

    // S2 at a fixed rate: 50% and 80% of the API's measured peak.
    const s2 = ab.get('S2');
    const s2Peak = median(s2?.api.map((r) => r.rps) ?? []);
    const fixedRate: { fraction: number; rate: number; p50: number; p99: number }[] = [];
    for (const fraction of [0.5, 0.8]) {
      const rate = Math.round(s2Peak * fraction);
      const result = await load(api.url, AB_SCENARIOS[1].request(fixtures), {
        connections,
        duration,
        rate,
      });
      fixedRate.push({ fraction, rate, p50: result.p50, p99: result.p99 });
      log(`  S2 at ${rate} req/s (${fraction * 100}% of peak): p99 ${fmt(result.p99, 1)} ms`);
    }

    // /health while 8 sign-ins hash at once: measured from a second after they start to a second
    // before they end, so every probe meets all 8 in flight.
    const [, health] = await Promise.all([
      load(api.url, loginRequest, { connections: LOGIN_CONNECTIONS, duration: duration + 2 }),
      sleep(1000).then(() =>
        load(api.url, { method: 'GET', path: '/health' }, { connections: 2, duration, rate: 100 }),
      ),
    ]);
    log(`  /health during 8 concurrent sign-ins: p99 ${fmt(health.p99, 1)} ms`);

    // Deep pages: skip against the keyset cursor, at growing depths of the whole dataset.
    const deepPages = await benchDeepPages({
      url: database.url,
      api,
      adminToken: fixtures.admin.token,
      depths: [0, 1_000, 10_000, 100_000],
      requests: quick ? 5 : 15,
      log,
    });

    // The soak: two more instances on the same database under a working day's mix at 60% of its
    // peak, minute by minute (the API and the baselines above stay idle meanwhile); before S8,
    // which puts every commodity on the Food Traceability List.
    const soak = await benchSoak({
      databaseUrl: database.url,
      env,
      fixtures,
      ports: [SOAK_PORT, SOAK_PORT + 1],
      minutes: soakMinutes,
      log,
      startApi: startApiOn,
    });

    // S8: the FSMA 204 export of a year, after every other scenario (it adds rows they never read).
    const traceabilityExport = await benchTraceabilityExport({
      url: database.url,
      api,
      adminToken: fixtures.admin.token,
      rows: exportRows,
      log,
    });

    // Warm start: spawn to /health/ready on the running, migrated database.
    const starts = [api.readyMs];
    for (let i = 0; i < (quick ? 1 : 3); i += 1) {
      await api.stop();
      services.splice(services.indexOf(api), 1);
      api = await startApi();
      services.push(api);
      starts.push(api.readyMs);
    }
    const readyMs = median(starts);
    log(`  warm start to ready: ${starts.map((ms) => fmt(ms)).join(', ')} ms`);

    // Cost as data grows: the same operations on datasets of 10k, 100k and 1M lots, each a
    // database of its own on the same server, one at a time with nothing else running.
    const apiPeakRssMb = api.peakRssMb();
    for (const service of services.splice(0)) await service.stop();
    const scaling = await benchScaling({
      serverUrl: database.adminUrl,
      baseEnv,
      sizes: scalingSizes,
      samples: quick ? 3 : 7,
      billingMaxLots,
      apiPort: SCALING_PORT,
      log,
    });

    const scenarios: ScenarioFigures[] = AB_SCENARIOS.map((scenario) => {
      const entry = ab.get(scenario.id);
      if (!entry) throw new Error(`no figures for ${scenario.id}`);
      const rpsRatios = entry.api.map((a, i) => a.rps / entry.baseline[i].rps);
      const p99Ratios = entry.api.map((a, i) => a.p99 / entry.baseline[i].p99);
      return {
        id: scenario.id,
        title: scenario.title,
        api: summarize(entry.api, entry.queries[0]),
        baseline: summarize(entry.baseline, entry.queries[1]),
        rpsRatio: median(rpsRatios),
        p99Ratio: median(p99Ratios),
        uncached: summarize(entry.uncached, entry.queries[2]),
        uncachedRpsRatio: median(entry.api.map((a, i) => a.rps / entry.uncached[i].rps)),
      };
    });
    scenarios.push({
      id: 'S5',
      title: 'POST /api/auth/login (baseline: bcrypt.compare alone)',
      api: {
        rps: median(logins.api),
        p50: Number.NaN,
        p99: median(logins.p99),
        errors: 0,
        queries: median(logins.queries),
      },
      baseline: {
        rps: median(logins.limit),
        p50: Number.NaN,
        p99: Number.NaN,
        errors: 0,
        queries: 0,
      },
      rpsRatio: median(logins.api.map((a, i) => a / logins.limit[i])),
      p99Ratio: Number.NaN,
    });
    scenarios.push({
      id: 'S6',
      title: `${HOT_CONNECTIONS} connections dispatching 1 unit from one lot of ${hotQuantity} until empty`,
      api: {
        rps: median(hot.map((h) => h.rps)),
        p50: Number.NaN,
        p99: Number.NaN,
        errors: 0,
        queries: median(hot.map((h) => h.queries)),
      },
      baseline: null,
      rpsRatio: Number.NaN,
      p99Ratio: Number.NaN,
    });
    const byId = new Map(scenarios.map((s) => [s.id, s]));
    const get = (id: string): ScenarioFigures => {
      const found = byId.get(id);
      if (!found) throw new Error(id);
      return found;
    };
    const checks: TargetCheck[] = [];
    for (const id of ['S2', 'S3', 'S4']) {
      const s = get(id);
      checks.push({
        target: `${id} throughput ≥ 0.8 × baseline (callers cached)`,
        figure: `${fmt(s.rpsRatio, 2)} (${fmt(s.api.rps)} vs ${fmt(s.baseline?.rps ?? Number.NaN)} req/s; uncached baseline ${fmt(s.uncached?.rps ?? Number.NaN)}, ratio ${fmt(s.uncachedRpsRatio ?? Number.NaN, 2)})`,
        holds: s.rpsRatio >= 0.8,
      });
      checks.push({
        target: `${id} p99 ≤ 1.3 × baseline p99 (callers cached)`,
        figure: `${fmt(s.p99Ratio, 2)} (${fmt(s.api.p99, 1)} vs ${fmt(s.baseline?.p99 ?? Number.NaN, 1)} ms)`,
        holds: s.p99Ratio <= 1.3,
      });
    }
    const s1 = get('S1');
    const perRequestCost = 1000 / s1.api.rps - 1000 / (s1.baseline?.rps ?? Number.NaN);
    checks.push({
      target: 'S1 reported (framework cost per request)',
      figure: `${fmt(s1.rpsRatio, 2)} (${fmt(s1.api.rps)} vs ${fmt(s1.baseline?.rps ?? Number.NaN)} req/s: +${fmt(perRequestCost, 3)} ms a request at saturation)`,
      holds: true,
    });
    const s7 = get('S7');
    checks.push({
      target: 'S7 throughput ≥ 0.8 × baseline (callers cached)',
      figure: `${fmt(s7.rpsRatio, 2)} (${fmt(s7.api.rps)} vs ${fmt(s7.baseline?.rps ?? Number.NaN)} req/s; uncached baseline ratio ${fmt(s7.uncachedRpsRatio ?? Number.NaN, 2)})`,
      holds: s7.rpsRatio >= 0.8,
    });
    const s5 = get('S5');
    checks.push({
      target: 'S5 ≥ 0.95 × the bcrypt limit',
      figure: `${fmt(s5.rpsRatio, 2)} (${fmt(s5.api.rps, 1)} vs ${fmt(s5.baseline?.rps ?? Number.NaN, 1)} /s)`,
      holds: s5.rpsRatio >= 0.95,
    });
    checks.push({
      target: 'S6 ends at exactly 0, no errors but 409s',
      figure: `${fmt(get('S6').api.rps)} dispatches/s; ${hot.filter((h) => h.ok).length} of ${hot.length} rounds as expected (last: ${hot.at(-1)?.detail ?? 'none'})`,
      holds: hot.every((h) => h.ok),
    });
    for (const s of scenarios) {
      checks.push({
        target: `${s.id} ≤ 3 SQL queries a request`,
        figure: fmt(s.api.queries, 2),
        holds: s.api.queries <= 3.05,
      });
    }
    checks.push({
      target: 'API peak RSS under S2 ≤ 250 MB',
      figure: `${fmt(s2PeakRss)} MB`,
      holds: s2PeakRss <= 250,
    });
    for (const list of ['lots', 'movements'] as const) {
      const at = (depth: number) =>
        deepPages.rows.find((row) => row.list === list && row.depth === depth);
      const top = at(0);
      const deep = at(100_000);
      if (!top || !deep) continue;
      checks.push({
        target: `${list} page at depth 100,000 by after= within 2 × the first page`,
        figure:
          `after= ${fmt(deep.cursorMs, 1)} ms vs first page ${fmt(top.cursorMs, 1)} ms ` +
          `(skip=100000: ${fmt(deep.skipMs, 1)} ms)`,
        holds: deep.cursorMs <= 2 * top.cursorMs,
      });
    }
    for (const run of traceabilityExport.runs) {
      checks.push({
        // The API has served the other scenarios by then: what the export adds is what counts.
        target: `S8 ${run.format} export of a year streams: API RSS grows ≤ 64 MB`,
        figure:
          `${fmt(run.seconds, 2)} s for ${traceabilityExport.rows} rows (${fmt(run.rowsPerSecond)} rows/s), ` +
          `${fmt(run.ratio, 2)} × COPY of the same rows (${fmt(traceabilityExport.copySeconds, 2)} s); ` +
          `peak RSS ${fmt(run.peakRssMb)} MB (${fmt(run.rssBeforeMb)} MB before)`,
        holds: run.peakRssMb - run.rssBeforeMb <= 64,
      });
    }
    checks.push({
      target: 'warm start to /health/ready ≤ 3 s',
      figure: `${fmt(readyMs)} ms (median of ${starts.length})`,
      holds: readyMs <= 3000,
    });
    checks.push(...soakHolds(soak));
    for (const growth of scaling.growth) {
      checks.push({
        target: `${growth.operation}: grows at most linearly with the lots`,
        figure: `${growth.verdict}, slope ${fmt(growth.exponent, 2)} between the two largest datasets`,
        holds: growth.verdict !== 'super-linear',
      });
    }
    checks.push({
      target: '/health p99 < 10 ms during 8 concurrent sign-ins',
      figure: `${fmt(health.p99, 1)} ms`,
      holds: health.p99 < 10,
    });

    const report: BenchReport = {
      mode: quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        // The servers' Node (BENCH_NODE), which may not be the harness's.
        node: execFileSync(benchNode(), ['-p', 'process.version'], { encoding: 'utf8' }).trim(),
        postgres: database.serverVersion,
        database: process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'embedded',
      },
      settings: {
        rounds,
        duration,
        connections,
        poolSize,
        bcryptRounds,
        lots: fixtures.totalLots,
        operatorLots: fixtures.operator.lots,
        clientLots: fixtures.client.lots,
      },
      scenarios,
      fixedRate,
      healthUnderLoginP99: health.p99,
      s2PeakRssMb: s2PeakRss,
      traceabilityExport,
      deepPages,
      soak,
      scaling,
      apiPeakRssMb,
      warmStartMs: starts,
      checks,
    };
    const written = await writeReport(report, ROOT);
    log(`\n${written.table}`);
    log(`Figures: ${written.json}${written.markdown ? `; table: ${written.markdown}` : ''}`);
  } finally {
    for (const service of services) await service.stop();
    await database.stop();
  }
}

function summarize(results: LoadResult[], queries: number[]): ScenarioFigures['api'] {
  return {
    rps: median(results.map((r) => r.rps)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    queries: median(queries),
  };
}

/** `--render <results.json>`: redraws RESULTS.md and the chart from a run's figures. */
async function render(file: string): Promise<void> {
  const report = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  const written = await writeReport(report, ROOT, { json: false });
  log(`${written.table}\n\nRedrawn: ${written.markdown ?? 'nothing (not a full run)'}`);
}

const renderIndex = process.argv.indexOf('--render');
(renderIndex >= 0 ? render(process.argv[renderIndex + 1] ?? '') : main()).catch(
  (error: unknown) => {
    process.stderr.write(`Bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
