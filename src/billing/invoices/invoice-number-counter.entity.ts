import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last invoice number issued per year. Taken with an upsert in the approving transaction:
 * the row lock serialises concurrent approvals and a rollback returns the number, so numbers
 * have no gaps.
 */
@Entity('invoice_number_counters')
export class InvoiceNumberCounter {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  lastValue!: number;
}
