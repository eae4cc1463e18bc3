import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last season payment receipt number issued per year, taken with an upsert in the recording
 * transaction (as invoice numbers are): the row lock serialises concurrent payments and a
 * rollback returns the number, so receipt numbers have no gaps.
 */
@Entity('season_receipt_counters')
export class SeasonReceiptCounter {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  lastValue!: number;
}
