import { runCli } from './helpers/cli';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';

describe('CLI', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterAll(() => db.drop());

  it('--help lists the commands without touching a database', async () => {
    const result = await runCli(['--help'], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/migrate \[options\]\s+Apply pending database migrations/);
  }, 120_000);

  it('fails an unknown command with one clear line and a non-zero code', async () => {
    const result = await runCli(['frobnicate'], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  }, 120_000);

  it('migrate applies the migrations, then reports the schema up to date', async () => {
    const first = await runCli(['migrate'], { DATABASE_URL: db.url });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const status = await runCli(['migrate', '--status'], { DATABASE_URL: db.url });
    expect(status.stdout).toContain('Pending (0)');
    const second = await runCli(['migrate'], { DATABASE_URL: db.url });
    expect(second.stdout).toContain('Database schema is up to date.');
  }, 120_000);

  it('fails with one line when the database cannot be reached', async () => {
    const result = await runCli(['migrate'], {
      DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/ECONNREFUSED|connect/i);
  }, 120_000);
});
