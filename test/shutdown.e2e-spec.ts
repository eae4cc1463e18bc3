import type { AddressInfo } from 'node:net';
import { waitForSessions } from './helpers/pg-activity';
import { ProbeModule } from './helpers/probe.module';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('graceful shutdown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ imports: [ProbeModule] });
  });

  it('lets an in-flight request finish, then refuses new connections and closes the pool', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;

    const inFlight = fetch(`${base}/__probe/sleep?seconds=0.5`);
    await waitForSessions(
      t.dataSource,
      { running: 'pg_sleep' },
      { description: 'the in-flight request to reach the database' },
    );
    const closing = t.close();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ slept: 0.5 });
    await closing;
    await expect(fetch(`${base}/health`)).rejects.toThrow();
    expect(t.dataSource.isInitialized).toBe(false);
  });
});
