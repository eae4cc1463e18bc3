import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEFAULT_PASSWORD, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  entity_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

describe('audit trail', () => {
  let t: TestApp;
  let admin: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const made = await makeUser(t.dataSource, { role: RoleName.Admin });
    admin = { id: made.user.id, token: await login(t.server, made.email) };
  });
  afterAll(() => t.close());

  const rowsFor = (entityId: string): Promise<AuditRow[]> =>
    t.dataSource.query<AuditRow[]>(
      `SELECT action, actor_user_id, entity_id, before, after, request_id, ip FROM audit_events
        WHERE entity_id = $1 ORDER BY created_at`,
      [entityId],
    );

  it('records a change with its actor, request id, address and changed fields', async () => {
    const created = await request(t.server)
      .post('/api/admin/warehouses')
      .set('Authorization', `Bearer ${admin.token}`)
      .set('X-Request-Id', 'audit-create-1')
      .send({ name: 'Audited Store', address: 'Old Road', capacity: 100 })
      .expect(201);
    await request(t.server)
      .patch(`/api/admin/warehouses/${created.body.id}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ address: 'New Road', capacity: 100 })
      .expect(200);
    const rows = await rowsFor(created.body.id);
    expect(rows).toEqual([
      {
        action: 'warehouse.created',
        actor_user_id: admin.id,
        entity_id: created.body.id,
        before: null,
        after: {
          code: 'AUDITED',
          name: 'Audited Store',
          address: 'Old Road',
          capacity: 100,
          timezone: 'UTC',
        },
        request_id: 'audit-create-1',
        ip: expect.stringMatching(/127\.0\.0\.1/),
      },
      expect.objectContaining({
        action: 'warehouse.updated',
        before: { address: 'Old Road' },
        after: { address: 'New Road' },
      }),
    ]);
  });

  it('writes nothing when the change rolls back', async () => {
    const first = await makeWarehouse(t.dataSource, { code: 'TAKEN-1' });
    const second = await makeWarehouse(t.dataSource);
    await request(t.server)
      .patch(`/api/admin/warehouses/${second.id}`)
      .set('Authorization', `Bearer ${admin.token}`)
      .send({ code: first.code })
      .expect(409);
    expect(await rowsFor(second.id)).toEqual([]);
  });

  it('never records passwords, hashes or tokens', async () => {
    const user = await makeUser(t.dataSource, {
      role: RoleName.Operator,
      warehouseId: (await makeWarehouse(t.dataSource)).id,
    });
    const token = await login(t.server, user.email);
    await request(t.server)
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${token}`)
      .send({ current_password: DEFAULT_PASSWORD, new_password: 'saffron-glacier-88-kites' })
      .expect(204);
    const all = await t.dataSource.query<{ doc: string }[]>(
      `SELECT row_to_json(a)::text AS doc FROM audit_events a`,
    );
    const text = all.map((r) => r.doc).join('\n');
    expect(text).not.toContain('saffron-glacier-88-kites');
    expect(text).not.toContain(DEFAULT_PASSWORD);
    expect(text).not.toMatch(/\$2[aby]\$/);
    expect(text).not.toContain(token);
    expect((await rowsFor(user.user.id)).map((r) => r.action)).toContain('auth.password.changed');
  });

  it('is append-only: the database refuses UPDATE and DELETE', async () => {
    await expect(t.dataSource.query(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('is readable by admins only, newest first, with filters', async () => {
    const res = await request(t.server)
      .get('/api/admin/audit-events')
      .query({ action: 'warehouse.created', limit: 5 })
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((e: { action: string }) => e.action === 'warehouse.created')).toBe(true);
    const all = await request(t.server)
      .get('/api/admin/audit-events')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    const times = all.body.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(Number(all.headers['x-total-count'])).toBeGreaterThanOrEqual(all.body.length);
    const byActor = await request(t.server)
      .get('/api/admin/audit-events')
      .query({
        actor: admin.id,
        from: new Date(Date.now() - 60_000).toISOString(),
        to: new Date(Date.now() + 60_000).toISOString(),
      })
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    expect(byActor.body.every((e: { actor_user_id: string }) => e.actor_user_id === admin.id)).toBe(
      true,
    );
    await request(t.server)
      .get('/api/admin/audit-events')
      .query({ from: 'yesterday' })
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(422);

    const manager = await makeUser(t.dataSource, {
      role: RoleName.InventoryManager,
      warehouseId: (await makeWarehouse(t.dataSource)).id,
    });
    await request(t.server)
      .get('/api/admin/audit-events')
      .set('Authorization', `Bearer ${await login(t.server, manager.email)}`)
      .expect(403);
  });

  it('records the address from X-Forwarded-For only when TRUST_PROXY names the proxy', async () => {
    const proxied = await createTestApp({
      databaseUrl: t.database?.url,
      env: { TRUST_PROXY: 'loopback' },
    });
    try {
      const user = await makeUser(t.dataSource, { role: RoleName.Client });
      await request(proxied.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '203.0.113.9')
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(200);
      await request(t.server)
        .post('/api/auth/login')
        .set('X-Forwarded-For', '198.51.100.7')
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(200);
      const ips = (
        await t.dataSource.query<{ ip: string }[]>(
          `SELECT ip FROM audit_events WHERE actor_user_id = $1 AND action = 'auth.login.succeeded' ORDER BY created_at`,
          [user.user.id],
        )
      ).map((r) => r.ip);
      expect(ips[0]).toBe('203.0.113.9');
      expect(ips[1]).not.toBe('198.51.100.7');
    } finally {
      await proxied.app.close();
    }
  });
});
