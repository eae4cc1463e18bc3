import { Column, Entity, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';

/** The last lot number issued per warehouse and year: numbers are gapless and never reused. */
@Entity('lot_number_counters')
@Unique('uq_lot_number_counters_warehouse_year', ['warehouseId', 'year'])
export class LotNumberCounter extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer', default: 0 })
  lastValue!: number;

  @ManyToOne(() => Warehouse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
