/**
 * `npm run bench:scaling` (`-- --quick`: 3 samples instead of 7): what each operation costs as
 * the lots grow tenfold and a hundredfold (BENCH_SCALING_SIZES, default 10000,100000,1000000).
 * Each size is a template (bench/scaling-data.ts) cloned afresh for its measurements, with the
 * API started as `npm run start:prod` starts it. A figure is the median of sequential runs:
 * latency alone, not throughput. Prints a table with each operation's growth verdict.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { issueGatewayKey, postReadings, readingsBody } from './cold-chain';
import { benchDataDir, benchServer, cloneDatabase, urlFor, withClient } from './database';
import { cursorAt } from './deep-pages';
import { DEMO_ADMIN, DEMO_PASSWORD } from './fixtures';
import { median } from './load';
import { benchEnv, benchNode, type Service, startApiServer } from './processes';
import { AS_OF } from './scaling-base';
import {
  growthOf,
  scalingMarkdown,
  scalingSvg,
  type ScalingFigures,
  type ScalingRow,
} from './scaling-chart';
import { ensureScalingTemplate, HISTORY_CHAMBER, secondsSince } from './scaling-data';

export { scalingMarkdown, scalingSvg, type ScalingFigures, type ScalingRow };

const ROOT = join(__dirname, '..');
const RUN_DATABASE = 'bench_scale_run';
const PAGE = 50;
const INGEST_BATCH = 10_000;
/** A sample longer than this is the last of its operation at that size (billing at 1M lots). */
const SAMPLE_BUDGET_MS = 60_000;
/** The month billed: the last whole month of the generated year. */
const BILLING_MONTH = '2026-05';
const run = promisify(execFile);

export interface ScalingOptions {
  /** A superuser URL of a PostgreSQL server. */
  serverUrl: string;
  /** The API's environment but DATABASE_URL: production mode, SECRET_KEY, BCRYPT_ROUNDS… */
  baseEnv: NodeJS.ProcessEnv;
  sizes: number[];
  /** Sequential runs per figure. */
  samples: number;
  apiPort: number;
  log: (line: string) => void;
  /**
   * billing:run only up to this many lots (default: at every size). It drafts a line per lot
   * and day range, about 2,000 a second: at a million lots one run takes over ten minutes.
   */
  billingMaxLots?: number;
}

/** What the operations need of one size's clone, read once. */
interface Session {
  lots: number;
  api: Service;
  db: Client;
  env: NodeJS.ProcessEnv;
  headers: Record<string, string>;
  client: { id: string; lots: number };
  /** The lot list's cursor at half depth, read before the samples. */
  halfCursor: string;
  /** Median time of the CLI doing nothing (`--help` starts it all the same): its start. */
  cliStartMs: number;
  historyChamberId: string;
  ingest: { gatewayKey: string; sensorCode: string; middle: number };
}

interface Outcome {
  detail?: string;
}

interface Operation {
  name: string;
  /** Run before the timed samples: the first request of a fresh API compiles and caches. */
  warmUp: boolean;
  /** A CLI command: its figure is net of the CLI's start, which does not grow with the data. */
  cli?: boolean;
  sample: (session: Session, index: number) => Promise<Outcome>;
  /** Whether it runs at this size (default: always). */
  runsAt?: (lots: number, options: ScalingOptions) => boolean;
  /** Undoes a sample's writes before the next one. */
  reset?: (session: Session) => Promise<void>;
}

