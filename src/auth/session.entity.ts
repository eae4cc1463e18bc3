import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { User } from 'src/users/user.entity';

/** One sign-in on one device: outlives access tokens, ends on logout, expiry or revocation. */
@Entity('sessions')
export class Session extends BaseEntity {
  @Index('ix_sessions_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  userAgent!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** logout, ended, force_logout, disabled, password_reset, password_change, refresh_reuse */
  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
