import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Client } from 'src/clients/client.entity';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';

/** A gate pass: one truck leaving with goods of one client, possibly from several lots. */
@Entity('dispatches')
@Index('ix_dispatches_client', ['clientId', 'dispatchedAt'])
export class Dispatch extends BaseEntity {
  @Index('ix_dispatches_warehouse_id')
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'timestamptz' })
  dispatchedAt!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  vehicleNumber!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;
}
