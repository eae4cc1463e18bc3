import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxMessage } from './outbox-message.entity';
import type { OutboxStatus } from './outbox-status.enum';
import { OutboxWorker } from './outbox.worker';

export interface NewOutboxMessage {
  recipient: string;
  subject: string;
  text: string;
  html: string;
  /** What the message is about, e.g. "invitation", with that row's id. */
  subjectType: string;
  subjectId: string;
}

/** Where the latest email about a subject stands (snake_case: it goes on the wire as is). */
export interface EmailDelivery {
  status: 'PENDING' | 'SENT' | 'FAILED';
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}

interface DeliveryRow {
  subject_id: string;
  status: `${OutboxStatus}`;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
}

/** The database outbox: domain services enqueue emails with their change; the worker sends. */
@Injectable()
export class OutboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly worker: OutboxWorker,
  ) {}

  /**
   * Adds an email to the outbox inside the caller's transaction, so it exists only if the change
   * commits. Sends nothing: call `wake()` after the commit.
   */
  async enqueue(manager: EntityManager, message: NewOutboxMessage): Promise<OutboxMessage> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error("OutboxService.enqueue needs the caller's transaction (EntityManager)");
    }
    const fields = {
      recipient: message.recipient,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html,
      subjectType: message.subjectType,
      subjectId: message.subjectId,
    };
    // clock_timestamp(), not now(): several emails of one transaction still have an order.
    const result = await manager.insert(OutboxMessage, {
      ...fields,
      createdAt: () => 'clock_timestamp()',
    });
    const generated = result.generatedMaps[0] as Pick<
      OutboxMessage,
      'id' | 'createdAt' | 'updatedAt' | 'status' | 'attempts' | 'nextAttemptAt'
    >;
    return manager.create(OutboxMessage, {
      ...fields,
      ...generated,
      lastError: null,
      sentAt: null,
    });
  }

  /** The latest email of each subject id that has one, in one query. */
  async deliveryStatus(
    subjectType: string,
    subjectIds: string[],
  ): Promise<Map<string, EmailDelivery>> {
    const deliveries = new Map<string, EmailDelivery>();
    if (subjectIds.length === 0) return deliveries;
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT DISTINCT ON (subject_id) subject_id, status, attempts, last_error, sent_at
         FROM outbox_messages
        WHERE subject_type = $1 AND subject_id = ANY($2::uuid[])
        ORDER BY subject_id, created_at DESC, id DESC`,
      [subjectType, [...new Set(subjectIds)]],
    );
    for (const row of rows) {
      deliveries.set(row.subject_id, {
        status: row.status,
        attempts: row.attempts,
        last_error: row.last_error,
        sent_at: row.sent_at ? row.sent_at.toISOString() : null,
      });
    }
    return deliveries;
  }

  /**
   * Deletes the messages that finished (sent or given up on) more than `retentionDays` ago, in the
   * caller's transaction when given; returns how many.
   */
  async purgeFinished(retentionDays: number, manager?: EntityManager): Promise<number> {
    const [, affected] = await (manager ?? this.dataSource.manager).query<[unknown, number]>(
      `DELETE FROM outbox_messages
        WHERE status IN ('SENT', 'FAILED')
          AND coalesce(sent_at, updated_at) < now() - make_interval(days => $1)`,
      [retentionDays],
    );
    return affected;
  }

  /** Nudges the worker to send now; call it once the enqueuing transaction has committed. */
  wake(): void {
    this.worker.wake();
  }
}
