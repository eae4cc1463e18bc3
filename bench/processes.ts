import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..');
const COUNTER = join(__dirname, 'query-counter.js');

/** The API is started as `npm run start:prod` starts it: the node flags of that script, then the entry. */
export function productionArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = pkg.scripts['start:prod'].split(/\s+/);
  if (command !== 'node') throw new Error('start:prod is expected to run node directly');
  return args;
}

/**
 * The Node that runs the servers and the CLI under test: BENCH_NODE (a path, e.g. Node 24's as
 * production runs it: `npx -y -p node@24 -- which node`), else the harness's own.
 */
export const benchNode = (): string => process.env.BENCH_NODE || process.execPath;

export interface Counts {
  queries: number;
  requests: number;
}

/** A server under test: the API or the baseline, with the query counter preloaded. */
export interface Service {
  name: string;
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first 200 from the readiness path. */
  readyMs: number;
  /** Queries sent to PostgreSQL and HTTP requests received, since start. */
  counts(): Promise<Counts>;
  /** Resident set size now, in MB (Linux /proc; NaN elsewhere). */
  rssMb(): number;
  /** Peak resident set size since start (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

function procStatus(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  throw new Error(`not ready within ${timeoutMs} ms`);
}

export async function startService(options: {
  name: string;
  args: string[];
  port: number;
  env: NodeJS.ProcessEnv;
  readyPath: string;
  cwd: string;
  /** Where its output goes (warnings would drown the report on the terminal). */
  logFile: string;
}): Promise<Service> {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(benchNode(), ['-r', COUNTER, ...options.args], {
    cwd: options.cwd,
    env: { ...options.env, PORT: String(options.port) },
    stdio: ['ignore', out, out, 'ipc'],
  });
  closeSync(out);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start`);
  const url = `http://127.0.0.1:${options.port}`;
  try {
    await waitReady(`${url}${options.readyPath}`, child, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `${options.name}: ${(error as Error).message} (its output is in ${options.logFile})`,
      { cause: error },
    );
  }
  const readyMs = performance.now() - started;
  return {
    name: options.name,
    url,
    pid,
    readyMs,
    counts: () =>
      new Promise<Counts>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`${options.name}: no query count`));
        }, 5_000);
        child.once('message', (message: Counts) => {
          clearTimeout(timer);
          resolve(message);
        });
        child.send('bench:counts');
      }),
    rssMb: () => procStatus(pid, 'VmRSS'),
    peakRssMb: () => procStatus(pid, 'VmHWM'),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timeout = sleep(15_000).then(() => child.kill('SIGKILL'));
      await Promise.race([exited, timeout]);
    },
  };
}

/** The API as `npm run start:prod` starts it, on `port`, ready once /health/ready answers. */
export function startApiServer(options: {
  name: string;
  port: number;
  env: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<Service> {
  return startService({
    ...options,
    args: productionArgs(),
    readyPath: '/health/ready',
    cwd: ROOT,
  });
}

/** Samples a value every `everyMs` while `work` runs; returns the work's result and the peak. */
export async function sampling<T>(
  sample: () => number,
  work: () => Promise<T>,
  everyMs = 100,
): Promise<{ result: T; peak: number }> {
  let peak = sample();
  const timer = setInterval(() => {
    peak = Math.max(peak, sample());
  }, everyMs);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}

/** The API's environment in the bench (as `npm run bench` sets it), before DATABASE_URL. */
export function benchEnv(options: { bcryptRounds: number; poolSize: number }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SECRET_KEY: randomBytes(32).toString('hex'),
    BCRYPT_ROUNDS: String(options.bcryptRounds),
    DATABASE_POOL_SIZE: String(options.poolSize),
    ACCESS_TOKEN_EXPIRE_MINUTES: '240',
    // One address sends every sign-in: the per-address limit would turn them into 429s.
    AUTH_RATE_LIMIT: '10000',
    // No mail to send, and its polling would blur the query counts.
    OUTBOX_WORKER_ENABLED: 'false',
    HOST: '127.0.0.1',
  };
}
