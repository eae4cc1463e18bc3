import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Role } from './role.entity';

@Entity('user_roles')
@Unique('uq_user_roles_user_role', ['userId', 'roleId'])
export class UserRole extends BaseEntity {
  // Named, not imported: users build on rbac, so rbac points at the table only.
  @ForeignKey('User', { onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  userId!: string;

  @Index('ix_user_roles_role_id')
  @Column({ type: 'uuid' })
  roleId!: string;

  // A role in use cannot be deleted out from under its holders.
  @ManyToOne(() => Role, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'role_id' })
  role?: Role;
}
