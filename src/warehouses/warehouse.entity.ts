import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';

@Entity('warehouses')
export class Warehouse extends BaseEntity {
  /** Short upper-case code, unique; prefixes lot numbers. */
  @Column({ type: 'varchar', length: 20, unique: true })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  /** Storage capacity in units; null when not stated. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  /** IANA time zone: billing days and periods are this zone's calendar days. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone!: string;

  // Named, not imported: users build on warehouses (an operator's profile), not the reverse.
  @Index('ix_warehouses_created_by_admin_id')
  @ForeignKey('User', { onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  createdByAdminId!: string | null;
}
