import { Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { PermissionEntity } from './permission.entity';
import { Role } from './role.entity';

@Entity('role_permissions')
@Unique('uq_role_permissions_role_permission', ['roleId', 'permissionId'])
export class RolePermission extends BaseEntity {
  @Column({ type: 'uuid' })
  roleId!: string;

  @Index('ix_role_permissions_permission_id')
  @Column({ type: 'uuid' })
  permissionId!: string;

  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  role?: Role;

  @ManyToOne(() => PermissionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'permission_id' })
  permission?: PermissionEntity;
}
