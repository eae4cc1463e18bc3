import type { LoggerService } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import request from 'supertest';
import { MailModule } from 'src/mail/mail.module';
import { OutboxStatus } from 'src/mail/outbox-status.enum';
import { OutboxService, type NewOutboxMessage } from 'src/mail/outbox.service';
import {
  startSmtpCapture,
  unusedPort,
  type CapturedMail,
  type SmtpCapture,
} from './helpers/smtp-capture';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitForValue } from './helpers/wait-for';

interface OutboxRow {
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  /** next_attempt_at is in the future: claimed (leased) or waiting for a retry. */
  deferred: boolean;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let sequence = 0;
function newMessage(overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  sequence += 1;
  return {
    recipient: `person${sequence}.${randomUUID().slice(0, 8)}@example.com`,
    subject: `Welcome aboard #${sequence}`,
    text: `Accept: http://localhost:5173/accept-invitation?token=tok-${sequence}`,
    html: `<p>Accept: <a href="http://localhost:5173/accept-invitation?token=tok-${sequence}">link</a></p>`,
    subjectType: 'test',
    subjectId: randomUUID(),
    ...overrides,
  };
}

const smtpEnv = (port: number, extra: Record<string, string> = {}): Record<string, string> => ({
  EMAIL_HOST: '127.0.0.1',
  EMAIL_PORT: String(port),
  OUTBOX_POLL_INTERVAL_MS: '100',
  ...extra,
});

const to =
  (recipient: string) =>
  (mail: CapturedMail): boolean =>
    mail.to.includes(recipient);

async function bootWithMail(env: Record<string, string>, databaseUrl?: string) {
  const t = await createTestApp({ env, databaseUrl, imports: [MailModule] });
  return { t, outbox: t.app.get(OutboxService) };
}

/** Enqueues in a transaction that commits, then wakes the worker, as a domain service does. */
async function enqueueCommitted(t: TestApp, outbox: OutboxService, message: NewOutboxMessage) {
  const saved = await t.dataSource.transaction((manager) => outbox.enqueue(manager, message));
  outbox.wake();
  return saved;
}

async function outboxRow(t: TestApp, id: string): Promise<OutboxRow> {
  const rows = await t.dataSource.query<OutboxRow[]>(
    `SELECT status, attempts, last_error, sent_at, next_attempt_at > now() AS deferred
       FROM outbox_messages WHERE id = $1`,
    [id],
  );
  if (!rows[0]) throw new Error(`No outbox row ${id}`);
  return rows[0];
}

/** What the outbox keeps of a message's content. */
async function storedBodies(t: TestApp, id: string): Promise<{ text: string; html: string }> {
  const [row] = await t.dataSource.query<{ text_body: string; html_body: string }[]>(
    'SELECT text_body, html_body FROM outbox_messages WHERE id = $1',
    [id],
  );
  return { text: row.text_body, html: row.html_body };
}

/** The stored bodies keep the link's shape, never its token. */
async function expectRedacted(t: TestApp, id: string, message: NewOutboxMessage): Promise<void> {
  const liveToken = /token=(tok-\d+)/.exec(message.text)![1];
  const stored = await storedBodies(t, id);
  for (const body of [stored.text, stored.html]) {
    expect(body).not.toContain(liveToken);
    expect(body).toContain('http://localhost:5173/accept-invitation?token=[redacted]');
  }
}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private keep(message: unknown): void {
    this.lines.push(typeof message === 'string' ? message : JSON.stringify(message));
  }
  log(message: unknown): void {
    this.keep(message);
  }
  error(message: unknown): void {
    this.keep(message);
  }
  warn(message: unknown): void {
    this.keep(message);
  }
}

