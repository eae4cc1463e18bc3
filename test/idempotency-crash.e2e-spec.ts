import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { Client } from 'pg';
import { startApiProcess, type ApiProcess } from './helpers/app-process';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { waitForNoSessions, waitForSessions, type SessionFilter } from './helpers/pg-activity';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * A proxy in front of an instance that passes requests on and keeps answers back: at the first
 * byte of an answer (sent only after its transaction committed) it kills the instance, so the
 * caller never learns the outcome.
 */
async function answerSwallowingProxy(target: ApiProcess): Promise<{ base: string; close(): void }> {
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    upstream.connect(Number(new URL(target.base).port), '127.0.0.1', () => client.pipe(upstream));
    upstream.once('data', () => {
      target.process.kill('SIGKILL');
      client.destroy();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('Idempotency-Key across a killed instance', () => {
  let t: TestApp;
  let first: ApiProcess;
  let second: ApiProcess;
  let token: string;
  let ids: { warehouse: string; client: string; commodity: string; chamber: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const warehouse = await makeWarehouse(t.dataSource);
    const operator = await makeUser(t.dataSource, {
      role: RoleName.Operator,
      warehouseId: warehouse.id,
    });
    const client = await makeClient(t.dataSource);
    const commodity = await makeCommodity(t.dataSource);
    const chamber = await makeChamber(t.dataSource, warehouse.id);
    ids = {
      warehouse: warehouse.id,
      client: client.client.id,
      commodity: commodity.id,
      chamber: chamber.id,
    };
    token = await login(t.server, operator.email);
    [first, second] = await Promise.all([
      startApiProcess(t.database!.url, { OUTBOX_WORKER_ENABLED: 'false' }),
      startApiProcess(t.database!.url, { OUTBOX_WORKER_ENABLED: 'false' }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([first.kill(), second.kill()]);
    await t.close();
  });

  const send = (base: string, path: string, key: string, body: object): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': key,
      },
      body: JSON.stringify(body),
    });

  const count = async (sql: string, params: unknown[]): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>(sql, params);
    return row.n;
  };

  const apiSessionWaitingForALock: SessionFilter = {
    waitingFor: 'lock',
    application: 'coldstore-api',
  };

  it('replays the answer of a receipt that committed before its instance died unanswered', async () => {
    const key = 'receipt-killed-after-commit';
    const reference = 'GP-after-commit';
    const body = {
      client_id: ids.client,
      commodity_id: ids.commodity,
      chamber_id: ids.chamber,
      quantity: 40,
      weight_kg: '2000',
      reference,
    };
    const proxy = await answerSwallowingProxy(first);
    try {
      await expect(send(proxy.base, '/api/inventory/inward', key, body)).rejects.toThrow();
    } finally {
      proxy.close();
    }
    await first.kill();
    const received = `SELECT count(*)::int AS n FROM stock_movements WHERE reference = $1`;
    expect(await count(received, [reference])).toBe(1);

    const retry = await send(second.base, '/api/inventory/inward', key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const lot = (await retry.json()) as { id: string; quantity: number };
    expect(lot.quantity).toBe(40);
    expect(await count(received, [reference])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM lots WHERE id = $1', [lot.id])).toBe(1);
    first = await startApiProcess(t.database!.url, { OUTBOX_WORKER_ENABLED: 'false' });
  }, 120_000);

  it('leaves the key free when its instance dies before the commit, within seconds', async () => {
    const lot = await makeLot(t.dataSource, {
      warehouseId: ids.warehouse,
      clientId: ids.client,
      commodityId: ids.commodity,
      chamberId: ids.chamber,
      quantity: 100,
      weightKg: '5000',
    });
    const key = 'dispatch-killed-before-commit';
    const reference = 'GP-before-commit';
    const body = {
      client_id: ids.client,
      reference,
      lines: [{ lot_id: lot.id, quantity: 30 }],
    };
    // The lot stays locked by another transaction: the dispatch claims its key, then waits.
    const blocker = new Client({ connectionString: t.database!.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM lots WHERE id = $1 FOR UPDATE', [lot.id]);
      const doomed = send(first.base, '/api/inventory/dispatches', key, body).catch(() => null);
      await waitForSessions(t.dataSource, apiSessionWaitingForALock, {
        description: 'the dispatch to wait for the locked lot',
      });
      await first.kill();
      await doomed;

      // The database notices the dead client while its query still waits, and ends it.
      await waitForNoSessions(t.dataSource, apiSessionWaitingForALock, {
        description: 'the dead instance’s waiting claim to end',
        timeoutMs: 10_000,
      });
      expect(
        await count('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]),
      ).toBe(0);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }

    const retry = await send(second.base, '/api/inventory/dispatches', key, body);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    const again = await send(second.base, '/api/inventory/dispatches', key, body);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(
      await count('SELECT count(*)::int AS n FROM dispatches WHERE reference = $1', [reference]),
    ).toBe(1);
    expect(await count('SELECT quantity AS n FROM lots WHERE id = $1', [lot.id])).toBe(70);
  }, 60_000);
});
