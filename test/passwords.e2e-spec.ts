import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserStatus } from 'src/rbac/user-status.enum';
import {
  auditActions,
  DEFAULT_PASSWORD,
  makeUser,
  makeWarehouse,
  seedRoles,
} from './helpers/factories';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture';
import { createTestApp, type TestApp } from './helpers/test-app';

const NEW_PASSWORD = 'saffron-glacier-88-kites';

describe('password flows', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let warehouseId: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({
      env: { EMAIL_HOST: smtp.host, EMAIL_PORT: String(smtp.port), LOGIN_MAX_FAILURES: '3' },
    });
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const signIn = (email: string, password = DEFAULT_PASSWORD): request.Test =>
    request(t.server).post('/api/auth/login').send({ email, password });
  const forgot = (email: string): request.Test =>
    request(t.server).post('/api/auth/forgot-password').send({ email });
  const reset = (token: string, password = NEW_PASSWORD): request.Test =>
    request(t.server).post('/api/auth/reset-password').send({ token, new_password: password });

  async function resetToken(email: string): Promise<string> {
    await forgot(email).expect(202);
    const mail = await smtp.waitFor((m) => m.to.includes(email), 10_000);
    const match = /reset-password\?token=([A-Za-z0-9_%-]+)/.exec(mail.parsed.text ?? '');
    if (!match) throw new Error('no reset link');
    return decodeURIComponent(match[1]);
  }

  it('answers forgot-password the same whether or not the account exists', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const known = await forgot(user.email).expect(202);
    const unknown = await forgot('nobody-here@example.com').expect(202);
    expect(known.body).toEqual(unknown.body);
    await smtp.waitFor((m) => m.to.includes(user.email), 10_000);
    // Nothing to wait for: a mail to the unknown address would follow the known one's shortly.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.some((m) => m.to.includes('nobody-here@example.com'))).toBe(false);
    await forgot('not-an-email').expect(422);
  });

  it('resets once with the emailed link, ends every session, and the link is spent', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const session = (await signIn(user.email).expect(200)).body as {
      access_token: string;
      refresh_token: string;
    };
    const token = await resetToken(user.email);
    await reset(token).expect(204);
    await reset(token, 'another-fine-passphrase-2').expect(404);
    await request(t.server)
      .get('/api/operator/my-warehouse')
      .set('Authorization', `Bearer ${session.access_token}`)
      .expect(401);
    await request(t.server)
      .post('/api/auth/refresh')
      .send({ refresh_token: session.refresh_token })
      .expect(401);
    await signIn(user.email).expect(401);
    await signIn(user.email, NEW_PASSWORD).expect(200);
  });

  it('refuses an expired link and a weak new password (leaving the link usable)', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const token = await resetToken(user.email);
    const weak = await reset(token, 'password1').expect(422);
    expect(weak.body.errors[0].field).toBe('new_password');
    await t.dataSource.query(
      `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.user.id],
    );
    const expired = await reset(token).expect(404);
    const unknown = await reset('made-up-token').expect(404);
    expect(expired.body.detail).toBe(unknown.body.detail);
  });

  it('sends nothing for a disabled account', async () => {
    const user = await makeUser(t.dataSource, {
      role: RoleName.Operator,
      warehouseId,
      status: UserStatus.Disabled,
    });
    await forgot(user.email).expect(202);
    // Nothing to wait for: a mail would reach the capture within this time, if one were sent.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.messages.some((m) => m.to.includes(user.email))).toBe(false);
  });

  it('changes the password with the current one and ends only the other sessions', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const here = (await signIn(user.email).expect(200)).body as { access_token: string };
    const elsewhere = (await signIn(user.email).expect(200)).body as { access_token: string };
    const change = (body: object): request.Test =>
      request(t.server)
        .post('/api/auth/change-password')
        .set('Authorization', `Bearer ${here.access_token}`)
        .send(body);
    const wrong = await change({
      current_password: 'not-my-password-9',
      new_password: NEW_PASSWORD,
    }).expect(422);
    expect(wrong.body.errors[0].field).toBe('current_password');
    await change({ current_password: DEFAULT_PASSWORD, new_password: user.email }).expect(422);
    await change({ current_password: DEFAULT_PASSWORD, new_password: NEW_PASSWORD }).expect(204);
    await request(t.server)
      .get('/api/operator/my-warehouse')
      .set('Authorization', `Bearer ${here.access_token}`)
      .expect(200);
    await request(t.server)
      .get('/api/operator/my-warehouse')
      .set('Authorization', `Bearer ${elsewhere.access_token}`)
      .expect(401);
    await signIn(user.email, NEW_PASSWORD).expect(200);
    await request(t.server)
      .post('/api/auth/change-password')
      .send({ current_password: 'x', new_password: 'y' })
      .expect(401);
  });

  it('counts wrong current passwords toward the sign-in lockout, then refuses with 429 while locked', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const { access_token: token } = (await signIn(user.email).expect(200)).body as {
      access_token: string;
    };
    const change = (current: string): request.Test =>
      request(t.server)
        .post('/api/auth/change-password')
        .set('Authorization', `Bearer ${token}`)
        .send({ current_password: current, new_password: NEW_PASSWORD });
    // The policy in this file: 3 failures lock the account (LOGIN_MAX_FAILURES).
    await change('guess-number-1').expect(422);
    await signIn(user.email, 'guess-number-2').expect(401); // one counter for both routes
    await change('guess-number-3').expect(422); // the third failure locks
    const locked = await change(DEFAULT_PASSWORD).expect(429);
    expect(locked.body.detail).toMatch(/locked/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    await signIn(user.email).expect(401);
    const [row] = await t.dataSource.query<{ password_unchanged: boolean; locked: boolean }[]>(
      `SELECT password_hash = $2 AS password_unchanged, locked_until > now() AS locked
         FROM users WHERE id = $1`,
      [user.user.id, user.user.passwordHash],
    );
    expect(row).toEqual({ password_unchanged: true, locked: true });
    expect(await auditActions(t.dataSource, user.user.id)).toEqual([
      'auth.password.change_failed',
      'auth.login.failed',
      'auth.password.change_failed',
      'auth.login.lockout',
      'auth.login.locked',
    ]);
  });

  it('spends every open reset link when the password is changed', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const link = await resetToken(user.email);
    const { access_token: token } = (await signIn(user.email).expect(200)).body as {
      access_token: string;
    };
    await request(t.server)
      .post('/api/auth/change-password')
      .set('Authorization', `Bearer ${token}`)
      .send({ current_password: DEFAULT_PASSWORD, new_password: NEW_PASSWORD })
      .expect(204);
    const res = await reset(link, 'another-amber-river-42').expect(404);
    expect(res.body.detail).toMatch(/already been used/);
    await signIn(user.email, NEW_PASSWORD).expect(200);
  });

  it('spends every other open reset link when one of them resets the password', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    const first = await resetToken(user.email);
    // The capture keeps every message; drop this user's so the next link is the new one.
    smtp.messages.splice(0, smtp.messages.length);
    const second = await resetToken(user.email);
    expect(second).not.toBe(first);
    await reset(second).expect(204);
    await reset(first, 'another-amber-river-42').expect(404);
    await signIn(user.email, NEW_PASSWORD).expect(200);
  });

  it('rehashes a password on sign-in when the configured cost rose', async () => {
    const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId }); // cost 4
    const stronger = await createTestApp({
      databaseUrl: t.database?.url,
      env: { BCRYPT_ROUNDS: '5' },
    });
    try {
      await request(stronger.server)
        .post('/api/auth/login')
        .send({ email: user.email, password: DEFAULT_PASSWORD })
        .expect(200);
      const [{ password_hash }] = await t.dataSource.query<{ password_hash: string }[]>(
        'SELECT password_hash FROM users WHERE id = $1',
        [user.user.id],
      );
      expect(password_hash.startsWith('$2b$05$')).toBe(true);
    } finally {
      await stronger.app.close();
    }
  });
});
