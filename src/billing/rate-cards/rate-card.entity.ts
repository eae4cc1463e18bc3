import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Client } from 'src/clients/client.entity';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { RateBasis } from 'src/billing/billing.enums';

/**
 * What storage and handling cost, for a key of optional client, warehouse and commodity (all
 * empty: the default card), from one date to another inclusive. Cards of one key never overlap
 * in time; the most specific card in effect on a day prices that day.
 */
@Entity('rate_cards')
@Index('ix_rate_cards_key', ['clientId', 'warehouseId', 'commodityId', 'effectiveFrom'])
@Check('ck_rate_cards_period', '"effective_to" IS NULL OR "effective_to" >= "effective_from"')
@Check('ck_rate_cards_days', '"grace_days" >= 0 AND "min_billable_days" >= 0')
export class RateCard extends BaseEntity {
  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ type: 'uuid', nullable: true })
  clientId!: string | null;

  @Index('ix_rate_cards_warehouse_id')
  @Column({ type: 'uuid', nullable: true })
  warehouseId!: string | null;

  @Index('ix_rate_cards_commodity_id')
  @Column({ type: 'uuid', nullable: true })
  commodityId!: string | null;

  /** Only lots of this grade (PLAIN, CIPC, SEED, …); null: every grade. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  grade!: string | null;

  @Column({ type: 'enum', enum: RateBasis, enumName: 'rate_basis' })
  basis!: RateBasis;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: decimalTransformer })
  storageRate!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: decimalTransformer })
  inwardHandlingRate!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: decimalTransformer })
  outwardHandlingRate!: string;

  @Column({ type: 'integer', default: 0 })
  graceDays!: number;

  @Column({ type: 'integer', default: 0 })
  minBillableDays!: number;

  /** ISO 4217, upper case. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'numeric', precision: 7, scale: 4, transformer: decimalTransformer })
  taxRatePercent!: string;

  @Column({ type: 'date' })
  effectiveFrom!: string;

  /** Last day the card applies; null while open-ended. */
  @Column({ type: 'date', nullable: true })
  effectiveTo!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse | null;

  @ManyToOne(() => Commodity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commodity_id' })
  commodity?: Commodity | null;
}
