import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Session } from './session.entity';

/** Every refresh token a session was given; spent ones stay, so a replay is recognised. */
@Entity('refresh_tokens')
export class RefreshToken extends BaseEntity {
  @Index('ix_refresh_tokens_session_id')
  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'timestamptz', nullable: true })
  spentAt!: Date | null;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Session;
}