async function get(session: Session, path: string): Promise<Response> {
  const response = await fetch(`${session.api.url}${path}`, { headers: session.headers });
  if (response.status !== 200) {
    throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

async function page(session: Session, query: string): Promise<Outcome> {
  const rows = (await (await get(session, `/api/inventory/lots?limit=${PAGE}${query}`)).json()) as {
    lot_number: string;
  }[];
  if (rows.length !== PAGE) throw new Error(`lots?${query} gave ${rows.length} rows`);
  return {};
}

async function cliRun(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(benchNode(), [join(ROOT, 'dist/cli.js'), ...args], {
      cwd: ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    throw new Error(
      `node dist/cli.js ${args.join(' ')} exited with ${failed.code ?? '?'}: ${failed.stderr ?? ''}${(failed.stdout ?? '').slice(-2_000)}`,
      { cause: error },
    );
  }
}

const YEAR_FROM = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - 365 * 86_400_000).toISOString();
const YEAR_TO = `${AS_OF}T00:00:00.000Z`;
/** The last day of the generated year: the statement rebuilds the year's ledger up to it. */
const STATEMENT_DAY = new Date(Date.parse(YEAR_TO) - 86_400_000).toISOString().slice(0, 10);

const OPERATIONS: Operation[] = [
  {
    name: 'lots, first page',
    warmUp: true,
    sample: (session) => page(session, ''),
  },
  {
    name: 'lots at half depth, skip=',
    warmUp: true,
    sample: (session) => page(session, `&skip=${Math.floor(session.lots / 2)}`),
  },
  {
    name: 'lots at half depth, after=',
    warmUp: true,
    sample: (session) => page(session, `&after=${session.halfCursor}`),
  },
  {
    name: 'summary, whole company',
    warmUp: true,
    sample: async (session) => {
      const summary = (await (await get(session, '/api/inventory/summary')).json()) as {
        totals: { lots: number };
        by_client: unknown[];
      };
      if (!(summary.totals.lots > 0 && summary.totals.lots <= session.lots)) {
        throw new Error(`summary counts ${summary.totals.lots} lots with stock`);
      }
      return { detail: `${summary.totals.lots.toLocaleString('en-US')} lots with stock` };
    },
  },
  {
    name: 'statement CSV, largest client',
    warmUp: true,
    sample: async (session) => {
      const path = `/api/inventory/statement?client_id=${session.client.id}&as_of=${STATEMENT_DAY}&format=csv`;
      const response = await get(session, path);
      const csv = await response.text();
      const lines = csv.trimEnd().split('\n').length - 1;
      if (!response.headers.get('content-type')?.startsWith('text/csv') || lines < 1) {
        throw new Error(`${path} gave ${lines} rows of ${response.headers.get('content-type')}`);
      }
      return {
        detail: `${lines.toLocaleString('en-US')} rows for a client of ${session.client.lots.toLocaleString('en-US')} lots`,
      };
    },
  },
  {
    name: "a chamber's year, 1h buckets",
    warmUp: true,
    sample: async (session) => {
      const path = `/api/chambers/${session.historyChamberId}/temperature?from=${YEAR_FROM}&to=${YEAR_TO}&bucket=1h`;
      const body = (await (await get(session, path)).json()) as { points: unknown[] };
      // 335 days of the history sensor and the demo's last 30 days: every hour of the year.
      if (body.points.length < 8_000) throw new Error(`${path} gave ${body.points.length} points`);
      return { detail: `${body.points.length} points` };
    },
  },
  {
    name: 'verify-ledger',
    warmUp: false,
    cli: true,
    sample: async (session) => {
      const out = await cliRun(session.env, ['verify-ledger']);
      if (!out.includes(`Checked ${session.lots} lots: all match.`)) {
        throw new Error(`verify-ledger said: ${out}`);
      }
      return { detail: 'every lot matches its movements' };
    },
  },
  {
    name: `ingest ${INGEST_BATCH.toLocaleString('en-US')} readings`,
    warmUp: false,
    sample: async (session, index) => {
      // Minute readings of a week, each sample a week further back from now: all new.
      const start = Math.floor(Date.now() / 60_000) * 60_000 - (index + 1) * INGEST_BATCH * 60_000;
      const readings = Array.from({ length: INGEST_BATCH }, (_, i) => ({
        at: new Date(start + i * 60_000),
        c: session.ingest.middle + Math.sin(i / 7) * 0.5,
      }));
      const answer = await postReadings(
        session.api.url,
        session.ingest.gatewayKey,
        readingsBody(session.ingest.sensorCode, readings),
      );
      const { accepted } = JSON.parse(answer) as { accepted: number };
      if (accepted !== INGEST_BATCH) {
        throw new Error(
          `ingestion stored ${accepted} of ${INGEST_BATCH}: ${answer.slice(0, 2_000)}`,
        );
      }
      return {};
    },
  },
  {
    name: `billing:run, one month`,
    warmUp: false,
    cli: true,
    runsAt: (lots, options) => lots <= (options.billingMaxLots ?? Infinity),
    sample: async (session) => {
      const out = await cliRun(session.env, ['billing:run', '--period', BILLING_MONTH]);
      const drafted = /(\d+) drafted, (\d+) skipped, 0 failed\./.exec(out);
      if (!drafted || Number(drafted[1]) === 0) throw new Error(`billing:run said: ${out}`);
      const { rows } = await session.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM invoice_lines`,
      );
      return {
        detail: `${drafted[1]} invoices drafted, ${rows[0].n.toLocaleString('en-US')} lines`,
      };
    },
    // Drafts may be deleted; the next run drafts them again.
    reset: async (session) => {
      await session.db.query(`DELETE FROM invoices WHERE status = 'DRAFT'`);
      await session.db.query('VACUUM (ANALYZE) invoices, invoice_lines');
    },
  },
];

async function signIn(apiUrl: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ADMIN, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) {
    throw new Error(
      `Sign-in of ${DEMO_ADMIN} answered ${response.status}: ${await response.text()}`,
    );
  }
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Reads what the operations use and registers the ingesting gateway, on the fresh clone. */
async function openSession(
  lots: number,
  api: Service,
  db: Client,
  env: NodeJS.ProcessEnv,
): Promise<Session> {
  const client = await db.query<{ id: string; lots: number }>(
    `SELECT client_id AS id, count(*)::int AS lots FROM lots
      GROUP BY client_id ORDER BY lots DESC, client_id LIMIT 1`,
  );
  const chamber = await db.query<{ id: string; warehouse_id: string }>(
    `SELECT c.id, c.warehouse_id FROM chambers c JOIN warehouses w ON w.id = c.warehouse_id
      WHERE w.code = $1 AND c.code = $2`,
    [HISTORY_CHAMBER.warehouse, HISTORY_CHAMBER.chamber],
  );
  // Another chamber of the same warehouse takes the new readings, so the history read stays put.
  const sensor = await db.query<{ code: string; middle: number }>(
    `SELECT s.code, ((c.min_temp_c + c.max_temp_c) / 2)::float8 AS middle
       FROM sensors s JOIN chambers c ON c.id = s.chamber_id
      WHERE c.warehouse_id = $1 AND c.id <> $2 ORDER BY s.code LIMIT 1`,
    [chamber.rows[0].warehouse_id, chamber.rows[0].id],
  );
  const gatewayKey = await issueGatewayKey(db, chamber.rows[0].warehouse_id);
  const starts: number[] = [];
  for (let i = 0; i < 2; i += 1) {
    const started = performance.now();
    await cliRun(env, ['--help']);
    starts.push(performance.now() - started);
  }
  return {
    lots,
    api,
    db,
    env,
    headers: { authorization: `Bearer ${await signIn(api.url)}` },
    client: client.rows[0],
    halfCursor: await cursorAt(db, 'lots', Math.floor(lots / 2)),
    cliStartMs: median(starts),
    historyChamberId: chamber.rows[0].id,
    ingest: { gatewayKey, sensorCode: sensor.rows[0].code, middle: sensor.rows[0].middle },
  };
}

async function measure(
  operation: Operation,
  session: Session,
  samples: number,
): Promise<ScalingRow> {
  if (operation.warmUp) await operation.sample(session, samples);
  const took: number[] = [];
  let outcome: Outcome = {};
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    outcome = await operation.sample(session, index);
    took.push(performance.now() - started);
    if (operation.reset) await operation.reset(session);
    if (took[index] > SAMPLE_BUDGET_MS) break;
  }
  const start = operation.cli ? session.cliStartMs : 0;
  const notes = [
    outcome.detail,
    operation.cli
      ? `${median(took).toFixed(0)} ms in all, net of the CLI's start, ${start.toFixed(0)} ms`
      : '',
    took.length < samples ? `${took.length} of ${samples} samples (over a minute each)` : '',
  ];
  const detail = notes.filter(Boolean).join('; ');
  return {
    operation: operation.name,
    lots: session.lots,
    // Floored at 1 ms: on a busy machine a start can outlast a quick command.
    ms: Math.max(1, median(took) - start),
    ...(detail ? { detail } : {}),
  };
}

async function benchSize(
  lots: number,
  template: string,
  options: ScalingOptions,
): Promise<ScalingRow[]> {
  const adminUrl = urlFor(options.serverUrl, 'postgres');
  await cloneDatabase(adminUrl, template, RUN_DATABASE);
  const url = urlFor(options.serverUrl, RUN_DATABASE);
  const env = { ...options.baseEnv, DATABASE_URL: url };
  const db = new Client({ connectionString: url });
  await db.connect();
  const api = await startApiServer({
    name: 'api',
    port: options.apiPort,
    env,
    logFile: join(benchDataDir(), 'logs', 'scaling-api.log'),
  });
  try {
    const session = await openSession(lots, api, db, env);
    const rows: ScalingRow[] = [];
    for (const operation of OPERATIONS) {
      if (operation.runsAt && !operation.runsAt(lots, options)) {
        options.log(`  ${lots.toLocaleString('en-US')} lots, ${operation.name}: not run`);
        continue;
      }
      const row = await measure(operation, session, options.samples);
      options.log(
        `  ${lots.toLocaleString('en-US')} lots, ${row.operation}: ${row.ms.toFixed(1)} ms${row.detail ? ` (${row.detail})` : ''}`,
      );
      rows.push(row);
    }
    return rows;
  } finally {
    await api.stop();
    await db.end();
    await withClient(adminUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS ${RUN_DATABASE} WITH (FORCE)`),
    );
  }
}

export async function benchScaling(options: ScalingOptions): Promise<ScalingFigures> {
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const templates = new Map<number, string>();
  for (const lots of sizes) {
    const { template, builtSeconds } = await ensureScalingTemplate(lots, {
      adminUrl: urlFor(options.serverUrl, 'postgres'),
      baseEnv: options.baseEnv,
      apiPort: options.apiPort,
      logDir: join(benchDataDir(), 'logs'),
      log: options.log,
    });
    if (builtSeconds !== null) {
      options.log(`Built ${template} in ${builtSeconds.toFixed(0)} s`);
    }
    templates.set(lots, template);
  }
  const rows: ScalingRow[] = [];
  for (const lots of sizes) {
    const began = performance.now();
    options.log(`Measuring at ${lots.toLocaleString('en-US')} lots`);
    rows.push(...(await benchSize(lots, templates.get(lots) ?? '', options)));
    options.log(`  done in ${secondsSince(began)} s`);
  }
  return { sizes, rows, growth: growthOf(rows) };
}

async function main(): Promise<void> {
  const began = performance.now();
  const quick = process.argv.includes('--quick');
  const log = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  const sizes = (process.env.BENCH_SCALING_SIZES ?? '10000,100000,1000000')
    .split(',')
    .map((size) => Number(size.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 100)) {
    throw new Error(`BENCH_SCALING_SIZES must list whole numbers of lots, not ${sizes.join(',')}`);
  }
  const server = await benchServer(log);
  try {
    const figures = await benchScaling({
      serverUrl: server.url,
      baseEnv: benchEnv({
        bcryptRounds: Number(process.env.BCRYPT_ROUNDS ?? 12),
        poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      }),
      sizes,
      samples: quick ? 3 : 7,
      billingMaxLots: Number(
        process.env.BENCH_SCALING_BILLING_MAX_LOTS ?? (quick ? 100_000 : Infinity),
      ),
      apiPort: Number(process.env.BENCH_SCALING_API_PORT ?? 8101),
      log,
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    // Quick runs are for looking, not for keeping: their figures go with the bench's logs.
    const dir = quick ? join(benchDataDir(), 'results') : join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const name = join(dir, `${stamp}-scaling${quick ? '-quick' : ''}`);
    writeFileSync(`${name}.json`, `${JSON.stringify(figures, null, 2)}\n`);
    writeFileSync(`${name}.svg`, scalingSvg(figures));
    process.stdout.write(`${scalingMarkdown(figures)}\n`);
    log(`Figures: ${name}.json, chart: ${name}.svg; ${secondsSince(began)} s in all`);
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`Bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
