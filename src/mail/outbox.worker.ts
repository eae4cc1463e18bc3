import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { MailerService } from '@nestjs-modules/mailer';
import type { DataSource } from 'typeorm';
import type { AppConfig, MailSettings } from 'src/config/configuration';
import { sendTimeoutMs } from './mailer-options';
import { OutboxStatus } from './outbox-status.enum';
import { describeSendError, retryDelayMs } from './outbox-retry';
import { maskRecipient, redactLinkTokens } from './redaction';

/** Sends in flight per instance, and so the largest batch one claim takes. */
const MAX_IN_FLIGHT = 5;
/** Added to the send bound so a lease never runs out while its send can still succeed. */
const LEASE_MARGIN_MS = 60_000;

interface ClaimedMessage {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  subject_type: string;
  attempts: number;
  /** next_attempt_at as this claim set it: an outcome is recorded only while the lease holds. */
  lease: string;
}

/*
 * A claim is one query (its own short transaction): it locks due rows with SKIP LOCKED, so
 * instances never take the same row, and pushes next_attempt_at past the send as a lease. The
 * SMTP conversation then runs with no transaction or lock held; if the process dies mid-send,
 * the row simply becomes due again when the lease ends.
 */
const CLAIM_SQL = `
  UPDATE outbox_messages AS m
     SET next_attempt_at = now() + $2 * interval '1 millisecond', updated_at = now()
    FROM (SELECT id FROM outbox_messages
           WHERE status = 'PENDING' AND next_attempt_at <= now()
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED) AS due
   WHERE m.id = due.id
  RETURNING m.id, m.recipient, m.subject, m.text_body, m.html_body, m.subject_type, m.attempts,
            m.next_attempt_at::text AS lease`;

/* A finished message keeps its bodies with link tokens redacted ($3, $4): never a live link. */
const MARK_SENT_SQL = `
  UPDATE outbox_messages
     SET status = 'SENT', sent_at = now(), updated_at = now(), text_body = $3, html_body = $4
   WHERE id = $1 AND status = 'PENDING' AND next_attempt_at = $2::timestamptz`;

/* $7 and $8 are the redacted bodies when the message is given up on, null while it is retried. */
const MARK_FAILED_SQL = `
  UPDATE outbox_messages
     SET attempts = $3, last_error = $4, status = $5::outbox_status,
         next_attempt_at = now() + $6 * interval '1 millisecond', updated_at = now(),
         text_body = coalesce($7, text_body), html_body = coalesce($8, html_body)
   WHERE id = $1 AND status = 'PENDING' AND next_attempt_at = $2::timestamptz`;

/** Why a message was dropped without a try: production never writes a link to the log. */
const NOT_SENT_WITHOUT_HOST = 'Not sent: EMAIL_HOST is not set';

