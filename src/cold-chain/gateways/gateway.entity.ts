import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';

/**
 * A site gateway that posts sensor readings for one warehouse. It authenticates with an API key
 * shown once at creation: `keyPrefix` finds the row, `keyHash` (SHA-256 of the whole key) checks
 * it; a revoked gateway's key stops working at once.
 */
@Entity('gateways')
export class Gateway extends BaseEntity {
  @Index('ix_gateways_warehouse')
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Index('uq_gateways_key_prefix', { unique: true })
  @Column({ type: 'varchar', length: 24 })
  keyPrefix!: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
