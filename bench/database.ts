import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from 'src/database/embedded-postgres';
import { DEMO_PASSWORD } from './fixtures';
import { benchNode, startApiServer } from './processes';

const ROOT = join(__dirname, '..');
/** The demo dataset every run measures: fixed seed and day, so runs compare. */
export const DEMO_ARGS = ['--scale', 'large', '--seed', '1', '--as-of', '2026-06-30'];
const RUN_DATABASE = 'bench_run';

/** The bench's own embedded cluster and logs (BENCH_DATA_DIR, default .data/bench). */
export function benchDataDir(): string {
  return resolve(ROOT, process.env.BENCH_DATA_DIR ?? '.data/bench');
}

export interface BenchDatabase {
  /** URL of this run's database (a fresh clone of the template). */
  url: string;
  /** A superuser URL on the same server, for the harness's own checks. */
  adminUrl: string;
  serverVersion: string;
  templateBuilt: boolean;
  stop(): Promise<void>;
}

export function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A short hash of what shapes a template's contents: the migrations, the demo-data generator,
 * the given files (paths from the repository root) and parts. Any change names a new template.
 */
export function contentHash(files: string[], parts: string[]): string {
  const hash = createHash('sha256');
  const all = [
    ...readdirSync(join(ROOT, 'src/database/migrations')).map(
      (f) => `src/database/migrations/${f}`,
    ),
    ...readdirSync(join(ROOT, 'src/demo-data')).map((f) => `src/demo-data/${f}`),
    ...files,
  ].sort();
  for (const file of all) hash.update(file).update(readFileSync(join(ROOT, file)));
  for (const part of parts) hash.update(part);
  return hash.digest('hex').slice(0, 12);
}

/**
 * Names the template after its contents, the demo arguments, the demo passwords' bcrypt cost and
 * how it is built (its readings judged).
 */
function templateName(bcryptRounds: number): string {
  return `bench_tpl_${contentHash([], [DEMO_ARGS.join(' '), DEMO_PASSWORD, String(bcryptRounds), 'judged'])}`;
}

/**
 * Starts the API on `url` and waits until its cold-chain sweep (a minute after it starts) has
 * judged every chamber whose readings demo-data queued: done once in a template, no API started
 * on a copy has that backlog to judge in the middle of whatever is being measured.
 */
export async function judgeReadings(options: {
  url: string;
  baseEnv: NodeJS.ProcessEnv;
  port: number;
  logFile: string;
}): Promise<void> {
  const api = await startApiServer({
    name: 'api (judging the demo readings)',
    port: options.port,
    env: { ...options.baseEnv, DATABASE_URL: options.url },
    logFile: options.logFile,
  });
  try {
    await withClient(options.url, async (db) => {
      const deadline = Date.now() + 10 * 60_000;
      for (;;) {
        const { rows } = await db.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM chamber_evaluation_queue',
        );
        if (rows[0].n === 0) return;
        if (Date.now() > deadline) throw new Error(`${rows[0].n} chambers still queued`);
        await sleep(1_000);
      }
    });
  } finally {
    await api.stop();
  }
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Vacuums and analyzes what the writing scenarios changed, before the first round and after each.
 * Each round receives several thousand lots (S7) and dispatches one 1,500 times (S6), so by the
 * second round lots cross autovacuum's analyze threshold (10% of the table): left to autovacuum,
 * that work lands in the middle of whichever side happens to be measured.
 */
export async function settle(url: string): Promise<void> {
  await withClient(url, (db) => db.query('VACUUM (ANALYZE)'));
}

