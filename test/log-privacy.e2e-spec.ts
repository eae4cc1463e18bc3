import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DestinationStream } from 'pino';
import type { QueryRunner } from 'typeorm';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, seedRoles } from './helpers/factories';
import { ProbeModule } from './helpers/probe.module';
import { createTestApp, type TestApp } from './helpers/test-app';

interface LogLine {
  level: number;
  msg?: string;
  err?: { type?: string; code?: string };
  requestId?: string;
}

describe('the log never carries request data', () => {
  let t: TestApp;
  let adminToken: string;
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => lines.push(line) };
  const logged = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

  beforeAll(async () => {
    t = await createTestApp({
      imports: [ProbeModule],
      logDestination: destination,
      env: { LOG_LEVEL: 'info', DATABASE_LOCK_TIMEOUT_MS: '300' },
    });
    await seedRoles(t.dataSource);
    const admin = await makeUser(t.dataSource, { role: RoleName.Admin });
    adminToken = await login(t.server, admin.email);
  });

  afterAll(() => t.close());
  beforeEach(() => {
    lines.length = 0;
  });

  it('logs a failed query by its code and request id, never its parameter or message', async () => {
    const probe = `probe-${randomUUID()}`;
    const res = await request(t.server)
      .get(`/__probe/bad-integer?value=${probe}`)
      .set('X-Request-Id', 'req-bad-integer')
      .expect(500);
    expect(JSON.stringify(res.body)).not.toContain(probe);

    const failure = logged().find((line) => line.err?.code === '22P02');
    expect(failure).toMatchObject({
      requestId: 'req-bad-integer',
      err: { type: 'QueryFailedError', code: '22P02' },
    });
    expect(lines.join('')).toContain('req-bad-integer');
    expect(lines.join('')).not.toContain(probe);
  });

  it('keeps an email searched for out of the log when the search fails', async () => {
    const probe = `probe-${randomUUID()}@example.com`;
    const users = (): request.Test =>
      request(t.server)
        .get(`/api/admin/users?email=${encodeURIComponent(probe)}`)
        .set('Authorization', `Bearer ${adminToken}`);
    // The caller is loaded (and kept) before the table is locked, so only the search waits.
    await users().expect(200);
    const locker: QueryRunner = t.dataSource.createQueryRunner();
    await locker.startTransaction();
    try {
      await locker.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
      await users().expect(503);
    } finally {
      await locker.rollbackTransaction();
      await locker.release();
    }

    expect(logged().some((line) => line.err?.code === '55P03')).toBe(true);
    expect(lines.join('')).not.toContain(probe);
    expect(lines.join('')).not.toContain(probe.split('@')[0]);
  });

  it('keeps a refused value out of the log too', async () => {
    const probe = `probe-${randomUUID()}`;
    await request(t.server)
      .get(`/api/admin/users?email=${probe}%00&skip=${probe}`)
      .set('Authorization', `Bearer ${adminToken}`)
      .expect(422);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(probe);
  });
});
