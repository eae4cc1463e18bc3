import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Dispatch } from 'src/inventory/ledger/dispatch.entity';
import { Lot } from './lot.entity';
import { AdjustmentReason, MovementType } from './movement-type.enum';
import { GatePassDetails } from './gate-pass-details';

/**
 * Every change of stock, append-only (a trigger refuses UPDATE and DELETE). Inserting one
 * moves the lot's on-hand figures in the same query. Warehouse and client are copied from
 * the lot so scoped listings need no join.
 */
@Entity('stock_movements')
// Created in the migrations with INCLUDE columns, which TypeORM does not know: (lot_id,
// occurred_at) INCLUDE (quantity_delta, weight_delta_kg), so verify-ledger sums a lot's
// movements from the index alone, and (client_id, occurred_at) INCLUDE (lot_id, warehouse_id,
// quantity_delta, weight_delta_kg), so does a client's statement.
@Index('ix_stock_movements_lot', { synchronize: false })
@Index('ix_stock_movements_client', { synchronize: false })
@Index('ix_stock_movements_occurred', ['occurredAt'])
// The few movements that change a lot's chamber: a statement asks each lot for the chamber it was
// in at the end of a day, and most lots never moved, so the answer must not read their ledger.
@Index('ix_stock_movements_chamber_moves', ['lotId', 'occurredAt'], {
  where: '"to_chamber_id" IS NOT NULL OR "from_chamber_id" IS NOT NULL',
})
@Index('ix_stock_movements_warehouse', ['warehouseId', 'occurredAt'])
@Check(
  'ck_stock_movements_sign',
  `("type" = 'INWARD' AND "quantity_delta" > 0) OR ("type" = 'OUTWARD' AND "quantity_delta" < 0) OR ("type" = 'TRANSFER' AND "quantity_delta" = 0 AND "weight_delta_kg" = 0) OR "type" = 'ADJUSTMENT'`,
)
export class StockMovement extends BaseEntity {
  @Column({ type: 'uuid' })
  lotId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'enum', enum: MovementType, enumName: 'movement_type' })
  type!: MovementType;

  @Column({ type: 'integer' })
  quantityDelta!: number;

  @Column({ type: 'numeric', precision: 14, scale: 3, transformer: decimalTransformer })
  weightDeltaKg!: string;

  /** Business time: when it happened at the gate, not when it was typed in. */
  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Index('ix_stock_movements_dispatch')
  @Column({ type: 'uuid', nullable: true })
  dispatchId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  fromChamberId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  toChamberId!: string | null;

  @Column({ type: 'enum', enum: AdjustmentReason, enumName: 'adjustment_reason', nullable: true })
  reasonCode!: AdjustmentReason | null;

  @Column(() => GatePassDetails, { prefix: false })
  gatePass!: GatePassDetails;

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @ManyToOne(() => Dispatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'dispatch_id' })
  dispatch?: Dispatch;
}
