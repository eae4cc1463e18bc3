import { spawnSync } from 'node:child_process';
import { APP_MAIN_ARGS, appProcessOptions } from './helpers/app-process';

/** Starts src/main.ts as `npm start` would and returns what it printed. */
function boot(env: Record<string, string>): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, APP_MAIN_ARGS, {
    ...appProcessOptions(env),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('boot with a bad configuration', () => {
  it.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL must be a postgres/],
    [{ ACCESS_TOKEN_EXPIRE_MINUTES: '0' }, /^Invalid configuration: ACCESS_TOKEN_EXPIRE_MINUTES /],
    [
      { NODE_ENV: 'production', SECRET_KEY: 'x'.repeat(40) },
      /DATABASE_URL is required when NODE_ENV=production/,
    ],
    [
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgresql://u@127.0.0.1/db',
        SECRET_KEY: 'short-but-16-chars',
      },
      /SECRET_KEY of at least 32 bytes/,
    ],
    [
      {
        NODE_ENV: 'production',
        DATABASE_URL: 'postgresql://u@127.0.0.1/db',
        SECRET_KEY: 'change-me-to-32-or-more-random-bytes-0123456789',
      },
      /^Invalid configuration: SECRET_KEY is a published example key/,
    ],
    [
      { DATABASE_URL: 'postgresql://u@127.0.0.1/db' },
      /^Invalid configuration: SECRET_KEY is required with DATABASE_URL/,
    ],
  ])('stops with one line naming the variable (%o)', (env, line) => {
    const result = boot(env);
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });
});
