import { Column, Entity, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';

/**
 * Who did what, append-only (a trigger refuses UPDATE and DELETE). No foreign keys: the record
 * must outlive and never be changed by what it refers to.
 */
@Entity('audit_events')
@Index('ix_audit_events_created_at', ['createdAt'])
@Index('ix_audit_events_actor', ['actorUserId', 'createdAt'])
@Index('ix_audit_events_action', ['action', 'createdAt'])
@Index('ix_audit_events_entity', ['entityType', 'entityId'])
@Index('ix_audit_events_warehouse', ['warehouseId', 'createdAt'])
export class AuditEvent extends BaseEntity {
  @Column({ type: 'uuid', nullable: true })
  actorUserId!: string | null;

  /** `resource.verb`, e.g. `auth.login.failed`, `invitation.created`. */
  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  entityType!: string | null;

  @Column({ type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  warehouseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  clientId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  requestId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;
}
