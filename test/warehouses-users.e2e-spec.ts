import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserStatus } from 'src/rbac/user-status.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('warehouses and users', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const admin = await makeUser(t.dataSource, { role: RoleName.Admin });
    adminId = admin.user.id;
    adminToken = await login(t.server, admin.email);
  });

  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(t.server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(t.server).patch(url).set('Authorization', `Bearer ${token}`),
  });

  describe('warehouses', () => {
    it('derives a unique code from the name when none is given', async () => {
      const first = await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'Hub', address: 'A' })
        .expect(201);
      const second = await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'hub', address: 'B' })
        .expect(201);
      expect([first.body.code, second.body.code]).toEqual(['HUB', 'HUB-2']);
    });

    it('answers 409 for a duplicate code, on create and on update', async () => {
      await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'X', address: 'A', code: 'DUP-1' })
        .expect(201);
      await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'Y', address: 'A', code: 'dup-1' })
        .expect(409);
      const other = await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'Z', address: 'A', code: 'DUP-2' })
        .expect(201);
      await as(adminToken)
        .patch(`/api/admin/warehouses/${other.body.id}`)
        .send({ code: 'DUP-1' })
        .expect(409);
    });

    it('patches only the fields sent', async () => {
      const created = await as(adminToken)
        .post('/api/admin/warehouses')
        .send({ name: 'Keep', address: 'Old', capacity: 10 })
        .expect(201);
      const patched = await as(adminToken)
        .patch(`/api/admin/warehouses/${created.body.id}`)
        .send({ address: 'New' })
        .expect(200);
      expect(patched.body).toMatchObject({
        name: 'Keep',
        address: 'New',
        capacity: 10,
        code: created.body.code,
      });
      await as(adminToken)
        .patch(`/api/admin/warehouses/${created.body.id}`)
        .send({ capacity: -1 })
        .expect(422);
      await as(adminToken)
        .patch(`/api/admin/warehouses/${created.body.id}`)
        .send({ code: 'bad code!' })
        .expect(422);
      await as(adminToken).get(`/api/admin/warehouses/${created.body.id}`).expect(200);
      await as(adminToken)
        .get('/api/admin/warehouses/6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a')
        .expect(404);
    });

    it('paginates with skip/limit and X-Total-Count', async () => {
      const all = await as(adminToken).get('/api/admin/warehouses').expect(200);
      const total = Number(all.headers['x-total-count']);
      expect(all.body).toHaveLength(total);
      const page = await as(adminToken)
        .get('/api/admin/warehouses')
        .query({ skip: 1, limit: 2 })
        .expect(200);
      expect(page.body).toHaveLength(Math.min(2, total - 1));
      expect(page.body[0].id).toBe(all.body[1].id);
      await as(adminToken).get('/api/admin/warehouses').query({ limit: 201 }).expect(422);
      await as(adminToken).get('/api/admin/warehouses').query({ skip: -1 }).expect(422);
    });

    it('keeps operators out of the admin routes', async () => {
      const warehouse = await makeWarehouse(t.dataSource);
      const operator = await makeUser(t.dataSource, {
        role: RoleName.Operator,
        warehouseId: warehouse.id,
      });
      const token = await login(t.server, operator.email);
      await as(token).post('/api/admin/warehouses').send({ name: 'N', address: 'A' }).expect(403);
      await as(token)
        .patch(`/api/admin/warehouses/${warehouse.id}`)
        .send({ name: 'N' })
        .expect(403);
    });
  });

  describe('users', () => {
    it('scopes the list: a warehouse manager sees its warehouse, an admin everyone', async () => {
      const a = await makeWarehouse(t.dataSource);
      const b = await makeWarehouse(t.dataSource);
      const manager = await makeUser(t.dataSource, {
        role: RoleName.InventoryManager,
        warehouseId: a.id,
      });
      const peer = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: a.id });
      const stranger = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: b.id });
      const token = await login(t.server, manager.email);
      const seen = await as(token).get('/api/admin/users').expect(200);
      expect(seen.body.map((u: { email: string }) => u.email).sort()).toEqual(
        [manager.email, peer.email].sort(),
      );
      expect(seen.headers['x-total-count']).toBe('2');
      await as(token).post(`/api/admin/users/${stranger.user.id}/disable`).expect(404);
      const all = await as(adminToken).get('/api/admin/users').query({ limit: 200 }).expect(200);
      expect(all.body.map((u: { email: string }) => u.email)).toEqual(
        expect.arrayContaining([stranger.email, peer.email]),
      );
    });

    it('filters by status, role and email', async () => {
      const disabled = await makeUser(t.dataSource, {
        role: RoleName.Client,
        status: UserStatus.Disabled,
        email: 'filter_me@example.com',
      });
      const byStatus = await as(adminToken)
        .get('/api/admin/users')
        .query({ status: 'DISABLED' })
        .expect(200);
      expect(byStatus.body.map((u: { id: string }) => u.id)).toContain(disabled.user.id);
      expect(byStatus.body.every((u: { status: string }) => u.status === 'DISABLED')).toBe(true);
      const byRole = await as(adminToken)
        .get('/api/admin/users')
        .query({ role: 'ADMIN' })
        .expect(200);
      expect(byRole.body.every((u: { roles: string[] }) => u.roles.includes('ADMIN'))).toBe(true);
      const byEmail = await as(adminToken)
        .get('/api/admin/users')
        .query({ email: 'FILTER_ME' })
        .expect(200);
      expect(byEmail.body.map((u: { email: string }) => u.email)).toEqual([
        'filter_me@example.com',
      ]);
      // `_` is literal, not a wildcard.
      const literal = await as(adminToken)
        .get('/api/admin/users')
        .query({ email: 'filter_m_' })
        .expect(200);
      expect(literal.body).toEqual([]);
      await as(adminToken).get('/api/admin/users').query({ status: 'SLEEPING' }).expect(422);
    });

    it('disables and enables; the disabled user is shut out at once', async () => {
      const warehouse = await makeWarehouse(t.dataSource);
      const operator = await makeUser(t.dataSource, {
        role: RoleName.Operator,
        warehouseId: warehouse.id,
      });
      const token = await login(t.server, operator.email);
      const disabled = await as(adminToken)
        .post(`/api/admin/users/${operator.user.id}/disable`)
        .expect(200);
      expect(disabled.body).toEqual({ detail: 'User disabled.' });
      await as(token).get('/api/operator/my-warehouse').expect(401);
      await as(adminToken).post(`/api/admin/users/${operator.user.id}/enable`).expect(200);
      // Disabling ended the old sessions; the re-enabled user signs in again.
      await as(token).get('/api/operator/my-warehouse').expect(401);
      await as(await login(t.server, operator.email))
        .get('/api/operator/my-warehouse')
        .expect(200);
    });

    describe("a warehouse's manager", () => {
      let warehouseId: string;
      let managerToken: string;
      let managerId: string;

      beforeAll(async () => {
        warehouseId = (await makeWarehouse(t.dataSource)).id;
        const manager = await makeUser(t.dataSource, {
          role: RoleName.InventoryManager,
          warehouseId,
        });
        managerId = manager.user.id;
        managerToken = await login(t.server, manager.email);
      });

      const act = (token: string, action: string, id: string) =>
        as(token).post(`/api/admin/users/${id}/${action}`);

      it('disables, enables and signs out the operators of its warehouse', async () => {
        const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
        await login(t.server, operator.email);
        const out = await act(managerToken, 'force-logout', operator.user.id).expect(200);
        expect(out.body).toEqual({ detail: '1 session(s) ended.' });
        await act(managerToken, 'disable', operator.user.id).expect(200);
        await act(managerToken, 'enable', operator.user.id).expect(200);
        // What a manager disabled, an admin may enable too.
        await act(managerToken, 'disable', operator.user.id).expect(200);
        await act(adminToken, 'enable', operator.user.id).expect(200);
      });

      it.each(['disable', 'enable', 'force-logout'])(
        'cannot %s a peer manager of its own warehouse, nor itself (403), and changes nothing',
        async (action) => {
          const peer = await makeUser(t.dataSource, {
            role: RoleName.InventoryManager,
            warehouseId,
            status: action === 'enable' ? UserStatus.Disabled : UserStatus.Active,
          });
          const peerToken = action === 'enable' ? null : await login(t.server, peer.email);
          const refused = await act(managerToken, action, peer.user.id).expect(403);
          expect(refused.body.detail).toBe(
            'You can only manage users whose roles you could give them yourself.',
          );
          if (peerToken) await as(peerToken).get('/api/operator/my-warehouse').expect(200);
          const [row] = await t.dataSource.query<{ status: string }[]>(
            'SELECT status FROM users WHERE id = $1',
            [peer.user.id],
          );
          expect(row.status).toBe(peer.user.status);
          if (action !== 'disable') await act(managerToken, action, managerId).expect(403);
        },
      );

      it('cannot act on an operator who also holds a role it could not give', async () => {
        const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
        await t.dataSource.query(
          `INSERT INTO user_roles (user_id, role_id)
           SELECT $1, id FROM roles WHERE name = 'BILLING_MANAGER'`,
          [operator.user.id],
        );
        await act(managerToken, 'force-logout', operator.user.id).expect(403);
      });

      it('cannot enable an operator an admin disabled; an admin can', async () => {
        const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
        await act(adminToken, 'disable', operator.user.id).expect(200);
        const refused = await act(managerToken, 'enable', operator.user.id).expect(403);
        expect(refused.body.detail).toBe(
          'This user was disabled by an administrator; only an administrator can enable them again.',
        );
        // Disabling again as the manager does not take the account over.
        await act(managerToken, 'disable', operator.user.id).expect(200);
        await act(managerToken, 'enable', operator.user.id).expect(403);
        await act(adminToken, 'enable', operator.user.id).expect(200);
        await login(t.server, operator.email);
      });

      it('still gets 404 for users of other warehouses, whatever their role', async () => {
        const elsewhere = await makeWarehouse(t.dataSource);
        const operator = await makeUser(t.dataSource, {
          role: RoleName.Operator,
          warehouseId: elsewhere.id,
        });
        for (const action of ['disable', 'enable', 'force-logout'])
          await act(managerToken, action, operator.user.id).expect(404);
      });
    });

    it('refuses to disable yourself or the last active admin', async () => {
      const self = await as(adminToken).post(`/api/admin/users/${adminId}/disable`).expect(409);
      expect(self.body.detail).toMatch(/your own account/);
      const second = await makeUser(t.dataSource, { role: RoleName.Admin });
      const secondToken = await login(t.server, second.email);
      // Other admins exist: the first one can go.
      const others = await t.dataSource.query<{ id: string }[]>(
        `SELECT u.id FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
          WHERE r.name = 'ADMIN' AND u.status = 'ACTIVE' AND u.id <> $1`,
        [second.user.id],
      );
      for (const { id } of others)
        await as(secondToken).post(`/api/admin/users/${id}/disable`).expect(200);
      const third = await makeUser(t.dataSource, { role: RoleName.Admin });
      await t.dataSource.query(`UPDATE users SET status = 'ACTIVE' WHERE id = $1`, [third.user.id]);
      await as(secondToken).post(`/api/admin/users/${third.user.id}/disable`).expect(200);
      // `second` is now the last active admin; only another admin could try, and none is left.
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
          WHERE r.name = 'ADMIN' AND u.status = 'ACTIVE'`,
      );
      expect(Number(n)).toBe(1);
      await as(adminToken).post(`/api/admin/users/${second.user.id}/disable`).expect(401); // the first admin is disabled
      const revived = await makeUser(t.dataSource, { role: RoleName.Admin });
      await t.dataSource.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [
        second.user.id,
      ]);
      const last = await as(await login(t.server, revived.email))
        .post(`/api/admin/users/${second.user.id}/enable`)
        .expect(200);
      expect(last.body.detail).toBe('User enabled.');
      await as(secondToken).post(`/api/admin/users/${revived.user.id}/disable`).expect(200);
      const refused = await as(await login(t.server, second.email))
        .post(`/api/admin/users/${second.user.id}/disable`)
        .expect(409);
      expect(refused.body.detail).toMatch(/own account/);
      // With `second` alone, disabling it from any account is the last-admin case.
      const stranger = await makeUser(t.dataSource, {
        role: RoleName.InventoryManager,
        warehouseId: (await makeWarehouse(t.dataSource)).id,
      });
      await as(await login(t.server, stranger.email))
        .post(`/api/admin/users/${second.user.id}/disable`)
        .expect(404);
    });
  });
});
