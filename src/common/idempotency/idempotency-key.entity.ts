import { Column, Entity, Index, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';

/**
 * A mutating request made with an Idempotency-Key: its body's hash and, once done, its
 * response, replayed for the same key and body within 24 hours.
 */
@Entity('idempotency_keys')
@Unique('uq_idempotency_keys_user_key', ['userId', 'key'])
@Index('ix_idempotency_keys_expires_at', ['expiresAt'])
export class IdempotencyKey extends BaseEntity {
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 200 })
  key!: string;

  /** SHA-256 of method, route and body. */
  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'integer', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
