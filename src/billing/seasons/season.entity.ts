import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { SeasonExtensionBasis } from 'src/billing/billing.enums';

/**
 * A storage season of one warehouse (e.g. 1 Feb – 31 Oct, vacate by 30 Nov): seasonal rate cards
 * charge rent once per lot in it, and stock left after its end pays the extension rate per
 * calendar month or part of one. Seasons of a warehouse never overlap.
 */
@Entity('seasons')
@Index('ix_seasons_warehouse_start', ['warehouseId', 'startDate'])
@Check('ck_seasons_dates', '"end_date" >= "start_date" AND "vacate_by" >= "end_date"')
@Check('ck_seasons_extension_rate', '"extension_rate" >= 0')
export class Season extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'date' })
  startDate!: string;

  @Column({ type: 'date' })
  endDate!: string;

  /** Stock should be gone by this day; extension rent runs on after it all the same. */
  @Column({ type: 'date' })
  vacateBy!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: decimalTransformer })
  extensionRate!: string;

  @Column({ type: 'enum', enum: SeasonExtensionBasis, enumName: 'season_extension_basis' })
  extensionBasis!: SeasonExtensionBasis;

  /** ISO 4217, upper case: of the extension rate and the booking fees. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
