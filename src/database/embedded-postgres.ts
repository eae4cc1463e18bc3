import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import {
  embeddedDataDir,
  reachableBy,
  resolveRunAs,
  serverBinDir,
  SUPERUSER,
  type RunAs,
} from './embedded-postgres-location';

export { embeddedDataDir, SHARED_EMBEDDED_ROOT } from './embedded-postgres-location';

/**
 * Zero-setup PostgreSQL for development and tests, using the binaries shipped by the
 * `embedded-postgres` platform packages. The library's own lifecycle is not used: it installs a
 * process exit hook that force-exits on SIGINT (cutting in-flight requests short) and runs the
 * server in our process group, so a terminal Ctrl-C would stop the database before the API has
 * drained. Here the server runs in its own session and the starter stops it last.
 */
export interface EmbeddedPostgresOptions {
  /** Root folder: holds `pg/` (the cluster), `credentials.json` and `postgres.log`. */
  dir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** The root folder (cluster, credentials, log). */
  readonly dir: string;
  /** Connection URL of `options.database` on the running server. */
  readonly url: string;
  /** True when this process started the server (and so stops it). */
  readonly owned: boolean;
  /** Builds the URL of another database on the same server. */
  urlFor(database: string): string;
  /** Stops the server if this process started it (or, with `force`, even if it attached). */
  stop(options?: { force?: boolean }): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads `postmaster.pid`: first line is the pid, fourth the port. */
function runningServer(pgdata: string): { pid: number; port: number } | null {
  const file = join(pgdata, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return null;
  return { pid, port };
}

function buildUrl(credentials: Credentials, port: number, database: string): string {
  const user = encodeURIComponent(credentials.user);
  const password = encodeURIComponent(credentials.password);
  return `postgresql://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function logTail(logFile: string): string {
  try {
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    const errors = lines.filter((l) => /FATAL|ERROR|PANIC/.test(l));
    return (errors.at(-1) ?? lines.at(-1) ?? '').trim();
  } catch {
    return '';
  }
}

async function initialise(
  root: string,
  pgdata: string,
  runAs: RunAs,
  bin: string,
): Promise<Credentials> {
  const credentials: Credentials = { user: SUPERUSER, password: randomBytes(24).toString('hex') };
  const staging = `${pgdata}.init`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true, mode: 0o700 });
  const pwfile = join(root, `.pwfile-${process.pid}`);
  await writeFile(pwfile, `${credentials.password}\n`, { mode: 0o600 });
  try {
    if (runAs.uid !== undefined && runAs.gid !== undefined) {
      await chown(staging, runAs.uid, runAs.gid);
      await chown(pwfile, runAs.uid, runAs.gid);
      if (!reachableBy(runAs, staging, '-w')) {
        throw new Error(
          `The "postgres" user cannot reach ${staging}; set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/tmp/coldstore)`,
        );
      }
    }
    const result = spawnSync(
      join(bin, 'initdb'),
      [
        `--pgdata=${staging}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      { ...runAs, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' } },
    );
    if (result.status !== 0) {
      const reason = (result.stderr || result.error?.message || '').trim().split('\n').at(-1);
      throw new Error(`initdb failed: ${reason ?? 'unknown error'}`);
    }
    // Credentials first, then the cluster: a cluster never exists without its password.
    await writeFile(join(root, 'credentials.json'), JSON.stringify(credentials), { mode: 0o600 });
    await rename(staging, pgdata);
  } finally {
    await rm(pwfile, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
  return credentials;
}

async function readCredentials(root: string): Promise<Credentials> {
  const raw = await readFile(join(root, 'credentials.json'), 'utf8');
  return JSON.parse(raw) as Credentials;
}

async function waitUntilReady(
  url: string,
  child: { exitCode: number | null },
  logFile: string,
  port: number,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await canConnect(url)) return;
    if (child.exitCode !== null) {
      const reason = logTail(logFile);
      const hint = /could not bind|Address already in use/i.test(reason)
        ? ` (port ${port} is taken: set EMBEDDED_PG_PORT)`
        : '';
      throw new Error(`Embedded PostgreSQL exited during start-up${hint}: ${reason}`);
    }
    await sleep(100);
  }
  throw new Error(
    `Embedded PostgreSQL did not accept connections within ${READY_TIMEOUT_MS / 1000} s`,
  );
}

async function ensureDatabase(url: string, database: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
        .catch((error: unknown) => {
          // Another process created it at the same moment.
          if ((error as { code?: string }).code !== '42P04') throw error;
        });
    }
  } finally {
    await client.end();
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!pidAlive(pid)) return true;
    await sleep(50);
  }
  return !pidAlive(pid);
}

/** Starts the embedded server, or attaches to it when another process already runs it. */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  const root = embeddedDataDir(options.dir);
  if (root !== resolve(options.dir)) {
    log(`The "postgres" user cannot reach ${resolve(options.dir)}: using ${root}`);
  }
  const pgdata = join(root, 'pg');
  const logFile = join(root, 'postgres.log');
  mkdirSync(dirname(root), { recursive: true }); // parents stay traversable for the postgres user
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const runAs = resolveRunAs();
  if (runAs.uid !== undefined && runAs.gid !== undefined) {
    await chown(root, runAs.uid, runAs.gid);
  }
  const bin = serverBinDir(runAs);

  const credentials = existsSync(join(pgdata, 'PG_VERSION'))
    ? await readCredentials(root)
    : (log(`Initialising embedded PostgreSQL in ${pgdata}`),
      await initialise(root, pgdata, runAs, bin));

  const attach = async (): Promise<EmbeddedPostgres | null> => {
    const running = runningServer(pgdata);
    if (!running) return null;
    const adminUrl = buildUrl(credentials, running.port, 'postgres');
    if (!(await canConnect(adminUrl))) return null;
    log(
      `Using the embedded PostgreSQL already running on port ${running.port} (pid ${running.pid})`,
    );
    await ensureDatabase(adminUrl, options.database);
    return handle(running.port, false, running.pid);
  };

  const handle = (port: number, owned: boolean, pid: number): EmbeddedPostgres => ({
    dir: root,
    url: buildUrl(credentials, port, options.database),
    owned,
    urlFor: (database: string) => buildUrl(credentials, port, database),
    stop: async ({ force = false } = {}) => {
      if ((!owned && !force) || !pidAlive(pid)) return;
      process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
      if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) process.kill(pid, 'SIGQUIT');
      log('Embedded PostgreSQL stopped');
    },
  });

  const existing = await attach();
  if (existing) return existing;

  const out = openSync(logFile, 'a', 0o600);
  if (runAs.uid !== undefined && runAs.gid !== undefined) {
    await chown(logFile, runAs.uid, runAs.gid);
  }
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      pgdata,
      '-p',
      String(options.port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      '-c',
      'fsync=on',
    ],
    // Own session: a terminal Ctrl-C reaches the API, which drains and then stops the database.
    {
      ...runAs,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, LC_MESSAGES: 'C' },
    },
  );
  closeSync(out);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) throw new Error('Could not start the embedded PostgreSQL server');
  try {
    await waitUntilReady(
      buildUrl(credentials, options.port, 'postgres'),
      child,
      logFile,
      options.port,
    );
  } catch (error) {
    // Lost a start race to another process: use its server.
    const other = await attach();
    if (other) return other;
    throw error;
  }
  log(`Embedded PostgreSQL listening on 127.0.0.1:${options.port} (pid ${pid})`);
  await ensureDatabase(buildUrl(credentials, options.port, 'postgres'), options.database);
  return handle(options.port, true, pid);
}
