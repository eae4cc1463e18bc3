import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '..');

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toFixed(digits) : 'n/a';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export interface OwnDatabase {
  url: string;
  /** The API's environment on it (production mode, quiet, no mail worker). */
  env: NodeJS.ProcessEnv;
  /** Runs `node dist/cli.js` with that environment. */
  cli: (args: string[], input?: string) => void;
}

/**
 * A database of a scenario's own on the BENCH_DATABASE_URL server (a superuser URL), made anew
 * unless `keep`, and the API's environment on it at `port`.
 */
export async function ownDatabase(name: string, port: number, keep = false): Promise<OwnDatabase> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) throw new Error('Set BENCH_DATABASE_URL to a superuser URL of a PostgreSQL server.');
  const url = new URL(server);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  if (!keep) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: url.toString(),
    SECRET_KEY: randomBytes(32).toString('hex'),
    BCRYPT_ROUNDS: '4',
    OUTBOX_WORKER_ENABLED: 'false',
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  const cli = (args: string[], input = ''): void => {
    execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
      cwd: ROOT,
      env,
      input,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
  };
  return { url: url.toString(), env, cli };
}
