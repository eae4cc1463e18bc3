import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEFAULT_PASSWORD, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { startSmtpCapture, unusedPort, type SmtpCapture } from './helpers/smtp-capture';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitForValue } from './helpers/wait-for';

describe('invitations', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let adminToken: string;
  let warehouseId: string;
  let otherWarehouseId: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({
      env: { EMAIL_HOST: smtp.host, EMAIL_PORT: String(smtp.port), EMAIL_TIMEOUT_MS: '20000' },
    });
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
    otherWarehouseId = (await makeWarehouse(t.dataSource)).id;
    adminToken = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Admin })).email,
    );
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const invite = (body: object, token = adminToken): request.Test =>
    request(t.server)
      .post('/api/admin/invitations')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  const accept = (body: object): request.Test =>
    request(t.server).post('/api/auth/accept-invitation').send(body);
  let n = 0;
  const email = (): string => `person${(n += 1)}@example.com`;

  describe('creating', () => {
    it.each([
      [{ role_assigned: 'OPERATOR' }, 'warehouse_id'],
      [{ role_assigned: 'INVENTORY_MANAGER' }, 'warehouse_id'],
      [{ role_assigned: 'CLIENT' }, 'company_name'],
      [{ role_assigned: 'SUPERUSER' }, 'role_assigned'],
      [
        {
          role_assigned: 'CLIENT',
          company_name: 'X',
          warehouse_id: '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a',
        },
        'warehouse_id',
      ],
    ])('answers 422 naming the field for %o', async (body, fieldName) => {
      const res = await invite({ email: email(), ...body }).expect(422);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(fieldName);
    });

    it('rejects a bad email and unknown fields with 422', async () => {
      await invite({ email: 'nope', role_assigned: 'CLIENT', company_name: 'X' }).expect(422);
      await invite({
        email: email(),
        role_assigned: 'CLIENT',
        company_name: 'X',
        is_admin: true,
      }).expect(422);
    });

    it('answers 404 for a warehouse that does not exist', async () => {
      await invite({
        email: email(),
        role_assigned: 'OPERATOR',
        warehouse_id: '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a',
      }).expect(404);
    });

    it('answers 409 for an email with an account or a pending invitation, whatever its case', async () => {
      const existing = await makeUser(t.dataSource, { role: RoleName.Client });
      await invite({
        email: existing.email.toUpperCase(),
        role_assigned: 'CLIENT',
        company_name: 'X',
      }).expect(409);
      const address = email();
      await invite({ email: address, role_assigned: 'CLIENT', company_name: 'X' }).expect(201);
      const again = await invite({
        email: address.toUpperCase(),
        role_assigned: 'CLIENT',
        company_name: 'Y',
      }).expect(409);
      expect(again.body.detail).toMatch(/pending invitation/);
    });

    it('lets an inventory manager invite operators to its own warehouse only, and no clients', async () => {
      const manager = await makeUser(t.dataSource, {
        role: RoleName.InventoryManager,
        warehouseId,
      });
      const token = await login(t.server, manager.email);
      await invite(
        { email: email(), role_assigned: 'OPERATOR', warehouse_id: warehouseId },
        token,
      ).expect(201);
      await invite(
        { email: email(), role_assigned: 'OPERATOR', warehouse_id: otherWarehouseId },
        token,
      ).expect(404);
      await invite({ email: email(), role_assigned: 'CLIENT', company_name: 'X' }, token).expect(
        403,
      );
      await invite({ email: email(), role_assigned: 'ADMIN' }, token).expect(403);
      const list = await request(t.server)
        .get('/api/admin/invitations')
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      expect(list.body.every((i: { warehouse_id: string }) => i.warehouse_id === warehouseId)).toBe(
        true,
      );
    });

    it('revokes and resends with the authority it takes to invite: a manager handles its operators, never a peer', async () => {
      const manager = await makeUser(t.dataSource, {
        role: RoleName.InventoryManager,
        warehouseId,
      });
      const token = await login(t.server, manager.email);
      const peer = await invite(
        { email: email(), role_assigned: 'INVENTORY_MANAGER', warehouse_id: warehouseId },
        token,
      ).expect(403);
      expect(peer.body.detail).toBe('You do not have permission to perform this action.');
      const byAdmin = await invite({
        email: email(),
        role_assigned: 'INVENTORY_MANAGER',
        warehouse_id: warehouseId,
      }).expect(201);
      const act = (action: string, id: string, as = token): request.Test =>
        request(t.server)
          .post(`/api/admin/invitations/${id}/${action}`)
          .set('Authorization', `Bearer ${as}`);
      await act('resend', byAdmin.body.id).expect(403);
      await act('revoke', byAdmin.body.id).expect(403);
      const [row] = await t.dataSource.query<{ status: string; token_hash: string }[]>(
        'SELECT status, token_hash FROM invitations WHERE id = $1',
        [byAdmin.body.id],
      );
      expect(row.status).toBe('PENDING');
      // The admin's link still works: the refused resend made no new one.
      await request(t.server)
        .get('/api/auth/accept-invitation')
        .query({ token: byAdmin.body.token })
        .expect(200);
      const operator = await invite(
        { email: email(), role_assigned: 'OPERATOR', warehouse_id: warehouseId },
        token,
      ).expect(201);
      await act('resend', operator.body.id).expect(200);
      await act('revoke', operator.body.id).expect(200);
    });

    it('keeps a caller that may invite only clients from revoking or resending staff invitations', async () => {
      const billing = await makeUser(t.dataSource, { role: RoleName.BillingManager });
      await t.dataSource.query(
        `INSERT INTO role_permissions (role_id, permission_id)
         SELECT r.id, p.id FROM roles r, permissions p
          WHERE r.name = 'BILLING_MANAGER' AND p.code = 'user.invite.client'`,
      );
      try {
        const token = await login(t.server, billing.email);
        const staff = await invite({
          email: email(),
          role_assigned: 'OPERATOR',
          warehouse_id: otherWarehouseId,
        }).expect(201);
        for (const action of ['resend', 'revoke']) {
          await request(t.server)
            .post(`/api/admin/invitations/${staff.body.id}/${action}`)
            .set('Authorization', `Bearer ${token}`)
            .expect(403);
        }
        const client = await invite(
          { email: email(), role_assigned: 'CLIENT', company_name: 'Own Co' },
          token,
        ).expect(201);
        await request(t.server)
          .post(`/api/admin/invitations/${client.body.id}/revoke`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
      } finally {
        await t.dataSource.query(
          `DELETE FROM role_permissions rp USING roles r, permissions p
            WHERE r.id = rp.role_id AND p.id = rp.permission_id
              AND r.name = 'BILLING_MANAGER' AND p.code = 'user.invite.client'`,
        );
      }
    });

    it('refuses operators (no invite permission) with 403 and clients as well', async () => {
      const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
      await invite(
        { email: email(), role_assigned: 'OPERATOR', warehouse_id: warehouseId },
        await login(t.server, operator.email),
      ).expect(403);
    });
  });

  describe('mail delivery', () => {
    it('answers at once while the SMTP server takes 10 s, and the email still arrives', async () => {
      smtp.setDelay(10_000);
      try {
        const address = email();
        const res = await invite({
          email: address,
          role_assigned: 'CLIENT',
          company_name: 'Slow Co',
        }).expect(201);
        // Answered while the server still holds the message: the request never waited on SMTP.
        expect(smtp.messages.some((m) => m.to.includes(address))).toBe(false);
        expect(res.body.email_delivery.status).toBe('PENDING');
        await smtp.waitFor((m) => m.to.includes(address), 20_000);
      } finally {
        smtp.setDelay(0);
      }
    }, 30_000);

    it('keeps the email while SMTP is down, shows the failure, and delivers it when it is back', async () => {
      const port = await unusedPort();
      const down = await createTestApp({
        env: {
          EMAIL_HOST: '127.0.0.1',
          EMAIL_PORT: String(port),
          EMAIL_TIMEOUT_MS: '1000',
          OUTBOX_MAX_ATTEMPTS: '50',
        },
      });
      let revived: SmtpCapture | undefined;
      try {
        await seedRoles(down.dataSource);
        const token = await login(
          down.server,
          (await makeUser(down.dataSource, { role: RoleName.Admin })).email,
        );
        const address = email();
        await request(down.server)
          .post('/api/admin/invitations')
          .set('Authorization', `Bearer ${token}`)
          .send({ email: address, role_assigned: 'CLIENT', company_name: 'Down Co' })
          .expect(201);
        const delivery = async (): Promise<{
          status: string;
          attempts: number;
          last_error: string | null;
        }> => {
          const res = await request(down.server)
            .get('/api/admin/invitations')
            .set('Authorization', `Bearer ${token}`)
            .expect(200);
          return res.body[0].email_delivery;
        };
        const seen = await waitForValue(delivery, (d) => d.attempts > 0, {
          description: 'a first delivery attempt',
          intervalMs: 100,
        });
        expect(seen).toMatchObject({ status: 'PENDING', attempts: expect.any(Number) });
        expect(seen.attempts).toBeGreaterThan(0);
        expect(seen.last_error).toEqual(expect.any(String));

        revived = await startSmtpCapture({ port });
        await revived.waitFor((m) => m.to.includes(address), 20_000);
        await waitForValue(delivery, (d) => d.status === 'SENT', {
          description: 'the invitation to be reported SENT',
          timeoutMs: 5_000,
          intervalMs: 100,
        });
        expect((await delivery()).status).toBe('SENT');
      } finally {
        await down.close();
        await revived?.close();
      }
    }, 40_000);
  });

  describe('accepting', () => {
    async function pending(role = 'CLIENT'): Promise<{ id: string; token: string }> {
      const body =
        role === 'CLIENT'
          ? { role_assigned: 'CLIENT', company_name: 'Acme' }
          : { role_assigned: role, warehouse_id: warehouseId };
      const res = await invite({ email: email(), ...body }).expect(201);
      return { id: res.body.id as string, token: res.body.token as string };
    }

    it('answers 404 with one message for unknown, used, revoked and expired tokens', async () => {
      const unknown = await request(t.server)
        .get('/api/auth/accept-invitation')
        .query({ token: 'nope' })
        .expect(404);
      const used = await pending();
      await accept({ token: used.token, password: DEFAULT_PASSWORD, full_name: 'A' }).expect(201);
      const usedRes = await accept({
        token: used.token,
        password: DEFAULT_PASSWORD,
        full_name: 'A',
      }).expect(404);
      const revoked = await pending();
      await request(t.server)
        .post(`/api/admin/invitations/${revoked.id}/revoke`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      const revokedRes = await request(t.server)
        .get('/api/auth/accept-invitation')
        .query({ token: revoked.token })
        .expect(404);
      const expired = await pending();
      await t.dataSource.query(
        `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [expired.id],
      );
      const expiredRes = await accept({
        token: expired.token,
        password: DEFAULT_PASSWORD,
        full_name: 'A',
      }).expect(404);
      const details = new Set(
        [unknown, usedRes, revokedRes, expiredRes].map((r) => r.body.detail as string),
      );
      expect(details.size).toBe(1);
      const list = await request(t.server)
        .get('/api/admin/invitations')
        .query({ status: 'EXPIRED' })
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(list.body.map((i: { id: string }) => i.id)).toContain(expired.id);
    });

    it.each([
      ['short', 'Ab3$xyz'],
      ['over 72 bytes', 'x'.repeat(73)],
      ['common', 'password123'],
    ])(
      'refuses a %s password with 422 and leaves the invitation usable',
      async (_name, password) => {
        const invitation = await pending();
        const res = await accept({ token: invitation.token, password, full_name: 'A' }).expect(422);
        expect(res.body.errors[0].field).toBe('password');
        await request(t.server)
          .get('/api/auth/accept-invitation')
          .query({ token: invitation.token })
          .expect(200);
      },
    );

    it('gives one user and one 404 for two concurrent accepts of one token', async () => {
      const invitation = await pending('OPERATOR');
      const results = await Promise.all(
        [1, 2].map(() =>
          accept({ token: invitation.token, password: DEFAULT_PASSWORD, full_name: 'Twin' }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM operator_profiles op JOIN users u ON u.id = op.user_id WHERE u.full_name = 'Twin'`,
      );
      expect(Number(n)).toBe(1);
    });

    it('takes the warehouse from the invitation, never from the request', async () => {
      const invitation = await pending('OPERATOR');
      await accept({
        token: invitation.token,
        password: DEFAULT_PASSWORD,
        full_name: 'A',
        warehouse_id: otherWarehouseId,
      }).expect(422);
      const ok = await accept({
        token: invitation.token,
        password: DEFAULT_PASSWORD,
        full_name: 'A',
        shift_start: '06:00',
      }).expect(201);
      const [profile] = await t.dataSource.query<{ warehouse_id: string; shift_start: string }[]>(
        'SELECT warehouse_id, shift_start FROM operator_profiles WHERE user_id = $1',
        [ok.body.id],
      );
      expect(profile).toEqual({ warehouse_id: warehouseId, shift_start: '06:00:00' });
    });
  });

  describe('revoke and resend', () => {
    it('resend gives a new link and kills the old one; revoke only applies to pending', async () => {
      const address = email();
      const first = await invite({
        email: address,
        role_assigned: 'CLIENT',
        company_name: 'R',
      }).expect(201);
      const resent = await request(t.server)
        .post(`/api/admin/invitations/${first.body.id}/resend`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      expect(resent.body.token).not.toBe(first.body.token);
      await request(t.server)
        .get('/api/auth/accept-invitation')
        .query({ token: first.body.token })
        .expect(404);
      await request(t.server)
        .get('/api/auth/accept-invitation')
        .query({ token: resent.body.token })
        .expect(200);
      await request(t.server)
        .post(`/api/admin/invitations/${first.body.id}/revoke`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(200);
      await request(t.server)
        .post(`/api/admin/invitations/${first.body.id}/revoke`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(409);
      await request(t.server)
        .post(`/api/admin/invitations/${first.body.id}/resend`)
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(409);
      await request(t.server)
        .post('/api/admin/invitations/6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a/revoke')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(404);
      await request(t.server)
        .post('/api/admin/invitations/not-a-uuid/revoke')
        .set('Authorization', `Bearer ${adminToken}`)
        .expect(422);
    });
  });
});
