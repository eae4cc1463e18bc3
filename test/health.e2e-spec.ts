import { Client } from 'pg';
import request from 'supertest';
import { ProbeModule } from './helpers/probe.module';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';
import { waitForSessions } from './helpers/pg-activity';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The database is reached through a proxy the test can cut. */
async function appBehindProxy(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; proxy: TcpProxy; db: TestDatabase }> {
  const db = await createTestDatabase();
  const target = new URL(db.url);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.port);
  const t = await createTestApp({ databaseUrl: proxied.toString(), env, imports: [ProbeModule] });
  return { t, proxy, db };
}

describe('health', () => {
  describe('with the database up', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('GET /health answers {"status":"ok"}', async () => {
      await request(t.server).get('/health').expect(200, { status: 'ok' });
    });

    it('GET /health/ready answers ok when the database answers', async () => {
      await request(t.server).get('/health/ready').expect(200, { status: 'ok' });
    });
  });

  describe('with the database gone', () => {
    let t: TestApp;
    let proxy: TcpProxy;
    let db: TestDatabase;
    beforeAll(async () => {
      ({ t, proxy, db } = await appBehindProxy({ DATABASE_CONNECT_TIMEOUT_MS: '500' }));
    });
    afterAll(async () => {
      await t.close();
      await proxy.close();
      await db.drop();
    });

    it('GET /health stays ok, /health/ready answers 503, and queries fail fast with 503', async () => {
      await request(t.server).get('/health/ready').expect(200);
      await proxy.cut();

      await request(t.server).get('/health').expect(200, { status: 'ok' });
      const ready = await request(t.server).get('/health/ready').expect(503);
      expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ready.body).toMatchObject({ status: 503, detail: 'The database is unreachable.' });

      const started = Date.now();
      const res = await request(t.server).get('/__probe/sleep?seconds=0').expect(503);
      expect(Date.now() - started).toBeLessThan(5_000); // bounded by the connect timeout, never hangs
      expect(res.headers['retry-after']).toBeDefined();
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|pg_sleep|SELECT/);
    });
  });

  describe('under pressure', () => {
    let t: TestApp;
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
      t = await createTestApp({
        databaseUrl: db.url,
        imports: [ProbeModule],
        env: {
          DATABASE_POOL_SIZE: '1',
          DATABASE_CONNECT_TIMEOUT_MS: '300',
          DATABASE_STATEMENT_TIMEOUT_MS: '1500',
        },
      });
    });
    afterAll(async () => {
      await t.close();
      await db.drop();
    });

    it('answers 503 when the pool is exhausted instead of queueing forever', async () => {
      const busy = request(t.server).get('/__probe/sleep?seconds=1');
      const holding = busy.then((r) => r.status);
      // Watched from a connection of the test's own: the app's only one is the one to be held.
      const observer = new Client({ connectionString: db.url });
      await observer.connect();
      try {
        await waitForSessions(
          observer,
          { application: 'coldstore-api', running: 'pg_sleep' },
          { description: 'the first request to hold the pool’s only connection' },
        );
      } finally {
        await observer.end();
      }
      const res = await request(t.server).get('/__probe/sleep?seconds=0');
      expect(res.status).toBe(503);
      expect(await holding).toBe(200);
    });

    it('answers 503 when a statement runs past the statement timeout', async () => {
      const res = await request(t.server).get('/__probe/sleep?seconds=3').expect(503);
      expect(res.body.status).toBe(503);
    });
  });
});
