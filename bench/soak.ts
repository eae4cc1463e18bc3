/**
 * `npm run bench:soak` (`-- --quick` for 3 minutes; BENCH_SOAK_MINUTES, default 20): two API
 * instances on one database under a working day's mix of reads, receipts, dispatches and the odd
 * sign-in, first back to back for its peak, then at 60% of it in one-minute windows. Latency and
 * each instance's RSS at the start against the end say whether anything grows; a 5xx, a socket
 * error or a ledger that disagrees with its lots is a failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { benchDataDir, prepareBenchDatabase } from './database';
import { signInAll, type Fixtures } from './fixtures';
import { fmt, percentile } from './own-database';
import { benchEnv, benchNode, sampling, type Service, startApiServer } from './processes';
import { MIX_SHARES, SOAK_REFERENCE, SoakMix, runMix, type MixRun } from './soak-mix';
import {
  soakHolds,
  soakMarkdown,
  type SoakFigures,
  type SoakLedger,
  type SoakWindow,
} from './soak-report';

export * from './soak-report';

const ROOT = join(__dirname, '..');
/** Connections per instance: 16 in all, as the bench's other scenarios. */
const CONNECTIONS = 8;
const WARM_SECONDS = 5;
const PEAK_SECONDS = 10;
const RATE_FRACTION = 0.6;
const WINDOW_SECONDS = 60;
/** Receipts before the first dispatch, so dispatches have units to take from the start. */
const SEED_LOTS = 16;

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
/** Responses whose status passes `keep`. */
const tally = (statuses: Record<string, number>, keep: (status: string) => boolean): number =>
  sum(
    Object.entries(statuses)
      .filter(([status]) => keep(status))
      .map(([, n]) => n),
  );

