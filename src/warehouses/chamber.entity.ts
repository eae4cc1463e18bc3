import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Warehouse } from './warehouse.entity';

/** A temperature-controlled room of a warehouse. */
@Entity('chambers')
@Unique('uq_chambers_warehouse_code', ['warehouseId', 'code'])
@Check('ck_chambers_temp_range', '"min_temp_c" < "max_temp_c"')
@Check('ck_chambers_capacity', '"capacity_units" IS NULL OR "capacity_units" >= 0')
export class Chamber extends BaseEntity {
  @Index('ix_chambers_warehouse_id')
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'varchar', length: 20 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** °C as a decimal string, e.g. "-18.00". */
  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  minTempC!: string;

  @Column({ type: 'numeric', precision: 5, scale: 2, transformer: decimalTransformer })
  maxTempC!: string;

  @Column({ type: 'integer', nullable: true })
  capacityUnits!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
