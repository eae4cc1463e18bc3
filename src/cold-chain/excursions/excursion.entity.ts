import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Chamber } from 'src/warehouses/chamber.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { ExcursionDirection } from './excursion.enums';

/**
 * A breach of a chamber's range that lasted longer than its alarm delay. `startedAt` is the
 * first out-of-range reading, `openedAt` when the delay ran out; `endedAt` the first in-range
 * reading of the recovery that closed it at `closedAt`. At most one is open per chamber.
 */
@Entity('excursions')
@Index('uq_excursions_open_chamber', ['chamberId'], { unique: true, where: '"closed_at" IS NULL' })
@Index('ix_excursions_warehouse_started', ['warehouseId', 'startedAt'])
@Index('ix_excursions_chamber_started', ['chamberId', 'startedAt'])
export class Excursion extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  chamberId!: string;

  @Column({
    type: 'enum',
    enum: ExcursionDirection,
    enumName: 'excursion_direction',
  })
  direction!: ExcursionDirection;

  /** The range in force when it opened (chamber's, narrowed by its commodities'), °C. */
  @Column({ type: 'double precision' })
  limitMinC!: number;

  @Column({ type: 'double precision' })
  limitMaxC!: number;

  /** The extremes seen while it lasted, °C. */
  @Column({ type: 'double precision' })
  minTempC!: number;

  @Column({ type: 'double precision' })
  maxTempC!: number;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  openedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Chamber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chamber_id' })
  chamber?: Chamber;
}
