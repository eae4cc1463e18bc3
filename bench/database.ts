import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from 'src/database/embedded-postgres';
import { DEMO_PASSWORD } from './fixtures';

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

function urlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Names the template after what shapes its contents: the migrations, the demo-data generator,
 * its arguments and the bcrypt cost of the demo passwords. Any change builds a new one.
 */
function templateName(bcryptRounds: number): string {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(join(ROOT, 'src/database/migrations')).map(
      (f) => `src/database/migrations/${f}`,
    ),
    ...readdirSync(join(ROOT, 'src/demo-data')).map((f) => `src/demo-data/${f}`),
  ].sort();
  for (const file of files) hash.update(file).update(readFileSync(join(ROOT, file)));
  hash.update(DEMO_ARGS.join(' ')).update(DEMO_PASSWORD).update(String(bcryptRounds));
  return `bench_tpl_${hash.digest('hex').slice(0, 12)}`;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
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

function cli(
  args: string[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  stdin = '',
): void {
  log(`  node dist/cli.js ${args.join(' ')}`);
  execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: ROOT,
    env,
    input: stdin,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
}

/**
 * BENCH_DATABASE_URL (a superuser URL) or an embedded server of the bench's own under
 * .data/bench. The demo dataset is built once into a template database; every run works on a
 * fresh clone of it, so S6/S7 writes never leak into the next run.
 */
export async function prepareBenchDatabase(options: {
  bcryptRounds: number;
  baseEnv: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): Promise<BenchDatabase> {
  const { log } = options;
  let embedded: EmbeddedPostgres | undefined;
  let serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres({
      dir: benchDataDir(),
      port: Number(process.env.BENCH_PG_PORT ?? 54339),
      database: 'postgres',
      log,
    });
    serverUrl = embedded.url;
  }
  const template = templateName(options.bcryptRounds);
  const adminUrl = urlFor(serverUrl, 'postgres');
  let templateBuilt = false;
  const { exists, version } = await withClient(adminUrl, async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    const v = await admin.query<{ server_version_num: string }>('SHOW server_version_num');
    return { exists: (found.rowCount ?? 0) > 0, version: Number(v.rows[0].server_version_num) };
  });
  if (!exists) {
    const building = `${template}_building`;
    log(`Building the template ${template} (demo-data ${DEMO_ARGS.join(' ')}; a few minutes)`);
    await withClient(adminUrl, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building}`);
    });
    const env = { ...options.baseEnv, DATABASE_URL: urlFor(serverUrl, building) };
    cli(['migrate'], env, log);
    cli(['demo-data', ...DEMO_ARGS, '--password-stdin'], env, log, `${DEMO_PASSWORD}\n`);
    await withClient(urlFor(serverUrl, building), (db) => db.query('VACUUM ANALYZE'));
    // The rename marks it complete: an interrupted build is never taken for a template.
    await withClient(adminUrl, (admin) =>
      admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`),
    );
    templateBuilt = true;
    // Templates of older migration sets only take disk space now.
    await withClient(adminUrl, async (admin) => {
      const stale = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'bench\\_tpl\\_%' AND datname NOT LIKE $1`,
        [`${template}%`],
      );
      for (const { datname } of stale.rows) {
        log(`Dropping the stale template ${datname}`);
        await admin.query(
          `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`,
        );
      }
    });
  }
  // FILE_COPY clones a large template in seconds (WAL_LOG, the default since 15, writes it all).
  const strategy = version >= 150000 ? ' STRATEGY = FILE_COPY' : '';
  const serverVersion = await withClient(adminUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${RUN_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${RUN_DATABASE} TEMPLATE ${template}${strategy}`);
    const v = await admin.query<{ server_version: string }>('SHOW server_version');
    return v.rows[0].server_version;
  });
  log(`Database ${RUN_DATABASE} cloned from ${template} (PostgreSQL ${serverVersion})`);
  return {
    url: urlFor(serverUrl, RUN_DATABASE),
    adminUrl,
    serverVersion,
    templateBuilt,
    stop: async () => {
      await embedded?.stop();
    },
  };
}