/**
 * Sends the outbox: polls for due messages, sends each through SMTP (or to the log without
 * EMAIL_HOST) and records the outcome, retrying failures with exponential backoff. Request
 * handlers never wait on it; they only enqueue and wake it.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxWorker.name);
  private readonly mail: MailSettings;
  private readonly production: boolean;
  private readonly leaseMs: number;
  private readonly drainTimeoutMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> | undefined;
  private wokenWhileClaiming = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.mail = config.get('mail', { infer: true });
    this.production = config.get('app', { infer: true }).env === 'production';
    this.leaseMs = sendTimeoutMs(this.mail) + LEASE_MARGIN_MS;
    // Half the shutdown budget: draining HTTP requests and closing the pool need the rest.
    this.drainTimeoutMs = Math.min(
      sendTimeoutMs(this.mail),
      Math.floor(config.get('app', { infer: true }).shutdownTimeoutMs / 2),
    );
  }

  onApplicationBootstrap(): void {
    if (!this.mail.outboxWorkerEnabled) return;
    this.running = true;
    if (!this.mail.host) {
      this.logger.warn(
        this.production
          ? 'EMAIL_HOST is not set: outgoing emails are not sent (marked FAILED, never logged)'
          : 'EMAIL_HOST is not set: outgoing emails are written to the log',
      );
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    if (!this.claiming && this.inFlight.size === 0) return;
    // A claim under way may still start sends: wait for it before collecting them.
    const drain = async (): Promise<true> => {
      await this.claiming;
      await Promise.allSettled([...this.inFlight]);
      return true;
    };
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      drain(),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => {
          resolve(false);
        }, this.drainTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      this.logger.warn(
        `Stopped with ${this.inFlight.size} email(s) still sending; they are retried once their lease ends`,
      );
    }
  }

  /** Claims due messages now rather than at the next poll. */
  wake(): void {
    if (this.running) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.poll();
    }, delayMs);
    // The worker alone never keeps a process (a CLI command, a test) alive.
    this.timer.unref();
  }

  private poll(): void {
    if (this.claiming) {
      this.wokenWhileClaiming = true;
      return;
    }
    this.claiming = this.claimAndSend()
      .catch((error: unknown) => {
        this.logger.warn(`Outbox poll failed: ${describeSendError(error)}`);
      })
      .finally(() => {
        this.claiming = undefined;
        if (!this.running) return;
        const again = this.wokenWhileClaiming;
        this.wokenWhileClaiming = false;
        this.schedule(again ? 0 : this.mail.outboxPollIntervalMs);
      });
  }

  private async claimAndSend(): Promise<void> {
    const free = MAX_IN_FLIGHT - this.inFlight.size;
    if (free <= 0) return;
    const runner = this.dataSource.createQueryRunner();
    let claimed: ClaimedMessage[];
    try {
      claimed = (await runner.query(CLAIM_SQL, [free, this.leaseMs], true))
        .records as ClaimedMessage[];
    } finally {
      await runner.release();
    }
    // A full batch means more may be due: claim again as soon as a send frees its slot.
    const backlog = claimed.length === free;
    for (const message of claimed) {
      const sending: Promise<void> = this.deliver(message).finally(() => {
        this.inFlight.delete(sending);
        if (backlog) this.wake();
      });
      this.inFlight.add(sending);
    }
  }

  /** Sends one claimed message and records the outcome; never rejects. */
  private async deliver(message: ClaimedMessage): Promise<void> {
    const dropped = !this.mail.host && this.production;
    let failure: { error: unknown } | null = null;
    try {
      if (!dropped) await this.send(message);
    } catch (error) {
      failure = { error };
    }
    if (!this.dataSource.isInitialized) {
      this.logger.warn(`Email ${message.id}: database closed before its outcome was recorded`);
      return;
    }
    try {
      if (dropped) await this.recordDropped(message);
      else if (failure) await this.recordFailure(message, failure.error);
      else await this.recordSent(message);
    } catch (error) {
      this.logger.error(
        `Email ${message.id}: outcome not recorded (${describeSendError(error)}); it is tried again once its lease ends`,
      );
    }
  }

  private async send(message: ClaimedMessage): Promise<void> {
    if (!this.mail.host) {
      // Development without SMTP (production never gets here): the log is the mailbox.
      this.logger.log(
        `Email to ${message.recipient} (EMAIL_HOST not set, not sent)\n` +
          `Subject: ${message.subject}\n\n${message.text_body}`,
      );
      return;
    }
    // The sender is set here: the mailer's `defaults` type (nodemailer 10) has no `from`.
    await this.mailer.sendMail({
      from: this.mail.sender,
      to: message.recipient,
      subject: message.subject,
      text: message.text_body,
      html: message.html_body,
    });
  }

  private async recordSent(message: ClaimedMessage): Promise<void> {
    const updated = await this.update(MARK_SENT_SQL, [
      message.id,
      message.lease,
      redactLinkTokens(message.text_body),
      redactLinkTokens(message.html_body),
    ]);
    if (!updated) {
      this.logger.warn(`Email ${message.id} was sent after its lease ended; it may arrive twice`);
      return;
    }
    this.logger.log(`Email ${message.id} (${message.subject_type}) sent`);
  }

  private async recordFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const attempts = message.attempts + 1;
    const exhausted = attempts >= this.mail.outboxMaxAttempts;
    const lastError = describeSendError(error, this.mail.password);
    const delayMs = exhausted ? 0 : retryDelayMs(attempts);
    const updated = await this.markFailed(message, attempts, lastError, exhausted, delayMs);
    if (!updated) return; // another instance took it over after the lease ended
    if (exhausted) {
      this.logger.error(`Email ${message.id} failed after ${attempts} attempts: ${lastError}`);
    } else {
      this.logger.warn(
        `Email ${message.id} attempt ${attempts}/${this.mail.outboxMaxAttempts} failed: ${lastError}; ` +
          `retrying in ${Math.ceil(delayMs / 1000)} s`,
      );
    }
  }

  /** Production without SMTP: given up on at once, its link neither kept nor logged. */
  private async recordDropped(message: ClaimedMessage): Promise<void> {
    const attempts = message.attempts + 1;
    if (!(await this.markFailed(message, attempts, NOT_SENT_WITHOUT_HOST, true, 0))) return;
    this.logger.warn(
      `Email ${message.id} (${message.subject_type}) to ${maskRecipient(message.recipient)} not sent: EMAIL_HOST is not set`,
    );
  }

  /** Records a failed attempt; the last one also redacts the stored bodies. */
  private markFailed(
    message: ClaimedMessage,
    attempts: number,
    lastError: string,
    exhausted: boolean,
    delayMs: number,
  ): Promise<boolean> {
    return this.update(MARK_FAILED_SQL, [
      message.id,
      message.lease,
      attempts,
      lastError,
      exhausted ? OutboxStatus.Failed : OutboxStatus.Pending,
      delayMs,
      exhausted ? redactLinkTokens(message.text_body) : null,
      exhausted ? redactLinkTokens(message.html_body) : null,
    ]);
  }

  /** Runs an UPDATE and tells whether it changed the row. */
  private async update(sql: string, parameters: unknown[]): Promise<boolean> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const result = await runner.query(sql, parameters, true);
      return result.affected === 1;
    } finally {
      await runner.release();
    }
  }
}
