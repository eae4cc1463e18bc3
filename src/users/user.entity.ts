import { Check, Column, Entity } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { UserStatus } from 'src/rbac/user-status.enum';

/**
 * A person who signs in. Role-neutral: what they do comes from roles, where they work from
 * their operator profile or client. Emails are stored lower-case and unique. Relations point here
 * from those rows (roles, profile, client); this entity names none of them.
 */
@Entity('users')
// Stored lower-case, so the plain unique index is case-insensitive.
@Check('ck_users_email_lower', `"email" = lower("email")`)
export class User extends BaseEntity {
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 200, default: '' })
  fullName!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ type: 'enum', enum: UserStatus, enumName: 'user_status', default: UserStatus.Invited })
  status!: UserStatus;

  /** Failed sign-ins in the current window, and when that window began (lockout). */
  @Column({ type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  failedLoginWindowStart!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /**
   * Disabled by a caller of unrestricted scope (an administrator): only such a caller may
   * enable the account again, never a warehouse's manager.
   */
  @Column({ type: 'boolean', default: false })
  disabledByAdmin!: boolean;
}
