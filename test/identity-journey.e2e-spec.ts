import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEFAULT_PASSWORD, login, makeUser, seedRoles, tokenFromLink } from './helpers/factories';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitForValue } from './helpers/wait-for';

/**
 * The first version's whole flow: an admin creates a warehouse, invites an operator and a
 * client, both accept from the emailed links, sign in and see only their own scope.
 */
describe('identity journey', () => {
  let t: TestApp;
  let smtp: SmtpCapture;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({ env: { EMAIL_HOST: smtp.host, EMAIL_PORT: String(smtp.port) } });
    await seedRoles(t.dataSource);
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('admin → warehouse → invitations → emails → accept → scoped portals', async () => {
    const admin = await makeUser(t.dataSource, {
      role: RoleName.Admin,
      email: 'admin@coldstore.test',
    });
    const adminToken = await login(t.server, admin.email);
    const asAdmin = (req: request.Test): request.Test =>
      req.set('Authorization', `Bearer ${adminToken}`);

    const warehouse = await asAdmin(request(t.server).post('/api/admin/warehouses'))
      .send({ name: 'Pune Central Cold Store', address: 'MIDC Chakan, Pune', capacity: 5000 })
      .expect(201);
    expect(warehouse.body).toMatchObject({
      code: 'PUNE-CENTRAL',
      name: 'Pune Central Cold Store',
      capacity: 5000,
    });
    const other = await asAdmin(request(t.server).post('/api/admin/warehouses'))
      .send({ name: 'Nashik Depot', address: 'Nashik', code: 'nsk-1' })
      .expect(201);
    expect(other.body.code).toBe('NSK-1');

    const operatorInvite = await asAdmin(request(t.server).post('/api/admin/invitations'))
      .send({
        email: 'Op.One@Example.com',
        role_assigned: 'OPERATOR',
        warehouse_id: warehouse.body.id,
        shift_start: '08:00',
        shift_end: '16:00',
      })
      .expect(201);
    expect(operatorInvite.body).toMatchObject({
      email: 'op.one@example.com',
      role_assigned: 'OPERATOR',
      status: 'PENDING',
    });
    expect(operatorInvite.body.token).toEqual(expect.any(String));
    await asAdmin(request(t.server).post('/api/admin/invitations'))
      .send({
        email: 'buyer@sahyadri.test',
        role_assigned: 'CLIENT',
        company_name: 'Sahyadri Farms',
        billing_address: 'Nashik',
      })
      .expect(201);

    // The emails arrive through the outbox, each carrying its link.
    const operatorMail = await smtp.waitFor((m) => m.to.includes('op.one@example.com'), 10_000);
    const clientMail = await smtp.waitFor((m) => m.to.includes('buyer@sahyadri.test'), 10_000);
    const operatorToken = tokenFromLink(operatorMail.parsed.text ?? '');
    expect(operatorToken).toBe(operatorInvite.body.token);
    expect(operatorMail.parsed.html).toContain('accept-invitation?token=');
    const clientToken = tokenFromLink(clientMail.parsed.text ?? '');

    // The worker marks an email SENT just after the SMTP server took it: wait for both marks.
    const statuses = (body: { email_delivery: { status: string } }[]): string[] =>
      body.map((i) => i.email_delivery.status);
    const list = await waitForValue(
      () => asAdmin(request(t.server).get('/api/admin/invitations')).expect(200),
      (res) =>
        statuses(res.body as { email_delivery: { status: string } }[]).every((s) => s === 'SENT'),
      { description: 'both invitation emails to be marked SENT' },
    );
    expect(list.headers['x-total-count']).toBe('2');
    expect(JSON.stringify(list.body)).not.toContain(operatorToken);
    expect(statuses(list.body as { email_delivery: { status: string } }[])).toEqual([
      'SENT',
      'SENT',
    ]);

    const preview = await request(t.server)
      .get('/api/auth/accept-invitation')
      .query({ token: operatorToken })
      .expect(200);
    expect(preview.body).toMatchObject({
      email: 'op.one@example.com',
      role_assigned: 'OPERATOR',
      status: 'PENDING',
    });
    expect(preview.body.warehouse).toMatchObject({ id: warehouse.body.id });

    const operator = await request(t.server)
      .post('/api/auth/accept-invitation')
      .send({ token: operatorToken, password: DEFAULT_PASSWORD, full_name: 'Ravi Kumar' })
      .expect(201);
    expect(operator.body).toMatchObject({
      email: 'op.one@example.com',
      full_name: 'Ravi Kumar',
      status: 'ACTIVE',
      roles: ['OPERATOR'],
    });
    expect(Object.keys(operator.body).sort()).toEqual([
      'address',
      'created_at',
      'email',
      'full_name',
      'id',
      'phone',
      'roles',
      'status',
    ]);
    await request(t.server)
      .post('/api/auth/accept-invitation')
      .send({ token: clientToken, password: 'amber-lantern-19-orchard', full_name: 'Meera Patil' })
      .expect(201);

    // The operator works in its warehouse and nowhere else.
    const opToken = await login(t.server, 'OP.ONE@example.com');
    const asOperator = (req: request.Test): request.Test =>
      req.set('Authorization', `Bearer ${opToken}`);
    const mine = await asOperator(request(t.server).get('/api/operator/my-warehouse')).expect(200);
    expect(mine.body).toMatchObject({ id: warehouse.body.id, code: 'PUNE-CENTRAL' });
    await asOperator(request(t.server).get('/api/admin/warehouses')).expect(403);
    await asOperator(request(t.server).get('/api/client/me')).expect(403);

    // The client sees its own company.
    const clToken = await login(t.server, 'buyer@sahyadri.test', 'amber-lantern-19-orchard');
    const me = await request(t.server)
      .get('/api/client/me')
      .set('Authorization', `Bearer ${clToken}`)
      .expect(200);
    expect(me.body).toMatchObject({
      company_name: 'Sahyadri Farms',
      billing_address: 'Nashik',
      user_id: expect.any(String),
    });
    const noWarehouse = await request(t.server)
      .get('/api/operator/my-warehouse')
      .set('Authorization', `Bearer ${clToken}`)
      .expect(403);
    expect(noWarehouse.body.detail).toBe('No warehouse is assigned to your account.');

    // Admin sees everyone; invitations are spent.
    const users = await asAdmin(request(t.server).get('/api/admin/users')).expect(200);
    expect(users.body.map((u: { email: string }) => u.email).sort()).toEqual([
      'admin@coldstore.test',
      'buyer@sahyadri.test',
      'op.one@example.com',
    ]);
    const accepted = await asAdmin(
      request(t.server).get('/api/admin/invitations').query({ status: 'ACCEPTED' }),
    ).expect(200);
    expect(accepted.body).toHaveLength(2);
    await request(t.server)
      .get('/api/auth/accept-invitation')
      .query({ token: operatorToken })
      .expect(404);
  });
});
