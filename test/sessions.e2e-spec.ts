import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { DEFAULT_PASSWORD, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface Pair {
  access_token: string;
  refresh_token: string;
}

describe('sessions', () => {
  let t: TestApp;
  let warehouseId: string;

  beforeAll(async () => {
    // No grace: a spent refresh token shown again is always treated as reuse here.
    t = await createTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
  });
  afterAll(() => t.close());

  async function signIn(email: string, agent = 'jest-device'): Promise<Pair> {
    const res = await request(t.server)
      .post('/api/auth/login')
      .set('User-Agent', agent)
      .send({ email, password: DEFAULT_PASSWORD })
      .expect(200);
    return res.body as Pair;
  }
  const refresh = (token: string): request.Test =>
    request(t.server).post('/api/auth/refresh').send({ refresh_token: token });
  const whoAmI = (access: string): request.Test =>
    request(t.server).get('/api/operator/my-warehouse').set('Authorization', `Bearer ${access}`);
  const operator = async (): Promise<{ email: string; id: string }> => {
    const made = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    return { email: made.email, id: made.user.id };
  };

  it('rotates: a new pair, and the old refresh token is spent', async () => {
    const user = await operator();
    const first = await signIn(user.email);
    const second = (await refresh(first.refresh_token).expect(200)).body as Pair;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await whoAmI(second.access_token).expect(200);
    // The refresh token that was spent, shown again: theft. The whole session goes.
    const reuse = await refresh(first.refresh_token).expect(401);
    expect(reuse.headers['www-authenticate']).toBe('Bearer');
    await refresh(second.refresh_token).expect(401);
    await whoAmI(second.access_token).expect(401);
    const [event] = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE action = 'auth.refresh.reused' AND actor_user_id = $1`,
      [user.id],
    );
    expect(event).toEqual({ action: 'auth.refresh.reused' });
  });

  it('refuses unknown and malformed refresh tokens', async () => {
    await refresh('not-a-token').expect(401);
    await request(t.server).post('/api/auth/refresh').send({}).expect(422);
  });

  it('lets exactly one of two concurrent refreshes with one token win', async () => {
    const graced = await createTestApp({
      databaseUrl: t.database?.url,
      env: { REFRESH_REUSE_GRACE_SECONDS: '5' },
    });
    try {
      const user = await operator();
      const pair = await signIn(user.email);
      const results = await Promise.all(
        [1, 2].map(() =>
          request(graced.server)
            .post('/api/auth/refresh')
            .send({ refresh_token: pair.refresh_token }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      // The winner's new tokens keep working: a race is not a theft.
      const winner = results.find((r) => r.status === 200)?.body as Pair;
      await whoAmI(winner.access_token).expect(200);
      await request(graced.server)
        .post('/api/auth/refresh')
        .send({ refresh_token: winner.refresh_token })
        .expect(200);
    } finally {
      await graced.app.close();
    }
  });

  it('logout ends the current session only; its access token stops at once', async () => {
    const user = await operator();
    const phone = await signIn(user.email, 'phone');
    const laptop = await signIn(user.email, 'laptop');
    await request(t.server)
      .post('/api/auth/logout')
      .set('Authorization', `Bearer ${phone.access_token}`)
      .expect(204);
    await whoAmI(phone.access_token).expect(401);
    await refresh(phone.refresh_token).expect(401);
    await whoAmI(laptop.access_token).expect(200);
  });

  it('lists your sessions and ends one of them; others are not yours to end', async () => {
    const user = await operator();
    const a = await signIn(user.email, 'device-a');
    const b = await signIn(user.email, 'device-b');
    const list = await request(t.server)
      .get('/api/auth/sessions')
      .set('Authorization', `Bearer ${a.access_token}`)
      .expect(200);
    expect(list.body).toHaveLength(2);
    expect(list.body.find((s: { current: boolean }) => s.current).user_agent).toBe('device-a');
    expect(list.body[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        created_at: expect.any(String),
        last_used_at: expect.any(String),
        expires_at: expect.any(String),
        ip: expect.any(String),
      }),
    );
    const other = list.body.find((s: { current: boolean }) => !s.current).id as string;

    const stranger = await operator();
    const strangerPair = await signIn(stranger.email);
    await request(t.server)
      .delete(`/api/auth/sessions/${other}`)
      .set('Authorization', `Bearer ${strangerPair.access_token}`)
      .expect(404);

    await request(t.server)
      .delete(`/api/auth/sessions/${other}`)
      .set('Authorization', `Bearer ${a.access_token}`)
      .expect(204);
    await whoAmI(b.access_token).expect(401);
    await whoAmI(a.access_token).expect(200);
  });

  it("force-logout and disabling end all of a user's sessions", async () => {
    const admin = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Admin })).email,
    );
    const user = await operator();
    const one = await signIn(user.email);
    const two = await signIn(user.email);
    const res = await request(t.server)
      .post(`/api/admin/users/${user.id}/force-logout`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(res.body.detail).toBe('2 session(s) ended.');
    await whoAmI(one.access_token).expect(401);
    await whoAmI(two.access_token).expect(401);
    await refresh(two.refresh_token).expect(401);

    const three = await signIn(user.email);
    await request(t.server)
      .post(`/api/admin/users/${user.id}/disable`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await request(t.server)
      .post(`/api/admin/users/${user.id}/enable`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await whoAmI(three.access_token).expect(401);
    await refresh(three.refresh_token).expect(401);
  });

  it('refuses an access token whose session expired', async () => {
    const user = await operator();
    const pair = await signIn(user.email);
    await t.dataSource.query(
      `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    await whoAmI(pair.access_token).expect(401);
    await refresh(pair.refresh_token).expect(401);
  });
});
