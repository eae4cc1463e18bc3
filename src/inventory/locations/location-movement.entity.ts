import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Lot } from 'src/inventory/lot.entity';
import { StockMovement } from 'src/inventory/stock-movement.entity';
import { LocationMovementReason } from './storage-location-kind.enum';
import { StorageLocation } from './storage-location.entity';

/**
 * Append-only history of placements: a quantity of a lot went from one location to another, a
 * null end being the lot's unassigned part. Stock leaving or changing chamber writes these
 * through the stock movement's trigger, linked to that movement.
 */
@Entity('location_movements')
@Index('ix_location_movements_lot', ['lotId', 'occurredAt'])
@Index('ix_location_movements_from', ['fromLocationId', 'occurredAt'])
@Index('ix_location_movements_to', ['toLocationId', 'occurredAt'])
@Index('ix_location_movements_warehouse', ['warehouseId', 'occurredAt'])
@Check('ck_location_movements_quantity', '"quantity" > 0')
@Check('ck_location_movements_weight', '"weight_kg" >= 0')
@Check(
  'ck_location_movements_ends',
  '("from_location_id" IS NOT NULL OR "to_location_id" IS NOT NULL) AND "from_location_id" IS DISTINCT FROM "to_location_id"',
)
export class LocationMovement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  lotId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  fromLocationId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  toLocationId!: string | null;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'numeric', precision: 14, scale: 3, default: 0, transformer: decimalTransformer })
  weightKg!: string;

  @Column({
    type: 'enum',
    enum: LocationMovementReason,
    enumName: 'location_movement_reason',
  })
  reason!: LocationMovementReason;

  /** The stock movement that caused it (receipt, dispatch, adjustment, transfer); null for a move between slots. */
  @Index('ix_location_movements_stock_movement')
  @Column({ type: 'uuid', nullable: true })
  stockMovementId!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @ManyToOne(() => StorageLocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_location_id' })
  fromLocation?: StorageLocation;

  @ManyToOne(() => StorageLocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_location_id' })
  toLocation?: StorageLocation;

  @ManyToOne(() => StockMovement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stock_movement_id' })
  stockMovement?: StockMovement;
}
