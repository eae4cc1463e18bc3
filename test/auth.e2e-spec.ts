import { createHmac } from 'node:crypto';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { JWT_AUDIENCE, JWT_ISSUER } from 'src/auth/jwt-claims';
import { IS_PUBLIC } from 'src/common/http/public.decorator';
import { REQUIRED_PERMISSIONS } from 'src/rbac/require-permissions.decorator';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserStatus } from 'src/rbac/user-status.enum';
import { DEFAULT_PASSWORD, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function sign(claims: object, key: string, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const body = `${b64(header)}.${b64(claims)}`;
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

describe('authentication', () => {
  let t: TestApp;
  let operatorEmail: string;
  let operatorId: string;
  let warehouseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
    const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
    operatorEmail = operator.email;
    operatorId = operator.user.id;
    const claims = t.app
      .get(JwtService)
      .decode<{ sid: string }>(await login(t.server, operatorEmail));
    sessionId = claims.sid;
  });

  afterAll(() => t.close());

  let sessionId: string;
  const validClaims = (): Record<string, unknown> => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: operatorId,
      user_id: operatorId,
      sid: sessionId,
      jti: 'x',
      iss: JWT_ISSUER,
      aud: JWT_AUDIENCE,
      iat: now,
      exp: now + 600,
    };
  };
  const myWarehouse = (token: string): request.Test =>
    request(t.server).get('/api/operator/my-warehouse').set('Authorization', `Bearer ${token}`);

  describe('POST /api/auth/login', () => {
    it('returns the TokenResponse with expires_in and a token carrying the documented claims', async () => {
      const res = await request(t.server)
        .post('/api/auth/login')
        .send({ email: operatorEmail, password: DEFAULT_PASSWORD })
        .expect(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'bearer',
        user_id: operatorId,
        roles: ['OPERATOR'],
        expires_in: 1800,
        refresh_token: expect.any(String),
        refresh_expires_in: expect.any(Number),
      });
      expect(res.body.refresh_expires_in).toBeGreaterThan(14 * 86400 - 60);
      const claims = t.app.get(JwtService).decode<Record<string, unknown>>(res.body.access_token);
      expect(claims).toMatchObject({
        sub: operatorId,
        user_id: operatorId,
        role_names: ['OPERATOR'],
        role_ids: [expect.any(String)],
        warehouse_id: warehouseId,
        iss: JWT_ISSUER,
        aud: JWT_AUDIENCE,
        jti: expect.any(String),
        sid: expect.any(String),
      });
      expect(Number(claims.exp) - Number(claims.iat)).toBe(1800);
      expect(claims).not.toHaveProperty('client_id');
    });

    it('accepts the OAuth2 form that Swagger UI posts', async () => {
      const res = await request(t.server)
        .post('/api/auth/login')
        .type('form')
        .send({
          grant_type: 'password',
          username: operatorEmail,
          password: DEFAULT_PASSWORD,
          scope: '',
        })
        .expect(200);
      expect(res.body.token_type).toBe('bearer');
    });

    it('answers an unknown email and a wrong password with the same 401', async () => {
      const unknown = await request(t.server)
        .post('/api/auth/login')
        .send({ email: 'nobody@example.com', password: DEFAULT_PASSWORD })
        .expect(401);
      const wrong = await request(t.server)
        .post('/api/auth/login')
        .send({ email: operatorEmail, password: 'not-the-password-1' })
        .expect(401);
      expect(unknown.body.detail).toBe(wrong.body.detail);
      expect(unknown.headers['www-authenticate']).toBe('Bearer');
    });

    it.each([UserStatus.Disabled, UserStatus.Invited])(
      'refuses a %s user with the same 401',
      async (status) => {
        const user = await makeUser(t.dataSource, { role: RoleName.Operator, status, warehouseId });
        const res = await request(t.server)
          .post('/api/auth/login')
          .send({ email: user.email, password: user.password })
          .expect(401);
        expect(res.body.detail).toBe('Incorrect email or password.');
      },
    );

    it('validates the body', async () => {
      const res = await request(t.server)
        .post('/api/auth/login')
        .send({ email: 'not-an-email', password: 'x' })
        .expect(422);
      expect(res.body.errors).toEqual([
        { field: 'email', message: 'email must be an email address' },
      ]);
      await request(t.server).post('/api/auth/login').send({ password: 'x' }).expect(422);
    });
  });

  describe('bearer token verification', () => {
    it('accepts a well-formed token', async () => {
      await myWarehouse(sign(validClaims(), t.config.auth.secretKey)).expect(200);
    });

    it.each([
      ['no token', ''],
      ['a malformed token', 'not.a.jwt'],
      ['alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x' })}.`],
    ])('refuses %s with 401 and WWW-Authenticate: Bearer', async (_name, token) => {
      const res = await (
        token ? myWarehouse(token) : request(t.server).get('/api/operator/my-warehouse')
      ).expect(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });

    it('refuses alg none carrying valid claims', async () => {
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(validClaims())}.`;
      await myWarehouse(token).expect(401);
    });

    it('refuses a token signed with another key', async () => {
      await myWarehouse(sign(validClaims(), 'some-other-key-of-enough-length-0000')).expect(401);
    });

    it('refuses HS384 even with the right key', async () => {
      const body = `${b64({ alg: 'HS384', typ: 'JWT' })}.${b64(validClaims())}`;
      const token = `${body}.${createHmac('sha384', t.config.auth.secretKey).update(body).digest('base64url')}`;
      await myWarehouse(token).expect(401);
    });

    it('refuses an expired token and says so', async () => {
      const res = await myWarehouse(
        sign({ ...validClaims(), exp: Math.floor(Date.now() / 1000) - 5 }, t.config.auth.secretKey),
      ).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it.each([
      ['issuer', { iss: 'someone-else' }],
      ['audience', { aud: 'another-app' }],
    ])('refuses a token with the wrong %s', async (_name, change) => {
      await myWarehouse(sign({ ...validClaims(), ...change }, t.config.auth.secretKey)).expect(401);
    });

    it("stops a disabled user's token on the next request", async () => {
      const user = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId });
      const token = await login(t.server, user.email);
      await myWarehouse(token).expect(200);
      await t.dataSource.query(`UPDATE users SET status = 'DISABLED' WHERE id = $1`, [
        user.user.id,
      ]);
      await myWarehouse(token).expect(401);
    });
  });

  describe('authorization', () => {
    it('answers a missing permission with one vague 403 sentence', async () => {
      const token = await login(t.server, operatorEmail);
      const res = await request(t.server)
        .get('/api/admin/users')
        .set('Authorization', `Bearer ${token}`)
        .expect(403);
      expect(res.body.detail).toBe('You do not have permission to perform this action.');
      expect(JSON.stringify(res.body)).not.toContain('user.invite');
    });

    it('leaves no route without @Public() or @RequirePermissions() (route audit)', () => {
      const discovery = t.app.get(DiscoveryService);
      const scanner = t.app.get(MetadataScanner);
      const reflector = t.app.get(Reflector);
      const unguarded: string[] = [];
      let routes = 0;
      for (const wrapper of discovery.getControllers()) {
        const controller = wrapper.metatype as (new (...args: unknown[]) => object) | null;
        if (!controller) continue;
        for (const name of scanner.getAllMethodNames(controller.prototype)) {
          const handler = (controller.prototype as Record<string, unknown>)[name] as (
            ...args: unknown[]
          ) => unknown;
          if (Reflect.getMetadata('path', handler) === undefined) continue;
          routes += 1;
          const targets = [handler, controller];
          const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets);
          const required = reflector.getAllAndOverride<unknown>(REQUIRED_PERMISSIONS, targets);
          if (!isPublic && !required) unguarded.push(`${controller.name}.${name}`);
        }
      }
      expect(routes).toBeGreaterThan(15);
      expect(unguarded).toEqual([]);
    });
  });
});
