import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Chamber } from 'src/warehouses/chamber.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { StorageLocationKind } from './storage-location-kind.enum';

/**
 * A place inside a chamber (floor, rack, level, slot or zone), in a tree per chamber. Its code is
 * printed on the rack and unique in the chamber; `path` is the codes from the top down, joined by
 * "/", so a chamber's locations sort as a grid. Lots sit only in locations without children.
 */
@Entity('storage_locations')
@Unique('uq_storage_locations_chamber_code', ['chamberId', 'code'])
@Index('ix_storage_locations_chamber_path', ['chamberId', 'path'])
@Index('ix_storage_locations_parent', ['parentId'])
@Index('ix_storage_locations_warehouse', ['warehouseId'])
@Check('ck_storage_locations_capacity_units', '"capacity_units" IS NULL OR "capacity_units" >= 0')
@Check('ck_storage_locations_capacity_kg', '"capacity_kg" IS NULL OR "capacity_kg" >= 0')
@Check(
  'ck_storage_locations_capacity_pallets',
  '"capacity_pallets" IS NULL OR "capacity_pallets" >= 0',
)
@Check('ck_storage_locations_not_own_parent', '"parent_id" IS NULL OR "parent_id" <> "id"')
export class StorageLocation extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  chamberId!: string;

  /** Null for a top-level location of the chamber. */
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'enum', enum: StorageLocationKind, enumName: 'storage_location_kind' })
  kind!: StorageLocationKind;

  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name!: string | null;

  @Column({ type: 'varchar', length: 1000 })
  path!: string;

  /** 0 at the top of the chamber. */
  @Column({ type: 'smallint', default: 0 })
  depth!: number;

  @Column({ type: 'integer', nullable: true })
  capacityUnits!: number | null;

  @Column({
    type: 'numeric',
    precision: 14,
    scale: 3,
    nullable: true,
    transformer: decimalTransformer,
  })
  capacityKg!: string | null;

  /** Counted against lots whose commodity unit is PALLET. */
  @Column({ type: 'integer', nullable: true })
  capacityPallets!: number | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'boolean', default: false })
  blocked!: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  blockedReason!: string | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Chamber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chamber_id' })
  chamber?: Chamber;

  @ManyToOne(() => StorageLocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: StorageLocation;
}
