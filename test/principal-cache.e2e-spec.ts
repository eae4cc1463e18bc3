import request from 'supertest';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { PRINCIPAL_CHANNEL, PrincipalChangeListener } from 'src/rbac/principal-change-listener';
import { PRINCIPAL_SQL } from 'src/rbac/principal.sql';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { queriesSentBy } from './helpers/query-log';
import { PgClient } from 'src/performance/pg-client';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait-for';

/**
 * Two instances of the API on one database, each keeping the callers it loaded: a change to a
 * caller — made through either instance or in plain SQL from elsewhere — is seen by the very next
 * request on both, and an instance that cannot hear of changes keeps nothing.
 */
describe('the caller, kept between requests', () => {
  let a: TestApp;
  let b: TestApp;
  let sql: Client;
  let warehouseId: string;

  /** How many times each instance loaded a caller from the database. */
  const loads = new Map<DataSource, number>();
  const countLoads = (app: TestApp): void => {
    const original = app.dataSource.query.bind(app.dataSource);
    loads.set(app.dataSource, 0);
    jest.spyOn(app.dataSource, 'query').mockImplementation((query: string, ...rest: unknown[]) => {
      if (query === PRINCIPAL_SQL) loads.set(app.dataSource, (loads.get(app.dataSource) ?? 0) + 1);
      return (original as (q: string, ...r: unknown[]) => Promise<unknown>)(query, ...rest);
    });
  };
  const loadsOf = (app: TestApp): number => loads.get(app.dataSource) ?? 0;

  const myWarehouse = (app: TestApp, token: string): request.Test =>
    request(app.server).get('/api/operator/my-warehouse').set('Authorization', `Bearer ${token}`);
  const operator = async (): Promise<{ id: string; token: string }> => {
    const made = await makeUser(a.dataSource, { role: RoleName.Operator, warehouseId });
    return { id: made.user.id, token: await login(a.server, made.email) };
  };
  /** Until the instance has connected its listener, nothing is kept; wait for it. */
  const warm = async (app: TestApp, token: string): Promise<void> => {
    await myWarehouse(app, token).expect(200);
    await waitFor(
      async () => {
        const before = loadsOf(app);
        await myWarehouse(app, token).expect(200);
        return loadsOf(app) === before;
      },
      { description: 'the instance to keep a caller' },
    );
  };

  beforeAll(async () => {
    a = await createTestApp();
    b = await createTestApp({ databaseUrl: a.database!.url });
    await seedRoles(a.dataSource);
    warehouseId = (await makeWarehouse(a.dataSource)).id;
    countLoads(a);
    countLoads(b);
    sql = new Client({ connectionString: a.database!.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await b.close();
    await a.close();
  });

  it('loads a caller once, then answers from memory', async () => {
    const { token } = await operator();
    await warm(a, token);
    const before = loadsOf(a);
    for (let i = 0; i < 5; i += 1) await myWarehouse(a, token).expect(200);
    expect(loadsOf(a)).toBe(before);
  });

  it('refuses, on the next request, a user disabled in plain SQL — twenty times in a row', async () => {
    for (let i = 0; i < 20; i += 1) {
      const user = await operator();
      await warm(a, user.token);
      await sql.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [user.id]);
      await myWarehouse(a, user.token).expect(401);
    }
  });

  it('ends a session signed out through one instance on the other at once', async () => {
    const user = await operator();
    await warm(a, user.token);
    await warm(b, user.token);
    await request(b.server)
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${user.token}`)
      .expect((res) => {
        expect(res.status).toBeLessThan(300);
      });
    const ended = await myWarehouse(a, user.token).expect(401);
    expect(ended.body.detail).toMatch(/session has ended/);
  });

  it("drops every caller when a role's permissions change", async () => {
    const user = await operator();
    await warm(a, user.token);
    const removed = await sql.query<{ role_id: string; permission_id: string }>(
      `DELETE FROM role_permissions rp USING roles r, permissions p
        WHERE rp.role_id = r.id AND rp.permission_id = p.id
          AND r.name = 'OPERATOR' AND p.code = 'inventory.view'
       RETURNING rp.role_id, rp.permission_id`,
    );
    expect(removed.rowCount).toBe(1);
    try {
      await myWarehouse(a, user.token).expect(403);
    } finally {
      await sql.query(`INSERT INTO role_permissions (role_id, permission_id) VALUES ($1, $2)`, [
        removed.rows[0].role_id,
        removed.rows[0].permission_id,
      ]);
    }
    await myWarehouse(a, user.token).expect(200);
  });

  it('moves an operator to another warehouse on the next request', async () => {
    const user = await operator();
    await warm(a, user.token);
    const other = await makeWarehouse(a.dataSource);
    await sql.query(`UPDATE operator_profiles SET warehouse_id = $2 WHERE user_id = $1`, [
      user.id,
      other.id,
    ]);
    const res = await myWarehouse(a, user.token).expect(200);
    expect((res.body as { id: string }).id).toBe(other.id);
  });

  it('keeps nothing while it cannot hear of changes, and recovers', async () => {
    const user = await operator();
    await warm(a, user.token);
    await warm(b, user.token);
    // Cut every instance's listening connection, then change the user while they reconnect.
    await sql.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'coldstore-api-listen' AND datname = current_database()`,
    );
    await sql.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [user.id]);
    await myWarehouse(a, user.token).expect(401);
    await myWarehouse(b, user.token).expect(401);
    // Once reconnected, the instance keeps callers again.
    const fresh = await operator();
    await warm(a, fresh.token);
  });

  it('hears, before sync() resolves, every change committed before it was called', async () => {
    // A notification reaches a listener a fraction of a millisecond after the commit returns;
    // sync() must close that gap, or a request arriving right after a change would miss it.
    const heard: string[] = [];
    const state = { live: false };
    const listener = new PrincipalChangeListener({ connectionString: a.database!.url }, PgClient, {
      changed: (subject) => {
        heard.push(subject);
      },
      listening: (value) => {
        state.live = value;
      },
    });
    listener.start();
    try {
      await waitFor(() => state.live, {
        description: 'the listener to connect',
        timeoutMs: 5_000,
        intervalMs: 10,
      });
      expect(state.live).toBe(true);
      for (let i = 0; i < 30; i += 1) {
        await sql.query('SELECT pg_notify($1, $2)', [PRINCIPAL_CHANNEL, `change-${i}`]);
        await listener.sync();
        expect(heard.at(-1)).toBe(`change-${i}`);
      }
    } finally {
      await listener.stop();
    }
  });

  it('costs a sign-in no wait, and a known caller one round trip instead of its query', async () => {
    const made = await makeUser(a.dataSource, { role: RoleName.Operator, warehouseId });
    const first = await operator();
    await warm(a, first.token); // the instance is listening
    await login(a.server, made.email);
    const signIn = await queriesSentBy(
      a,
      request(a.server)
        .post('/api/auth/login')
        .send({ email: made.email, password: made.password }),
      200,
    );
    expect(signIn).toHaveLength(3);
    expect(signIn).not.toContain('SELECT 1');
    const token = (
      await request(a.server)
        .post('/api/auth/login')
        .send({ email: made.email, password: made.password })
        .expect(200)
    ).body.access_token as string;
    await warm(a, token);
    const read = await queriesSentBy(a, myWarehouse(a, token), 200);
    expect(read).not.toContain(PRINCIPAL_SQL);
    expect(read.filter((text) => text === 'SELECT 1').length).toBeLessThanOrEqual(1);
  });
});
