import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { OutboxStatus } from './outbox-status.enum';

/**
 * An email waiting to go out. Written in the same transaction as the change it announces; a
 * worker sends it with retries, so SMTP never slows or fails the request.
 */
@Entity('outbox_messages')
@Index('ix_outbox_messages_due', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
@Index('ix_outbox_messages_subject', ['subjectType', 'subjectId'])
export class OutboxMessage extends BaseEntity {
  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  textBody!: string;

  @Column({ type: 'text' })
  htmlBody!: string;

  /** What the message is about (e.g. "invitation" and its id), for status look-ups. */
  @Column({ type: 'varchar', length: 50 })
  subjectType!: string;

  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({
    type: 'enum',
    enum: OutboxStatus,
    enumName: 'outbox_status',
    default: OutboxStatus.Pending,
  })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