describe('mail outbox', () => {
  describe('with a working SMTP server', () => {
    let smtp: SmtpCapture;
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      smtp = await startSmtpCapture();
      ({ t, outbox } = await bootWithMail(smtpEnv(smtp.port)));
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('delivers a message enqueued in a committed transaction, subject, text and HTML intact', async () => {
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);
      expect(saved).toMatchObject({
        id: expect.any(String),
        recipient: message.recipient,
        subject: message.subject,
        textBody: message.text,
        htmlBody: message.html,
        subjectType: 'test',
        subjectId: message.subjectId,
        status: OutboxStatus.Pending,
        attempts: 0,
        lastError: null,
        sentAt: null,
      });
      expect(saved.createdAt).toBeInstanceOf(Date);

      const mail = await smtp.waitFor(to(message.recipient));
      expect(mail.from).toBe(t.config.mail.sender);
      expect(mail.parsed.subject).toBe(message.subject);
      expect(mail.parsed.text?.trim()).toBe(message.text);
      expect(mail.parsed.html).toContain('token=tok-');
      expect(mail.parsed.html).toContain(message.html);

      const row = await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Sent,
        { description: 'the message to be SENT' },
      );
      expect(row.sent_at).toBeInstanceOf(Date);
      expect(row.attempts).toBe(0);
      expect(row.last_error).toBeNull();
    });

    it('keeps a sent email without its link token: the stored copy cannot be used to sign in', async () => {
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);
      const mail = await smtp.waitFor(to(message.recipient));
      expect(mail.parsed.text?.trim()).toBe(message.text);
      await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Sent,
        { description: 'the message to be SENT' },
      );
      await expectRedacted(t, saved.id, message);
    });

    it('sends nothing when the transaction rolls back', async () => {
      const rolledBack = newMessage();
      await expect(
        t.dataSource.transaction(async (manager) => {
          await outbox.enqueue(manager, rolledBack);
          throw new Error('the change was refused');
        }),
      ).rejects.toThrow('the change was refused');
      outbox.wake();

      // A later committed message arriving proves the worker ran after the rollback.
      const later = newMessage();
      await enqueueCommitted(t, outbox, later);
      await smtp.waitFor(to(later.recipient));
      expect(smtp.messages.filter(to(rolledBack.recipient))).toHaveLength(0);
      const rows = await t.dataSource.query<unknown[]>(
        'SELECT id FROM outbox_messages WHERE subject_id = $1',
        [rolledBack.subjectId],
      );
      expect(rows).toHaveLength(0);
    });

    it('refuses to enqueue outside a transaction', async () => {
      await expect(outbox.enqueue(t.dataSource.manager, newMessage())).rejects.toThrow(
        /transaction/,
      );
    });

    it('reports the latest email of each subject, and nothing for subjects without one', async () => {
      const invitation = randomUUID();
      const delivered = randomUUID();
      const without = randomUUID();
      const first = newMessage({ subjectId: invitation });
      const resent = newMessage({ subjectId: invitation });
      const other = newMessage({ subjectId: delivered });
      await t.dataSource.transaction(async (manager) => {
        await outbox.enqueue(manager, first);
        const latest = await outbox.enqueue(manager, resent);
        // Keeps the latest one waiting, so it differs from the first (which is sent).
        await manager.query(
          `UPDATE outbox_messages SET next_attempt_at = now() + interval '1 hour' WHERE id = $1`,
          [latest.id],
        );
        await outbox.enqueue(manager, other);
      });
      outbox.wake();
      await smtp.waitFor(to(first.recipient));
      await smtp.waitFor(to(other.recipient));

      const report = await waitForValue(
        () => outbox.deliveryStatus('test', [invitation, delivered, without, delivered]),
        (r) => r.get(delivered)?.status === 'SENT',
        { description: 'the delivered invitation to be reported SENT' },
      );
      expect([...report.keys()].sort()).toEqual([invitation, delivered].sort());
      expect(report.get(invitation)).toEqual({
        status: 'PENDING',
        attempts: 0,
        last_error: null,
        sent_at: null,
      });
      expect(report.get(delivered)).toEqual({
        status: 'SENT',
        attempts: 0,
        last_error: null,
        sent_at: expect.stringMatching(ISO_DATE),
      });
      expect((await outbox.deliveryStatus('other-type', [delivered])).size).toBe(0);
      expect((await outbox.deliveryStatus('test', [])).size).toBe(0);
    });

    it('sends each message exactly once when two instances share the outbox', async () => {
      const second = await bootWithMail(smtpEnv(smtp.port), t.database!.url);
      try {
        const batch = Array.from({ length: 24 }, () => newMessage());
        await t.dataSource.transaction(async (manager) => {
          for (const message of batch) await outbox.enqueue(manager, message);
        });
        outbox.wake();
        second.outbox.wake();
        await Promise.all(batch.map((m) => smtp.waitFor(to(m.recipient), 10_000)));
        await waitForValue(
          () =>
            t.dataSource.query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM outbox_messages
                WHERE subject_id = ANY($1::uuid[]) AND status = 'SENT'`,
              [batch.map((m) => m.subjectId)],
            ),
          (rows) => rows[0].n === batch.length,
          { description: 'every message of the batch to be SENT' },
        );
        // Nothing to wait for: a duplicate would show up within three poll intervals, if at all.
        await sleep(300);
        for (const message of batch) {
          expect(smtp.messages.filter(to(message.recipient))).toHaveLength(1);
        }
      } finally {
        await second.t.close();
      }
    });
  });

  describe('with a slow SMTP server (10 s to answer)', () => {
    let smtp: SmtpCapture;
    let t: TestApp;
    let outbox: OutboxService;
    let closed = false;
    beforeAll(async () => {
      smtp = await startSmtpCapture({ delayMs: 10_000 });
      ({ t, outbox } = await bootWithMail(smtpEnv(smtp.port, { EMAIL_TIMEOUT_MS: '15000' })));
    });
    afterAll(async () => {
      if (!closed) await t.close();
      await smtp.close();
    });

    it('returns from enqueue at once; the message arrives later, no transaction or lock held meanwhile', async () => {
      const message = newMessage();
      const started = Date.now();
      const saved = await enqueueCommitted(t, outbox, message);
      // Committed and returned while the server has accepted nothing: enqueue never waits on SMTP.
      expect(smtp.messages.filter(to(message.recipient))).toHaveLength(0);

      // The SMTP server holds the message: the send is in flight.
      await waitForValue(
        () => Promise.resolve(smtp.pendingReplies()),
        (n) => n === 1,
        { description: 'the SMTP server to hold one reply' },
      );
      // A request that needs the database completes while the send is still held by the server.
      await request(t.server).get('/health/ready').expect(200);
      expect(smtp.pendingReplies()).toBe(1);

      const inFlight = await outboxRow(t, saved.id);
      expect(inFlight).toMatchObject({ status: OutboxStatus.Pending, attempts: 0, deferred: true });
      const [{ n: idleInTransaction }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(idleInTransaction).toBe(0);
      // Nobody holds the row: another transaction can lock it without waiting.
      await t.dataSource.transaction((manager) =>
        manager.query('SELECT id FROM outbox_messages WHERE id = $1 FOR UPDATE NOWAIT', [saved.id]),
      );

      await smtp.waitFor(to(message.recipient), 15_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      const row = await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Sent,
        { description: 'the message to be SENT' },
      );
      expect(row.attempts).toBe(0);
    }, 40_000);

    it('lets the send in flight finish and records it when the app shuts down', async () => {
      smtp.setDelay(1_500);
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);
      await waitForValue(
        () => Promise.resolve(smtp.pendingReplies()),
        (n) => n === 1,
        { description: 'the SMTP server to hold one reply' },
      );
      closed = true;
      await t.app.close();

      expect(smtp.messages.filter(to(message.recipient))).toHaveLength(1);
      const client = new Client({ connectionString: t.database!.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string }>(
          'SELECT status FROM outbox_messages WHERE id = $1',
          [saved.id],
        );
        expect(rows[0]?.status).toBe('SENT');
      } finally {
        await client.end();
        await t.database!.drop();
      }
    });
  });

  describe('with the SMTP server down', () => {
    let port: number;
    let smtp: SmtpCapture | undefined;
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      port = await unusedPort();
      ({ t, outbox } = await bootWithMail(smtpEnv(port, { EMAIL_TIMEOUT_MS: '1000' })));
    });
    afterAll(async () => {
      await t.close();
      await smtp?.close();
    });

    it('keeps the message pending with growing attempts, then delivers it once the server is back', async () => {
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);

      const failing = await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.attempts >= 2,
        { description: 'a second attempt at the message' },
      );
      expect(failing).toMatchObject({
        status: OutboxStatus.Pending,
        deferred: true,
        sent_at: null,
      });
      expect(failing.last_error).toMatch(/ECONNREFUSED/);
      const pending = (await outbox.deliveryStatus('test', [message.subjectId])).get(
        message.subjectId,
      );
      expect(pending).toEqual({
        status: 'PENDING',
        attempts: expect.any(Number),
        last_error: expect.stringMatching(/ECONNREFUSED/),
        sent_at: null,
      });
      expect(pending!.attempts).toBeGreaterThanOrEqual(2);

      smtp = await startSmtpCapture({ port });
      const mail = await smtp.waitFor(to(message.recipient), 15_000);
      expect(mail.parsed.subject).toBe(message.subject);
      const sent = await waitForValue(
        () => outbox.deliveryStatus('test', [message.subjectId]),
        (r) => r.get(message.subjectId)?.status === 'SENT',
        { description: 'the message to be reported SENT' },
      );
      expect(sent.get(message.subjectId)).toMatchObject({
        status: 'SENT',
        sent_at: expect.stringMatching(ISO_DATE),
      });
      expect(sent.get(message.subjectId)!.attempts).toBeGreaterThanOrEqual(2);
    }, 30_000);
  });

  describe('with an SMTP server that refuses messages', () => {
    const password = 'smtp-password-not-for-logs';
    let smtp: SmtpCapture;
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      smtp = await startSmtpCapture({
        auth: { user: 'no-reply@coldstore.local', pass: password },
      });
      smtp.refuse(true);
      ({ t, outbox } = await bootWithMail(
        smtpEnv(smtp.port, { EMAIL_PASSWORD: password, OUTBOX_MAX_ATTEMPTS: '2' }),
      ));
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('marks the message FAILED after the last attempt, with a short error and no credentials', async () => {
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);

      const failed = await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Failed,
        { description: 'the message to be FAILED' },
      );
      expect(failed.attempts).toBe(2);
      expect(failed.last_error).toMatch(/451/);
      expect(failed.last_error).not.toContain(password);
      expect(failed.last_error!.length).toBeLessThanOrEqual(300);
      // Given up on: its link is not kept either.
      await expectRedacted(t, saved.id, message);
      expect(
        (await outbox.deliveryStatus('test', [message.subjectId])).get(message.subjectId),
      ).toEqual({ status: 'FAILED', attempts: 2, last_error: failed.last_error, sent_at: null });
      expect(smtp.logins.length).toBeGreaterThanOrEqual(2);

      // FAILED is final: a server that accepts again does not get it.
      smtp.refuse(false);
      outbox.wake();
      // Nothing to wait for: a resend would happen within five poll intervals, if at all.
      await sleep(500);
      expect(smtp.messages.filter(to(message.recipient))).toHaveLength(0);
      expect(
        (await outbox.deliveryStatus('test', [message.subjectId])).get(message.subjectId),
      ).toMatchObject({ status: 'FAILED' });
    });

    it('authenticates as the sender with EMAIL_PASSWORD', async () => {
      smtp.refuse(false);
      const message = newMessage();
      await enqueueCommitted(t, outbox, message);
      await smtp.waitFor(to(message.recipient));
      expect(new Set(smtp.logins)).toEqual(new Set([t.config.mail.sender]));
    });
  });

  describe('without EMAIL_HOST', () => {
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      ({ t, outbox } = await bootWithMail({}));
    });
    afterAll(() => t.close());

    it('writes the message to the log and marks it SENT', async () => {
      const logger = new CapturingLogger();
      t.app.useLogger(logger);
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);

      await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Sent,
        { description: 'the message to be SENT' },
      );
      const logged = logger.lines.find((line) => line.includes(message.recipient));
      expect(logged).toBeDefined();
      expect(logged).toContain(message.subject);
      expect(logged).toContain(message.text);
      await expectRedacted(t, saved.id, message);
    });
  });

  describe('without EMAIL_HOST in production', () => {
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      ({ t, outbox } = await bootWithMail({
        NODE_ENV: 'production',
        SECRET_KEY: randomBytes(32).toString('hex'),
      }));
    });
    afterAll(() => t.close());

    it('sends nothing, logs neither the link nor the address, and marks the message FAILED at once', async () => {
      const logger = new CapturingLogger();
      t.app.useLogger(logger);
      const message = newMessage({ recipient: `jane.${randomUUID().slice(0, 8)}@example.com` });
      const saved = await enqueueCommitted(t, outbox, message);

      const row = await waitForValue(
        () => outboxRow(t, saved.id),
        (r) => r.status === OutboxStatus.Failed,
        { description: 'the message to be FAILED' },
      );
      expect(row).toMatchObject({ attempts: 1, last_error: 'Not sent: EMAIL_HOST is not set' });
      await expectRedacted(t, saved.id, message);

      const logged = logger.lines.join('\n');
      expect(logged).toContain(
        `Email ${saved.id} (test) to j***@example.com not sent: EMAIL_HOST is not set`,
      );
      expect(logged).not.toContain(message.recipient);
      expect(logged).not.toContain('token=tok-');
      expect(logged).not.toContain(message.subject);
    });
  });

  describe('with the worker disabled', () => {
    let smtp: SmtpCapture;
    let t: TestApp;
    let outbox: OutboxService;
    beforeAll(async () => {
      smtp = await startSmtpCapture();
      ({ t, outbox } = await bootWithMail(smtpEnv(smtp.port, { OUTBOX_WORKER_ENABLED: 'false' })));
    });
    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('leaves messages in the outbox for another instance to send', async () => {
      const message = newMessage();
      const saved = await enqueueCommitted(t, outbox, message);
      // Nothing to wait for: an enabled worker would have sent it within this time.
      await sleep(500);
      expect(await outboxRow(t, saved.id)).toMatchObject({
        status: OutboxStatus.Pending,
        attempts: 0,
      });
      expect(smtp.messages).toHaveLength(0);
    });
  });
});
