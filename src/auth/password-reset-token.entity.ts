import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { User } from 'src/users/user.entity';

/** A single-use password reset link; only the token's SHA-256 is stored. */
@Entity('password_reset_tokens')
export class PasswordResetToken extends BaseEntity {
  @Index('ix_password_reset_tokens_user_id')
  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
