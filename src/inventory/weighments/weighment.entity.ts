import { Check, Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Lot } from 'src/inventory/lot.entity';
import { StockMovement } from 'src/inventory/stock-movement.entity';
import { WeighmentKind } from './weighment-kind.enum';

const KG = { type: 'numeric', precision: 14, scale: 3, transformer: decimalTransformer } as const;

/**
 * A weighbridge ticket (gross and tare of a truck at a receipt or a dispatch) or a check-weighing
 * of some of a lot's bags. Written with the movement it weighs, in its transaction; append-only.
 * Warehouse and client are copied in so scoped reads need no join.
 */
@Entity('weighments')
@Index('ix_weighments_lot', ['lotId', 'weighedAt'])
@Index('ix_weighments_dispatch', ['dispatchId'])
@Check(
  'ck_weighments_truck',
  `"kind" = 'SAMPLE' OR ("gross_kg" > "tare_kg" AND "tare_kg" >= 0 AND "net_kg" = "gross_kg" - "tare_kg")`,
)
@Check(
  'ck_weighments_sample',
  `"kind" <> 'SAMPLE' OR ("lot_id" IS NOT NULL AND "bags_weighed" > 0 AND "bags_weighed" <= "lot_quantity" AND "net_kg" > 0)`,
)
export class Weighment extends BaseEntity {
  @Column({ type: 'enum', enum: WeighmentKind, enumName: 'weighment_kind' })
  kind!: WeighmentKind;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  /** The lot weighed; null for a dispatch of several lots (found through its movements). */
  @Column({ type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  movementId!: string | null;

  // Named, not imported: the ledger writes weighments, so they point at its table only.
  @ForeignKey('Dispatch', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  dispatchId!: string | null;

  /** The truck loaded and empty; null for a sample. */
  @Column({ ...KG, nullable: true })
  grossKg!: string | null;

  @Column({ ...KG, nullable: true })
  tareKg!: string | null;

  /** Gross less tare; for a sample, the weight of the bags weighed. */
  @Column(KG)
  netKg!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  vehicleNumber!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  ticketNumber!: string | null;

  @Column({ type: 'timestamptz' })
  weighedAt!: Date;

  /** A sample's bags, and the lot's units and kg on hand when it was weighed. */
  @Column({ type: 'integer', nullable: true })
  bagsWeighed!: number | null;

  @Column({ type: 'integer', nullable: true })
  lotQuantity!: number | null;

  @Column({ ...KG, nullable: true })
  lotWeightKg!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  witnessedBy!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @ManyToOne(() => StockMovement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'movement_id' })
  movement?: StockMovement;
}
