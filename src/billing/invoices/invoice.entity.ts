import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Client } from 'src/clients/client.entity';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { InvoiceStatus } from 'src/billing/billing.enums';
import { InvoiceLine } from './invoice-line.entity';

/**
 * One client's bill for an inclusive range of calendar days. A DRAFT is recomputed at will;
 * approval numbers and freezes it (the database refuses later changes to its figures and
 * lines); it may then be paid or voided.
 */
@Entity('invoices')
@Index('ix_invoices_client_period', ['clientId', 'periodStart'])
@Index('ix_invoices_status_created', ['status', 'createdAt'])
@Index('uq_invoices_number', ['number'], { unique: true })
@Check('ck_invoices_period', '"period_end" >= "period_start"')
export class Invoice extends BaseEntity {
  @Column({ type: 'uuid' })
  clientId!: string;

  /** `INV-<YYYY>-<NNNNNN>`, assigned on approval, gapless per year. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  number!: string | null;

  @Column({
    type: 'enum',
    enum: InvoiceStatus,
    enumName: 'invoice_status',
    default: InvoiceStatus.Draft,
  })
  status!: InvoiceStatus;

  @Column({ type: 'date' })
  periodStart!: string;

  @Column({ type: 'date' })
  periodEnd!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Amounts in minor units of the currency. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  subtotalMinor!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  taxMinor!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  totalMinor!: number;

  /** Notes the tax treatment requires (the GST exemption of agricultural produce); frozen on approval. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  taxNotes!: string[];

  /** Who last computed the figures (null: the billing run); may not approve them. */
  @Column({ type: 'uuid', nullable: true })
  generatedById!: string | null;

  @Column({ type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  approvedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** The invoice date, in the company's time zone. */
  @Column({ type: 'date', nullable: true })
  issuedOn!: string | null;

  /** Bill-to details as they were on approval. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  clientName!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  clientBillingAddress!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  paymentReference!: string | null;

  @Column({ type: 'uuid', nullable: true })
  markedPaidById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  voidedById!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  voidReason!: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @OneToMany(() => InvoiceLine, (line) => line.invoice)
  lines?: InvoiceLine[];
}
