import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { HOUSEKEEPING_LOCK_KEY, HousekeepingService } from 'src/housekeeping/housekeeping.service';
import { OutboxService } from 'src/mail/outbox.service';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, seedRoles } from './helpers/factories';
import { IdempotencyProbeModule } from './helpers/idempotency-probe.module';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitForValue } from './helpers/wait-for';

/** The worker stays off: these rows change only as each test says. */
const ENV = { OUTBOX_WORKER_ENABLED: 'false', OUTBOX_RETENTION_DAYS: '30' };

interface Aged {
  /** Sent 31 days ago: past retention. */
  oldSent: string;
  /** Given up on 45 days ago: past retention. */
  oldFailed: string;
  /** Sent 29 days ago: kept. */
  recentSent: string;
  /** Waiting for 60 days (SMTP down that long): never purged, it is not finished. */
  oldPending: string;
  /** Idempotency keys: one expired an hour ago, one live. */
  expiredKey: string;
  liveKey: string;
}

describe('housekeeping', () => {
  let t: TestApp;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: ENV, imports: [IdempotencyProbeModule] });
    await seedRoles(t.dataSource);
    const admin = await makeUser(t.dataSource, { role: RoleName.Admin });
    userId = admin.user.id;
    token = await login(t.server, admin.email);
  });
  afterAll(() => t.close());

  /** Enqueues one email and sets its state and times as if it had aged. */
  const agedMail = async (status: string, daysAgo: number): Promise<string> => {
    const outbox = t.app.get(OutboxService);
    const saved = await t.dataSource.transaction((manager) =>
      outbox.enqueue(manager, {
        recipient: `aged-${randomUUID().slice(0, 8)}@example.com`,
        subject: 'Aged',
        text: 'text',
        html: '<p>html</p>',
        subjectType: 'test',
        subjectId: randomUUID(),
      }),
    );
    await t.dataSource.query(
      `UPDATE outbox_messages
          SET status = $2::outbox_status,
              sent_at = CASE WHEN $2 = 'SENT' THEN now() - make_interval(days => $3) END,
              created_at = now() - make_interval(days => $3 + 1),
              updated_at = now() - make_interval(days => $3)
        WHERE id = $1`,
      [saved.id, status, daysAgo],
    );
    return saved.id;
  };

  /** A real idempotent request, its key then aged past (or kept within) its lifetime. */
  const agedKey = async (expired: boolean): Promise<string> => {
    const key = `housekeeping-${randomUUID()}`;
    await request(t.server)
      .post('/__probe/idempotent')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', key)
      .send({ note: key })
      .expect(201);
    if (expired) {
      await t.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 hour'
          WHERE user_id = $1 AND key = $2`,
        [userId, key],
      );
    }
    return key;
  };

  const makeAged = async (): Promise<Aged> => ({
    oldSent: await agedMail('SENT', 31),
    oldFailed: await agedMail('FAILED', 45),
    recentSent: await agedMail('SENT', 29),
    oldPending: await agedMail('PENDING', 60),
    expiredKey: await agedKey(true),
    liveKey: await agedKey(false),
  });

  const remaining = async (aged: Aged) => {
    const mail = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM outbox_messages WHERE id = ANY($1::uuid[])',
      [[aged.oldSent, aged.oldFailed, aged.recentSent, aged.oldPending]],
    );
    const keys = await t.dataSource.query<{ key: string }[]>(
      'SELECT key FROM idempotency_keys WHERE user_id = $1 AND key = ANY($2)',
      [userId, [aged.expiredKey, aged.liveKey]],
    );
    return {
      mail: mail.map((r) => r.id).sort(),
      keys: keys.map((r) => r.key).sort(),
    };
  };

  const survivors = (aged: Aged) => ({
    mail: [aged.recentSent, aged.oldPending].sort(),
    keys: [aged.liveKey],
  });

  it('purges finished mail past retention and expired idempotency keys, keeping the rest', async () => {
    const aged = await makeAged();
    expect((await remaining(aged)).mail).toHaveLength(4);

    const report = await t.app.get(HousekeepingService).runOnce();

    expect(report).toEqual({ mail: 2, idempotencyKeys: 1 });
    expect(await remaining(aged)).toEqual(survivors(aged));
  });

  it('runs on its own when an instance starts, even on a pool of one connection', async () => {
    const aged = await makeAged();
    // A second instance on the same database: its first pass comes at start, unasked. With a
    // pool of one connection, so the pass never needs two at once.
    const second = await createTestApp({
      env: { ...ENV, DATABASE_POOL_SIZE: '1', DATABASE_CONNECT_TIMEOUT_MS: '1000' },
      databaseUrl: t.database!.url,
    });
    try {
      await waitForValue(
        () => remaining(aged),
        (left) => left.keys.length <= 1,
        { description: 'the second instance’s first pass to purge' },
      );
      expect(await remaining(aged)).toEqual(survivors(aged));
    } finally {
      await second.close();
    }
  });

  it('lets one instance at a time purge: a pass skips while another holds the lock', async () => {
    const aged = await makeAged();
    const other = new Client({ connectionString: t.database!.url });
    await other.connect();
    try {
      // Another instance in the middle of its pass.
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [HOUSEKEEPING_LOCK_KEY]);
      await expect(t.app.get(HousekeepingService).runOnce()).resolves.toBeNull();
      expect((await remaining(aged)).mail).toHaveLength(4);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    await expect(t.app.get(HousekeepingService).runOnce()).resolves.toEqual({
      mail: 2,
      idempotencyKeys: 1,
    });
    expect(await remaining(aged)).toEqual(survivors(aged));
  });
});