/** `node dist/cli.js …` with `env`, its stderr on ours; throws when it exits non-zero. */
export function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  stdin = '',
): void {
  log(`  node dist/cli.js ${args.join(' ')}`);
  execFileSync(benchNode(), [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: ROOT,
    env,
    input: stdin,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

/**
 * Makes `template` unless it exists: built by `build` into `<template>_building`, renamed when
 * complete (an interrupted build is never taken for a template), then the other templates
 * named `<stalePrefix>…` are dropped. True when it was built now.
 */
export async function ensureTemplate(options: {
  adminUrl: string;
  template: string;
  stalePrefix: string;
  describe: string;
  log: (line: string) => void;
  build: (url: string) => Promise<void>;
}): Promise<boolean> {
  const { adminUrl, template, log } = options;
  const exists = await withClient(adminUrl, async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    return (found.rowCount ?? 0) > 0;
  });
  if (exists) return false;
  const building = `${template}_building`;
  log(`Building the template ${template} (${options.describe})`);
  await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
  });
  await options.build(urlFor(adminUrl, building));
  await withClient(adminUrl, (admin) =>
    admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`),
  );
  // Templates of older migration sets only take disk space now.
  await withClient(adminUrl, async (admin) => {
    const stale = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) AND NOT starts_with(datname, $2)`,
      [options.stalePrefix, template],
    );
    for (const { datname } of stale.rows) {
      log(`Dropping the stale template ${datname}`);
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  });
  return true;
}

/** `database` made anew as a copy of `template`; returns the server's version. */
export async function cloneDatabase(
  adminUrl: string,
  template: string,
  database: string,
): Promise<string> {
  return withClient(adminUrl, async (admin) => {
    const v = await admin.query<{ server_version_num: string; server_version: string }>(
      `SELECT current_setting('server_version_num') AS server_version_num,
              current_setting('server_version') AS server_version`,
    );
    // FILE_COPY clones a large template in seconds (WAL_LOG, the default since 15, writes it all).
    const strategy = Number(v.rows[0].server_version_num) >= 150000 ? ' STRATEGY = FILE_COPY' : '';
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}${strategy}`);
    return v.rows[0].server_version;
  });
}

/** BENCH_DATABASE_URL (a superuser URL), or the bench's own embedded server, started now. */
export async function benchServer(
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) return { url, stop: () => Promise.resolve() };
  const embedded: EmbeddedPostgres = await startEmbeddedPostgres({
    dir: benchDataDir(),
    port: Number(process.env.BENCH_PG_PORT ?? 54339),
    database: 'postgres',
    log,
  });
  return { url: embedded.url, stop: () => embedded.stop() };
}

/**
 * BENCH_DATABASE_URL (a superuser URL) or an embedded server of the bench's own under
 * .data/bench. The demo dataset is built once into a template database; every run works on a
 * fresh clone of it, so S6/S7 writes never leak into the next run.
 */
export async function prepareBenchDatabase(options: {
  bcryptRounds: number;
  baseEnv: NodeJS.ProcessEnv;
  /** Where the API listens while it judges the template's readings. */
  apiPort: number;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const { log } = options;
  const server = await benchServer(log);
  const serverUrl = server.url;
  const template = templateName(options.bcryptRounds);
  const adminUrl = urlFor(serverUrl, 'postgres');
  const templateBuilt = await ensureTemplate({
    adminUrl,
    template,
    stalePrefix: 'bench_tpl_',
    log,
    describe: `demo-data ${DEMO_ARGS.join(' ')}; a few minutes`,
    build: async (url) => {
      const env = { ...options.baseEnv, DATABASE_URL: url };
      cli(['migrate'], env, log);
      cli(['demo-data', ...DEMO_ARGS, '--password-stdin'], env, log, `${DEMO_PASSWORD}\n`);
      log('  judging the demo readings (the API sweeps a minute after it starts)');
      await judgeReadings({
        url,
        baseEnv: options.baseEnv,
        port: options.apiPort,
        logFile: join(benchDataDir(), 'logs', 'template-api.log'),
      });
      await withClient(url, (db) => db.query('VACUUM ANALYZE'));
    },
  });
  const serverVersion = await cloneDatabase(adminUrl, template, RUN_DATABASE);
  log(`Database ${RUN_DATABASE} cloned from ${template} (PostgreSQL ${serverVersion})`);
  return {
    url: urlFor(serverUrl, RUN_DATABASE),
    adminUrl,
    serverVersion,
    templateBuilt,
    stop: server.stop,
  };
}
