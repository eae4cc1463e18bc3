import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Client } from 'src/clients/client.entity';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { GatePassDetails } from 'src/inventory/gate-pass-details';

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

  @Column(() => GatePassDetails, { prefix: false })
  gatePass!: GatePassDetails;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;
}