/** after= cursors of pages 2 to 5 of the operator's lot list (a keyset page, not the first). */
async function lotCursors(url: string, token: string): Promise<string[]> {
  const cursors: string[] = [];
  let path = '/api/inventory/lots?limit=50';
  for (let page = 1; page <= 4; page += 1) {
    const response = await fetch(`${url}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const next = response.headers.get('x-next-cursor');
    if (response.status !== 200 || !next) {
      throw new Error(`The lot list answered ${response.status} without a next cursor`);
    }
    cursors.push(next);
    path = `/api/inventory/lots?limit=50&after=${encodeURIComponent(next)}`;
  }
  return cursors;
}

/**
 * The mix against both instances at once, one autocannon connection per lane, half the lanes
 * each. autocannon paces a connection by letting it send its quota for the second back to back,
 * then waiting for the next second: lanes started in step would all burst together and measure
 * a saturated server for most of every second. Started a fraction of a second apart, their
 * bursts take turns, which is what a fixed overall rate means.
 */
async function overBoth(
  mix: SoakMix,
  services: [Service, Service],
  seconds: number,
  rate?: number,
): Promise<{ runs: MixRun[]; rssPeakMb: [number, number] }> {
  const [a, b] = services;
  // At a low rate, fewer lanes: every lane sends at least one request a second.
  const lanes = Math.min(CONNECTIONS * services.length, rate ?? Number.POSITIVE_INFINITY);
  const lane = async (index: number): Promise<MixRun> => {
    const service = services[index % services.length];
    if (rate === undefined) return runMix(mix, service.url, { connections: 1, seconds });
    await sleep((index * 1000) / lanes);
    const quota = Math.floor(rate / lanes) + (index < rate % lanes ? 1 : 0);
    return runMix(mix, service.url, { connections: 1, seconds, rate: quota });
  };
  const outer = await sampling(
    () => a.rssMb(),
    () =>
      sampling(
        () => b.rssMb(),
        () => Promise.all(Array.from({ length: lanes }, (_, i) => lane(i))),
        1000,
      ),
    1000,
  );
  return { runs: outer.result.result, rssPeakMb: [outer.peak, outer.result.peak] };
}

function counted(runs: MixRun[]): { statuses: Record<string, number>; requests: number } {
  const statuses: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, n] of Object.entries(run.statuses))
      statuses[code] = (statuses[code] ?? 0) + n;
  }
  return { statuses, requests: sum(Object.values(statuses)) };
}

const sortedLatencies = (runs: MixRun[]): number[] =>
  runs.flatMap((r) => r.latencies).sort((x, y) => x - y);

/** A window's figures from its runs on both instances (RSS at its end). */
function windowFigures(minute: number, runs: MixRun[], services: Service[]): SoakWindow {
  const { statuses, requests } = counted(runs);
  const sorted = sortedLatencies(runs);
  const rssMb: [number, number] = [services[0].rssMb(), services[1].rssMb()];
  return {
    minute,
    rps: requests / Math.max(...runs.map((r) => r.seconds)),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rssMb,
    rssPeakMb: rssMb,
    status5xx: tally(statuses, (s) => s.startsWith('5')),
    // Every kind of the mix answers 2xx by design: a 4xx is an error too.
    errors: sum(runs.map((r) => r.errors)) + tally(statuses, (s) => s[0] !== '2' && s[0] !== '5'),
    requests,
    kindP99: {},
  };
}

async function checkLedger(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<SoakLedger> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  let row: Omit<SoakLedger, 'verify' | 'ok'>;
  try {
    const { rows } = await db.query<Omit<SoakLedger, 'verify' | 'ok'>>(
      `WITH soak AS (SELECT DISTINCT lot_id FROM stock_movements WHERE reference = $1)
       SELECT count(*)::int AS lots,
              coalesce(sum(m.received), 0)::int AS "unitsReceived",
              coalesce(sum(m.dispatched), 0)::int AS "unitsDispatched",
              count(*) FILTER (WHERE l.quantity <> m.quantity)::int AS mismatched,
              coalesce(min(l.quantity), 0)::int AS "leastQuantity"
         FROM soak JOIN lots l ON l.id = soak.lot_id
        CROSS JOIN LATERAL (
              SELECT sum(quantity_delta) AS quantity,
                     coalesce(sum(quantity_delta) FILTER (WHERE type = 'INWARD'), 0) AS received,
                     coalesce(-sum(quantity_delta) FILTER (WHERE type = 'OUTWARD'), 0) AS dispatched
                FROM stock_movements WHERE lot_id = l.id) m`,
      [SOAK_REFERENCE],
    );
    row = rows[0];
  } finally {
    await db.end();
  }
  let verify: string;
  let verified = true;
  try {
    verify = execFileSync(benchNode(), [join(ROOT, 'dist/cli.js'), 'verify-ledger'], {
      cwd: ROOT,
      env: { ...env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    verify = `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
    verified = false;
  }
  return {
    ...row,
    verify: verify.trim().split('\n').at(-1) ?? '',
    ok: verified && row.mismatched === 0 && row.leastQuantity >= 1,
  };
}

export async function benchSoak(options: {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  fixtures: Fixtures;
  ports: [number, number];
  minutes: number;
  log: (line: string) => void;
  startApi: (port: number) => Promise<Service>;
}): Promise<SoakFigures> {
  const { log, fixtures, minutes } = options;
  const started: Service[] = [];
  try {
    for (const port of options.ports) started.push(await options.startApi(port));
    const services: [Service, Service] = [started[0], started[1]];
    const mix = new SoakMix(fixtures, await lotCursors(services[0].url, fixtures.operator.token));
    await mix.seed(services[0].url, SEED_LOTS);

    await overBoth(mix, services, WARM_SECONDS);
    const peak = await overBoth(mix, services, PEAK_SECONDS);
    mix.takeLatencies();
    const peakRps = counted(peak.runs).requests / Math.max(...peak.runs.map((r) => r.seconds));
    const rate = Math.round(peakRps * RATE_FRACTION);
    log(`Soak: mix peak ${fmt(peakRps)} req/s over two instances; ${minutes} min at ${rate} req/s`);

    const windows: SoakWindow[] = [];
    const kinds = new Map<string, number[]>();
    const latencies: number[][] = [];
    let errorsSeen = 0;
    for (let minute = 1; minute <= minutes; minute += 1) {
      const { runs, rssPeakMb } = await overBoth(mix, services, WINDOW_SECONDS, rate);
      const window = windowFigures(minute, runs, services);
      window.rssPeakMb = rssPeakMb;
      for (const [kind, list] of mix.takeLatencies()) {
        list.sort((x, y) => x - y);
        window.kindP99[kind] = percentile(list, 99);
        kinds.set(kind, (kinds.get(kind) ?? []).concat(list));
      }
      latencies.push(sortedLatencies(runs));
      windows.push(window);
      log(
        `  minute ${minute}: ${fmt(window.rps)} req/s, p50 ${fmt(window.p50, 1)} ms, p99 ${fmt(window.p99, 1)} ms, ` +
          `RSS ${window.rssMb.map((m) => fmt(m)).join(' / ')} MB, 5xx ${window.status5xx}, errors ${window.errors}`,
      );
      if (mix.unexpected.size > errorsSeen) {
        for (const [key, body] of [...mix.unexpected].slice(errorsSeen)) log(`    ${key}: ${body}`);
        errorsSeen = mix.unexpected.size;
      }
    }

    const edge = minutes >= 4 ? 2 : 1;
    const pooledP99 = (parts: number[][]): number =>
      percentile(
        parts.flat().sort((x, y) => x - y),
        99,
      );
    const ledger = await checkLedger(options.databaseUrl, options.env);
    log(
      `  ledger: ${ledger.lots} soak lots, ${ledger.unitsReceived} units received, ${ledger.unitsDispatched} dispatched, ` +
        `${ledger.mismatched} mismatched, least ${ledger.leastQuantity}; verify-ledger: ${ledger.verify}`,
    );
    return {
      minutes,
      peakRps,
      rate,
      instances: services.length,
      mix: MIX_SHARES,
      windows,
      startP99: pooledP99(latencies.slice(0, edge)),
      endP99: pooledP99(latencies.slice(-edge)),
      startRssMb: windows[0]?.rssMb ?? [],
      endRssMb: windows.at(-1)?.rssMb ?? [],
      total5xx: sum(windows.map((w) => w.status5xx)),
      totalErrors: sum(windows.map((w) => w.errors)),
      requests: sum(windows.map((w) => w.requests)),
      dispatched: mix.dispatched,
      dryDispatches: mix.dryDispatches,
      unexpected: Object.fromEntries(mix.unexpected),
      ledger,
      byKind: [...kinds].map(([name, list]) => {
        list.sort((x, y) => x - y);
        return {
          name,
          requests: list.length,
          p50: percentile(list, 50),
          p99: percentile(list, 99),
        };
      }),
    };
  } finally {
    for (const service of started) await service.stop();
  }
}

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 3 : 20));
  const firstPort = Number(process.env.BENCH_SOAK_PORT ?? 8111);
  const ports: [number, number] = [firstPort, firstPort + 1];
  const bcryptRounds = Number(process.env.BCRYPT_ROUNDS ?? 12);
  const baseEnv = benchEnv({
    bcryptRounds,
    poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20),
  });
  const database = await prepareBenchDatabase({ bcryptRounds, baseEnv, apiPort: firstPort, log });
  const env = { ...baseEnv, DATABASE_URL: database.url };
  const startApi = (port: number): Promise<Service> =>
    startApiServer({
      name: `api-${port}`,
      port,
      env,
      logFile: join(benchDataDir(), 'logs', `soak-api-${port}.log`),
    });
  try {
    // Tokens are signed with the run's SECRET_KEY: those of one instance pass on the other.
    const signer = await startApi(ports[0]);
    const fixtures = await signInAll(database.url, signer.url).finally(() => signer.stop());
    const figures = await benchSoak({
      databaseUrl: database.url,
      env,
      fixtures,
      ports,
      minutes,
      log,
      startApi,
    });
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = join(dir, `${stamp}-soak${quick ? '-quick' : ''}.json`);
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    const checks = soakHolds(figures);
    log(`\n${soakMarkdown(figures)}\n`);
    for (const c of checks) log(`${c.holds ? 'holds ' : 'FAILS '} ${c.target}: ${c.figure}`);
    log(`Figures: ${relative(ROOT, file)}`);
    if (!checks.every((c) => c.holds)) process.exitCode = 1;
  } finally {
    await database.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Soak failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
