import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Chamber } from 'src/warehouses/chamber.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';

/**
 * A temperature (and optionally humidity) probe in one chamber. Gateways report its readings by
 * `code`, unique per warehouse. `calibrationOffsetC` is added to every raw reading at ingestion;
 * `expectedIntervalSeconds` is its heartbeat: silent for twice that plus a minute, it is offline.
 */
@Entity('sensors')
@Unique('uq_sensors_warehouse_code', ['warehouseId', 'code'])
@Check('ck_sensors_interval', '"expected_interval_seconds" BETWEEN 1 AND 86400')
@Check('ck_sensors_offset', '"calibration_offset_c" BETWEEN -10 AND 10')
export class Sensor extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Index('ix_sensors_chamber')
  @Column({ type: 'uuid' })
  chamberId!: string;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** °C added to each raw reading, as a decimal string, e.g. "-0.30". */
  @Column({
    type: 'numeric',
    precision: 4,
    scale: 2,
    default: 0,
    transformer: decimalTransformer,
  })
  calibrationOffsetC!: string;

  @Column({ type: 'integer', default: 60 })
  expectedIntervalSeconds!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** `recorded_at` of the newest reading stored: the offline check reads this, not the readings. */
  @Column({ type: 'timestamptz', nullable: true })
  lastReadingAt!: Date | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Chamber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chamber_id' })
  chamber?: Chamber;
}
