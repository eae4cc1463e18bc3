import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Lot } from 'src/inventory/lot.entity';
import { StorageLocation } from './storage-location.entity';

/**
 * How much of a lot sits in one location. The database keeps the sum of a lot's placements at or
 * below its quantity (the rest is unassigned) and every location within its capacity.
 */
@Entity('lot_placements')
@Index('ix_lot_placements_location', ['locationId'])
@Check('ck_lot_placements_quantity', '"quantity" > 0')
@Check('ck_lot_placements_weight', '"weight_kg" >= 0')
export class LotPlacement {
  @PrimaryColumn({ type: 'uuid' })
  lotId!: string;

  @PrimaryColumn({ type: 'uuid' })
  locationId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'numeric', precision: 14, scale: 3, default: 0, transformer: decimalTransformer })
  weightKg!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @ManyToOne(() => StorageLocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'location_id' })
  location?: StorageLocation;
}
