import { createHash } from 'node:crypto';
import { hash } from 'bcrypt';
import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { auditActions, DEFAULT_PASSWORD, makeUser, seedRoles } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('brute-force defence', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await createTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15' } });
    // A second API instance on the same database: the lock must hold there too.
    b = await createTestApp({ databaseUrl: a.database?.url, env: { LOGIN_MAX_FAILURES: '3' } });
    await seedRoles(a.dataSource);
  });
  afterAll(async () => {
    await b.app.close();
    await a.close();
  });

  const attempt = (t: TestApp, email: string, password: string): request.Test =>
    request(t.server).post('/api/auth/login').send({ email, password });

  it('locks an account after repeated failures across instances, with the same 401 as a wrong password', async () => {
    const user = await makeUser(a.dataSource, { role: RoleName.Admin });
    const wrong = await attempt(a, user.email, 'wrong-password-1').expect(401);
    await attempt(b, user.email, 'wrong-password-2').expect(401);
    await attempt(a, user.email, 'wrong-password-3').expect(401); // the third failure locks
    const locked = await attempt(b, user.email, DEFAULT_PASSWORD).expect(401);
    expect(locked.body.detail).toBe(wrong.body.detail);
    expect(await auditActions(a.dataSource, user.user.id)).toEqual([
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.failed',
      'auth.login.lockout',
      'auth.login.locked',
    ]);
    // When the lock runs out the right password works again, and the count starts afresh.
    await a.dataSource.query(
      `UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`,
      [user.user.id],
    );
    await attempt(a, user.email, DEFAULT_PASSWORD).expect(200);
    const [row] = await a.dataSource.query<
      { failed_login_count: number; locked_until: Date | null }[]
    >('SELECT failed_login_count, locked_until FROM users WHERE id = $1', [user.user.id]);
    expect(row).toEqual({ failed_login_count: 0, locked_until: null });
  });

  it('records a failed sign-in of an unknown name by a keyed hash, never the name itself', async () => {
    // People type passwords into the email field: what they typed must not be stored.
    const typed = 'Correct-Horse-Battery@typo.example';
    await attempt(a, typed, 'wrong-password-1').expect(401);
    await attempt(b, `  ${typed.toLowerCase()} `, 'wrong-password-2').expect(401);
    await attempt(a, 'someone-else@typo.example', 'wrong-password-3').expect(401);
    const rows = await a.dataSource.query<{ after: Record<string, string>; raw: string }[]>(
      `SELECT after, after::text AS raw FROM audit_events
        WHERE action = 'auth.login.failed' AND entity_id IS NULL ORDER BY created_at, id`,
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.raw.toLowerCase()).not.toContain('typo.example');
      expect(row.after).toEqual({
        reason: 'unknown_email',
        email_hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    const [first, again, other] = rows.map((row) => row.after.email_hmac);
    // One name, counted together across instances; another name, another digest.
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    // Keyed by SECRET_KEY: a plain SHA-256 of the name (guessable from a list) is not stored.
    expect(first).not.toBe(createHash('sha256').update(typed.toLowerCase()).digest('hex'));
  });

  it('forgets failures older than the window', async () => {
    const user = await makeUser(a.dataSource, { role: RoleName.Admin });
    await attempt(a, user.email, 'wrong-password-1').expect(401);
    await attempt(a, user.email, 'wrong-password-2').expect(401);
    await a.dataSource.query(
      `UPDATE users SET failed_login_window_start = now() - interval '16 minutes' WHERE id = $1`,
      [user.user.id],
    );
    await attempt(a, user.email, 'wrong-password-3').expect(401);
    await attempt(a, user.email, DEFAULT_PASSWORD).expect(200);
  });

  it('throttles a client address on the public auth routes with 429 and Retry-After, before any work', async () => {
    const limited = await createTestApp({
      databaseUrl: a.database?.url,
      env: { AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_SECONDS: '60' },
    });
    try {
      for (let i = 0; i < 3; i += 1) {
        await request(limited.server)
          .post('/api/auth/login')
          .send({ email: 'x@example.com', password: 'whatever-1' })
          .expect(401);
      }
      // Even an invalid body is refused by the limit first: nothing else ran.
      const refused = await request(limited.server)
        .post('/api/auth/login')
        .send({ nonsense: true })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      // Other public auth routes share nothing with login's budget but have their own.
      await request(limited.server)
        .post('/api/auth/forgot-password')
        .send({ email: 'x@example.com' })
        .expect(202);
      // Routes that are not public auth routes are not throttled.
      for (let i = 0; i < 5; i += 1) await request(limited.server).get('/health').expect(200);
    } finally {
      await limited.app.close();
    }
  });

  it('hashes off the event loop: the API keeps answering during a burst of sign-ins', async () => {
    const slow = await createTestApp({
      databaseUrl: a.database?.url,
      env: { BCRYPT_ROUNDS: '12' },
    });
    try {
      const user = await makeUser(a.dataSource, { role: RoleName.Admin });
      await a.dataSource.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
        user.user.id,
        await hash(DEFAULT_PASSWORD, 12),
      ]);
      const order: string[] = [];
      const logins = Array.from({ length: 8 }, () =>
        request(slow.server)
          .post('/api/auth/login')
          .send({ email: user.email, password: 'wrong-but-hashed-1' })
          .then(() => order.push('login')),
      );
      // A head start, not a condition: the sign-ins hash inside the server, where a test cannot see.
      await new Promise((resolve) => setTimeout(resolve, 20));
      const health = request(slow.server)
        .get('/health')
        .then(() => order.push('health'));
      await Promise.all([...logins, health]);
      expect(order[0]).toBe('health');
    } finally {
      await slow.app.close();
    }
  });
});
