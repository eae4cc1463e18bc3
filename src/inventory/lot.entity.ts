import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { Client } from 'src/clients/client.entity';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Chamber } from 'src/warehouses/chamber.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { LotStatus } from './lot-status.enum';

/**
 * One client's receipt of one commodity. Its on-hand quantity and weight are maintained by the
 * database from the movements (a trigger), never written directly: they always equal the sum of
 * the lot's movements, and CHECK constraints refuse negatives.
 */
@Entity('lots')
@Unique('uq_lots_warehouse_lot_number', ['warehouseId', 'lotNumber'])
@Check('ck_lots_quantity', '"quantity" >= 0')
@Check('ck_lots_weight', '"weight_kg" >= 0')
@Index('ix_lots_warehouse_received', ['warehouseId', 'receivedAt'])
// Unscoped (admin) listings, newest first.
@Index('ix_lots_received', ['receivedAt'])
@Index('ix_lots_client_received', ['clientId', 'receivedAt'])
@Index('ix_lots_chamber', ['chamberId'])
@Index('ix_lots_commodity', ['commodityId'])
// A client's lots of one commodity: what FEFO compares a dispatch and a pick with.
@Index('ix_lots_client_commodity', ['clientId', 'commodityId'])
@Index('ix_lots_expiry', ['expiryDate'])
// lot_number varchar_pattern_ops, for prefix search; created in the migration (no opclass here).
@Index('ix_lots_lot_number_prefix', { synchronize: false })
export class Lot extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  commodityId!: string;

  @Column({ type: 'uuid' })
  chamberId!: string;

  /** `<WAREHOUSE_CODE>-<YYYY>-<NNNNNN>`, unique per warehouse. */
  @Column({ type: 'varchar', length: 40 })
  lotNumber!: string;

  @Column({ type: 'integer', default: 0 })
  quantity!: number;

  @Column({ type: 'numeric', precision: 14, scale: 3, default: 0, transformer: decimalTransformer })
  weightKg!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  position!: string | null;

  /** A short grade code set on receipt (PLAIN, CIPC, SEED, TABLE…); rate cards may key on it. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  grade!: string | null;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'date', nullable: true })
  expiryDate!: string | null;

  @Column({ type: 'enum', enum: LotStatus, enumName: 'lot_status', default: LotStatus.InStock })
  status!: LotStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  holdReason!: string | null;

  /** Business time of the latest movement: a later movement may not be dated before it. */
  @Column({ type: 'timestamptz' })
  lastMovementAt!: Date;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @ManyToOne(() => Commodity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commodity_id' })
  commodity?: Commodity;

  @ManyToOne(() => Chamber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chamber_id' })
  chamber?: Chamber;
}
