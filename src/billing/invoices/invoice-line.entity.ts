import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { RateBasis, InvoiceLineKind } from 'src/billing/billing.enums';
import type { Invoice } from './invoice.entity';

/**
 * One charge: a lot's storage over a run of days at one quantity and rate, a minimum-stay
 * top-up, or handling. Rates and names are copied in, so a later change of a card or a lot
 * never changes an invoice.
 */
@Entity('invoice_lines')
@Unique('uq_invoice_lines_position', ['invoiceId', 'position'])
@Index('ix_invoice_lines_lot', ['lotId'])
@Check('ck_invoice_lines_tax_exempt', 'NOT "tax_exempt" OR "tax_rate_percent" = 0')
export class InvoiceLine extends BaseEntity {
  @Column({ type: 'uuid' })
  invoiceId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'enum', enum: InvoiceLineKind, enumName: 'invoice_line_kind' })
  kind!: InvoiceLineKind;

  @Column({ type: 'varchar', length: 500 })
  description!: string;

  @Column({ type: 'uuid', nullable: true })
  lotId!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  lotNumber!: string | null;

  @Column({ type: 'uuid', nullable: true })
  warehouseId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  commodityId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  rateCardId!: string | null;

  /** The season of a season rent, extension or booking credit line. */
  @Index('ix_invoice_lines_season')
  @Column({ type: 'uuid', nullable: true })
  seasonId!: string | null;

  @Column({ type: 'enum', enum: RateBasis, enumName: 'rate_basis', nullable: true })
  basis!: RateBasis | null;

  /** Units or kg the line is priced on. */
  @Column({ type: 'numeric', precision: 16, scale: 3, transformer: decimalTransformer })
  quantity!: string;

  /** BAG, CRATE, … or KG. */
  @Column({ type: 'varchar', length: 20 })
  unit!: string;

  /** Storage days; null for handling. */
  @Column({ type: 'integer', nullable: true })
  days!: number | null;

  @Column({ type: 'date', nullable: true })
  fromDate!: string | null;

  @Column({ type: 'date', nullable: true })
  toDate!: string | null;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: decimalTransformer })
  rate!: string;

  @Column({ type: 'varchar', length: 60 })
  rateUnit!: string;

  @Column({ type: 'numeric', precision: 7, scale: 4, transformer: decimalTransformer })
  taxRatePercent!: string;

  /** Exempt from GST (agricultural produce): taxed at 0 and shown apart from a 0% rate. */
  @Column({ type: 'boolean', default: false })
  taxExempt!: boolean;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: number;

  // By name: the invoice loads its lines, and a line needs its invoice's type only.
  @ManyToOne('Invoice', 'lines', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invoice_id' })
  invoice?: Invoice;
}
