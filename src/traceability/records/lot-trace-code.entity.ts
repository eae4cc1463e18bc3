import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { LocationDescription } from '../location-description';

/**
 * A lot's traceability lot code and where it comes from: the supplier's code as received (with
 * the TLC source's location description or a reference to it), or one this warehouse assigned
 * (marked assigned; the warehouse is then its source). Written once, with the lot's receiving
 * or transformation record; shipments of the lot carry it.
 */
@Entity('lot_trace_codes')
@Index('ix_lot_trace_codes_tlc', ['tlc'])
@Check(
  'ck_lot_trace_codes_source',
  `"tlc_source" IS NOT NULL OR "tlc_source_reference" IS NOT NULL`,
)
export class LotTraceCode {
  @PrimaryColumn({ type: 'uuid' })
  @ForeignKey('Lot', { onDelete: 'RESTRICT' })
  lotId!: string;

  @Column({ type: 'varchar', length: 100 })
  tlc!: string;

  /** True when this warehouse assigned the code (none came with the food, or it transformed it). */
  @Column({ type: 'boolean' })
  tlcAssigned!: boolean;

  @Column({ type: 'jsonb', nullable: true })
  tlcSource!: LocationDescription | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  tlcSourceReference!: string | null;

  @Column({ type: 'varchar', length: 300 })
  productDescription!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
