import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Role } from 'src/rbac/role.entity';
import { User } from 'src/users/user.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { InvitationStatus } from './invitation-status.enum';

/**
 * An offer to join with one role. The token is shown once (response and email link) and only
 * its SHA-256 is stored. A PENDING row past `expiresAt` reads as EXPIRED.
 */
@Entity('invitations')
@Check('ck_invitations_email_lower', `"email" = lower("email")`)
// At most one open invitation per email.
@Index('uq_invitations_pending_email', ['email'], { unique: true, where: `"status" = 'PENDING'` })
export class Invitation extends BaseEntity {
  @Index('ix_invitations_email')
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ type: 'char', length: 64, unique: true })
  tokenHash!: string;

  @Column({
    type: 'enum',
    enum: InvitationStatus,
    enumName: 'invitation_status',
    default: InvitationStatus.Pending,
  })
  status!: InvitationStatus;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Index('ix_invitations_role_id')
  @Column({ type: 'uuid' })
  roleId!: string;

  @Index('ix_invitations_invited_by_id')
  @Column({ type: 'uuid', nullable: true })
  invitedById!: string | null;

  /** Where an operator or inventory manager will work. */
  @Index('ix_invitations_warehouse_id')
  @Column({ type: 'uuid', nullable: true })
  warehouseId!: string | null;

  /** The client company the accepting user will represent. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  companyName!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  billingAddress!: string | null;

  @Column({ type: 'time', nullable: true })
  shiftStart!: string | null;

  @Column({ type: 'time', nullable: true })
  shiftEnd!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Index('ix_invitations_accepted_user_id')
  @Column({ type: 'uuid', nullable: true })
  acceptedUserId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id' })
  role?: Role;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by_id' })
  invitedBy?: User | null;

  @ManyToOne(() => Warehouse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_user_id' })
  acceptedUser?: User | null;
}
