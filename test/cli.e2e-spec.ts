import { spawnSync } from 'node:child_process';
import { CLI_ARGS } from './helpers/app-process';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';
import { BASE_TEST_ENV } from './helpers/test-env';

/** Runs the CLI from source, as `npm run cli --` runs it from dist. */
function cli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...CLI_ARGS, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...BASE_TEST_ENV, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('CLI', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db.drop());

  it('--help lists the commands without touching a database', () => {
    const result = cli(['--help'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/migrate \[options\]\s+Apply pending database migrations/);
  });

  it('fails an unknown command with one clear line and a non-zero code', () => {
    const result = cli(['frobnicate'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('migrate applies the migrations, then reports the schema up to date', () => {
    const first = cli(['migrate'], { DATABASE_URL: db.url });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const status = cli(['migrate', '--status'], { DATABASE_URL: db.url });
    expect(status.stdout).toContain('Pending (0)');
    const second = cli(['migrate'], { DATABASE_URL: db.url });
    expect(second.stdout).toContain('Database schema is up to date.');
  });

  it('fails with one line when the database cannot be reached', () => {
    const result = cli(['migrate'], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/ECONNREFUSED|connect/i);
  });
});
