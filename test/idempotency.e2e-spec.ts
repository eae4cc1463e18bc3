import { Client } from 'pg';
import request from 'supertest';
import { IdempotencyModule } from 'src/common/idempotency/idempotency.module';
import { IdempotencyService, requestHash } from 'src/common/idempotency/idempotency.service';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import {
  IdempotencyProbeModule,
  PROBE_EFFECT,
  PROBE_FAILURE,
} from './helpers/idempotency-probe.module';
import { backendPid, waitForSessions } from './helpers/pg-activity';
import { createTestApp, type TestApp } from './helpers/test-app';

const PROBE = '/__probe/idempotent';

interface Caller {
  id: string;
  token: string;
}

describe('Idempotency-Key on mutating routes', () => {
  let t: TestApp;
  let admin: Caller;
  let operator: Caller;
  let keySequence = 0;
  const newKey = (): string => `key-${Date.now()}-${(keySequence += 1)}`;

  beforeAll(async () => {
    t = await createTestApp({
      imports: [IdempotencyModule, IdempotencyProbeModule],
      // How long a request waits for another one holding its key.
      env: { DATABASE_LOCK_TIMEOUT_MS: '1500' },
    });
    await seedRoles(t.dataSource);
    const madeAdmin = await makeUser(t.dataSource, { role: RoleName.Admin });
    const warehouse = await makeWarehouse(t.dataSource);
    const madeOperator = await makeUser(t.dataSource, {
      role: RoleName.Operator,
      warehouseId: warehouse.id,
    });
    admin = { id: madeAdmin.user.id, token: await login(t.server, madeAdmin.email) };
    operator = { id: madeOperator.user.id, token: await login(t.server, madeOperator.email) };
  });
  afterAll(() => t.close());

  const probe = (caller: Caller, body: Record<string, unknown>, key?: string) => {
    const req = request(t.server).post(PROBE).set('Authorization', `Bearer ${caller.token}`);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };

  /** How many times the probe's handler ran (committed) for this note. */
  const runs = async (note: string, action = PROBE_EFFECT): Promise<number> => {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND after->>'echo' = $2`,
      [action, note],
    );
    return row.n;
  };

  const hashOf = (body: Record<string, unknown>): string =>
    requestHash({ method: 'POST', path: PROBE, query: {}, body });

  it('replays the first response for the same key and request, without running again', async () => {
    const key = newKey();
    const first = await probe(admin, { note: 'replay', delay_ms: 0 }, key).expect(201);
    expect(first.body).toEqual({ id: expect.any(String), echo: 'replay' });
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    // The same body with its keys in another order is the same request.
    const again = await probe(admin, { delay_ms: 0, note: 'replay' }, key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toMatch(/^application\/json/);
    expect(await runs('replay')).toBe(1);
  });

  it('refuses the same key with a different body (422) and leaves the first answer intact', async () => {
    const key = newKey();
    const first = await probe(admin, { note: 'original' }, key).expect(201);
    const res = await probe(admin, { note: 'changed' }, key).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBe('This Idempotency-Key was used with a different request.');
    expect(await runs('changed')).toBe(0);

    const replay = await probe(admin, { note: 'original' }, key).expect(201);
    expect(replay.body).toEqual(first.body);
  });

  it('keeps keys per user: another user with the same key runs normally', async () => {
    const key = newKey();
    const mine = await probe(admin, { note: 'per-user' }, key).expect(201);
    const theirs = await probe(operator, { note: 'per-user' }, key).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await runs('per-user')).toBe(2);

    const theirReplay = await probe(operator, { note: 'per-user' }, key).expect(201);
    expect(theirReplay.body).toEqual(theirs.body);
  });

  it('has one effect for 10 concurrent requests with one key, all answered alike', async () => {
    const key = newKey();
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => probe(admin, { note: 'concurrent', delay_ms: 300 }, key)),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const bodies = new Set(responses.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    expect(await runs('concurrent')).toBe(1);
  });

  it('releases the key when the handler fails, so the same request runs again', async () => {
    const key = newKey();
    const body = { note: 'failing', fail: true };
    const first = await probe(admin, body, key).expect(409);
    expect(first.body.detail).toBe('The probe was asked to fail.');
    const retry = await probe(admin, body, key).expect(409);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await runs('failing', PROBE_FAILURE)).toBe(2);

    const rows = await t.dataSource.query<unknown[]>(
      'SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [admin.id, key],
    );
    expect(rows).toHaveLength(0);
  });

  it('releases the key when the body fails validation', async () => {
    const key = newKey();
    await probe(admin, { note: 'invalid', delay_ms: -1 }, key).expect(422);
    await probe(admin, { note: 'invalid', delay_ms: 0 }, key).expect(201);
    expect(await runs('invalid')).toBe(1);
  });

  /**
   * A claim held by another request's open transaction, on a connection of the test's own:
   * answered (committed with its response), abandoned (rolled back) or cut off (its connection
   * dropped, as when its process dies).
   */
  const holdClaim = async (userId: string, key: string, hash: string) => {
    const holder = new Client({ connectionString: t.database!.url });
    await holder.connect();
    holder.on('error', () => undefined);
    await holder.query('BEGIN');
    const [{ id }] = (
      await holder.query<{ id: string }>(
        `INSERT INTO idempotency_keys (user_id, key, request_hash, expires_at)
         VALUES ($1, $2, $3, now() + interval '1 day') RETURNING id`,
        [userId, key, hash],
      )
    ).rows;
    const pid = await backendPid(holder);
    return {
      /** Resolves once a request waits for this claim's row lock. */
      waited: () =>
        waitForSessions(
          t.dataSource,
          { waitingFor: 'lock', blockedBy: pid },
          { description: `a request to wait for the key claimed by backend ${pid}` },
        ),
      answer: async (status: number, body: unknown) => {
        await holder.query(
          'UPDATE idempotency_keys SET response_status = $2, response_body = $3 WHERE id = $1',
          [id, status, JSON.stringify(body)],
        );
        await holder.query('COMMIT');
        await holder.end();
      },
      abandon: async () => {
        await holder.query('ROLLBACK');
        await holder.end();
      },
      cutOff: async () => {
        await t.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
      },
    };
  };

  it('waits for a request holding the key and replays its answer once committed', async () => {
    const key = newKey();
    const body = { note: 'waiting' };
    const held = await holdClaim(admin.id, key, hashOf(body));

    const pending = probe(admin, body, key).then((res) => res);
    await held.waited();
    await held.answer(201, { id: 'from-the-first', echo: 'waiting' });
    const res = await pending;
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 'from-the-first', echo: 'waiting' });
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(await runs('waiting')).toBe(0);
  });

  it.each([
    ['fails (rolls back)', 'abandon'],
    ['dies (its connection drops)', 'cutOff'],
  ] as const)('runs a waiting request itself when the one holding the key %s', async (_n, end) => {
    const key = newKey();
    const note = `takeover-${end}`;
    const body = { note };
    const held = await holdClaim(admin.id, key, hashOf(body));

    const pending = probe(admin, body, key).then((res) => res);
    await held.waited();
    await held[end]();
    const res = await pending;
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
    expect(await runs(note)).toBe(1);
  });

  it('gives up waiting with a 409 when the key stays held past the lock timeout', async () => {
    const key = newKey();
    const body = { note: 'held' };
    const held = await holdClaim(admin.id, key, hashOf(body));
    try {
      const res = await probe(admin, body, key).expect(409);
      expect(res.body.detail).toBe(
        'A request with this Idempotency-Key is still being processed. Retry shortly.',
      );
      expect(await runs('held')).toBe(0);
    } finally {
      await held.abandon();
    }
  });

  it('stores the answer in the transaction of the effect: a failed commit leaves neither', async () => {
    const key = newKey();
    // A deferred constraint fails at COMMIT, after the handler and the stored answer.
    await t.dataSource.query(`
      CREATE OR REPLACE FUNCTION probe_refuse_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.after->>'echo' = 'refused-at-commit' THEN
          RAISE EXCEPTION 'refused at commit' USING ERRCODE = '23514';
        END IF;
        RETURN NULL;
      END $$;
      DROP TRIGGER IF EXISTS probe_refuse_commit ON audit_events;
      CREATE CONSTRAINT TRIGGER probe_refuse_commit AFTER INSERT ON audit_events
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION probe_refuse_commit();
    `);
    try {
      const res = await probe(admin, { note: 'refused-at-commit' }, key);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(await runs('refused-at-commit')).toBe(0);
      const rows = await t.dataSource.query<unknown[]>(
        'SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [admin.id, key],
      );
      expect(rows).toHaveLength(0);
    } finally {
      await t.dataSource.query('DROP TRIGGER probe_refuse_commit ON audit_events');
    }
  });

  it('ignores expired keys, even for a different body, and purges them', async () => {
    const key = newKey();
    const first = await probe(admin, { note: 'expiring' }, key).expect(201);
    await t.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND key = $2`,
      [admin.id, key],
    );
    const rerun = await probe(admin, { note: 'expiring' }, key).expect(201);
    expect(rerun.headers['idempotent-replayed']).toBeUndefined();
    expect(rerun.body.id).not.toBe(first.body.id);
    expect(await runs('expiring')).toBe(2);

    await t.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND key = $2`,
      [admin.id, key],
    );
    await probe(admin, { note: 'expiring-other' }, key).expect(201);
    expect(await runs('expiring-other')).toBe(1);

    await t.dataSource.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
        WHERE user_id = $1 AND key = $2`,
      [admin.id, key],
    );
    const liveKey = newKey();
    await probe(admin, { note: 'still-live' }, liveKey).expect(201);
    expect(await t.app.get(IdempotencyService).purgeExpired()).toBe(1);
    const left = await t.dataSource.query<{ key: string; expired: boolean }[]>(
      'SELECT key, expires_at <= now() AS expired FROM idempotency_keys WHERE key IN ($1, $2)',
      [key, liveKey],
    );
    expect(left).toEqual([{ key: liveKey, expired: false }]);
  });

  it.each([
    ['an empty key', ''],
    ['a key of 201 characters', 'k'.repeat(201)],
    ['a key with a space', 'two words'],
  ])('answers 422 for %s, without running the handler', async (_name, key) => {
    const note = `bad-header-${key.length}`;
    const res = await probe(admin, { note }, key).expect(422);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await runs(note)).toBe(0);
  });

  it('accepts a key of 200 visible characters', async () => {
    const key = `${'~'.repeat(100)}${'Z'.repeat(99)}!`;
    await probe(admin, { note: 'long-key' }, key).expect(201);
    const replay = await probe(admin, { note: 'long-key' }, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('behaves normally without the header: two calls, two effects', async () => {
    const first = await probe(admin, { note: 'no-header' }).expect(201);
    const second = await probe(admin, { note: 'no-header' }).expect(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(await runs('no-header')).toBe(2);
  });

  it('still requires a signed-in caller', async () => {
    await request(t.server)
      .post(PROBE)
      .set('Idempotency-Key', newKey())
      .send({ note: 'anonymous' })
      .expect(401);
  });

  it('documents the header and its 422 and 409 answers in OpenAPI', async () => {
    const res = await request(t.server).get('/docs-json').expect(200);
    const operation = res.body.paths[PROBE].post;
    expect(operation.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }),
    );
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
  });
});
