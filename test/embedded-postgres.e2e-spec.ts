import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  SHARED_EMBEDDED_ROOT,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from 'src/database/embedded-postgres';
import { unusedPort } from './helpers/ports';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

// Only root runs PostgreSQL as another user (`postgres`), who cannot enter a private folder.
const asRoot = userInfo().uid === 0 ? describe : describe.skip;

asRoot('the embedded PostgreSQL of a clone in a private folder, run as root', () => {
  let privateFolder: string;
  let project: string;
  const started: EmbeddedPostgres[] = [];

  const start = async (): Promise<EmbeddedPostgres> => {
    const server = await startEmbeddedPostgres({
      dir: join(project, '.data'),
      port: await unusedPort(),
      database: 'coldstore',
    });
    started.push(server);
    return server;
  };

  beforeAll(() => {
    privateFolder = mkdtempSync(join(tmpdir(), 'coldstore-private-'));
    chmodSync(privateFolder, 0o700);
    project = join(privateFolder, 'app');
    mkdirSync(project);
  });

  afterAll(async () => {
    for (const server of started) await server.stop({ force: true });
    for (const server of started) rmSync(server.dir, { recursive: true, force: true });
    rmSync(privateFolder, { recursive: true, force: true });
  });

  it('keeps the cluster where the postgres user can reach it, private to that user', async () => {
    const server = await start();
    expect(server.dir.startsWith(join(SHARED_EMBEDDED_ROOT, 'data', 'app-data-'))).toBe(true);
    const folder = statSync(server.dir);
    expect(folder.mode & 0o777).toBe(0o700);
    expect(folder.uid).toBe(statSync(join(server.dir, 'pg')).uid);
    expect(folder.uid).not.toBe(0);
    expect(existsSync(join(project, '.data'))).toBe(false);
    await server.stop();
  });

  it('finds the same data again after a restart', async () => {
    const first = await start();
    await query(first.url, "CREATE TABLE kept AS SELECT 'still here' AS note");
    await first.stop();

    const second = await start();
    expect(second.dir).toBe(first.dir);
    expect(await query<{ note: string }>(second.url, 'SELECT note FROM kept')).toEqual([
      { note: 'still here' },
    ]);
    await second.stop();
  });
});
