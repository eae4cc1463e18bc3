import { Logger } from '@nestjs/common';
import type { Client, ClientConfig, Notification } from 'pg';

export const PRINCIPAL_CHANNEL = 'principal_changed';

const HEARTBEAT_MS = 10_000;
const MAX_RETRY_MS = 30_000;

export interface PrincipalChangeHandlers {
  /** A user id, or '*' when any caller may have changed. */
  changed(subject: string): void;
  /** Called with false the moment the connection is lost, with true once listening again. */
  listening(live: boolean): void;
}

/**
 * One connection of its own that LISTENs for the `principal_changed` notifications sent by the
 * database's triggers (migration PrincipalChangeNotifications). A heartbeat finds a connection
 * that died silently; a lost one is reported at once and retried with backoff until stopped.
 */
export class PrincipalChangeListener {
  private readonly logger = new Logger(PrincipalChangeListener.name);
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = 1_000;
  private started = false;
  private stopped = false;
  /** The round trip on the wire now, and the one that will leave after it. */
  private sent: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(
    private readonly config: ClientConfig,
    /** The pool's own client class, so the listening connection is built like the others. */
    private readonly ClientClass: new (config: ClientConfig) => Client,
    private readonly handlers: PrincipalChangeHandlers,
  ) {}

  /** Idempotent; connects in the background. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.detach();
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new this.ClientClass({
      ...this.config,
      application_name: 'coldstore-api-listen',
      // A connection that died without a word fails its heartbeat instead of hanging it.
      query_timeout: HEARTBEAT_MS / 2,
    });
    this.client = client;
    client.on('notification', (message: Notification) => {
      if (message.channel === PRINCIPAL_CHANNEL) this.handlers.changed(message.payload ?? '*');
    });
    client.on('error', (error: Error) => {
      this.lost(client, error);
    });
    client.on('end', () => {
      this.lost(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PRINCIPAL_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error);
      return;
    }
    if (this.client !== client) return;
    this.retryMs = 1_000;
    this.heartbeat = setInterval(() => {
      this.sync().catch(() => undefined);
    }, HEARTBEAT_MS).unref();
    this.handlers.listening(true);
  }

  /**
   * Resolves once every notification committed before this call has been handled: it waits for
   * a round trip that left after the call, and PostgreSQL hands a listening connection the
   * notifications it holds before it answers a query. Callers arriving while one round trip is on
   * the wire share the next one.
   */
  sync(): Promise<void> {
    if (this.queued) return this.queued;
    if (!this.sent) return (this.sent = this.roundTrip());
    this.queued = this.sent
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return (this.sent = this.roundTrip());
      });
    return this.queued;
  }

  private roundTrip(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not listening'));
    const trip: Promise<void> = client.query('SELECT 1').then(
      () => {
        if (this.sent === trip) this.sent = null;
      },
      (error: unknown) => {
        if (this.sent === trip) this.sent = null;
        this.lost(client, error as Error);
        throw error;
      },
    );
    return trip;
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.detach();
    void client.end().catch(() => undefined);
    this.handlers.listening(false);
    if (this.stopped) return;
    this.logger.warn(
      `Lost the connection that hears of changed callers (${error?.message ?? 'closed'}); loading every caller from the database until it is back, retrying in ${this.retryMs / 1000} s.`,
    );
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.retryMs).unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private detach(): Client | null {
    const client = this.client;
    this.client = null;
    this.sent = null;
    this.queued = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    return client;
  }
}
