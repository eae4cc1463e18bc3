import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { Client } from 'src/clients/client.entity';
import { Season } from './season.entity';

/** Bags of one lot released against a payment, with the lot's number as it was. */
export interface BagsReleased {
  lot_id: string;
  lot_number: string;
  bags: number;
}

/**
 * A client's payment for a season, with its receipt number (gapless per year) and the bags it
 * releases per lot. Append-only: a receipt is never changed.
 */
@Entity('season_payments')
@Unique('uq_season_payments_receipt_number', ['receiptNumber'])
@Index('ix_season_payments_client_season', ['clientId', 'seasonId'])
@Check('ck_season_payments_amount', '"amount_minor" > 0')
export class SeasonPayment extends BaseEntity {
  @Column({ type: 'varchar', length: 20 })
  receiptNumber!: string;

  @Column({ type: 'uuid' })
  seasonId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'timestamptz' })
  paidAt!: Date;

  @Column({ type: 'varchar', length: 100 })
  reference!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  bagsReleased!: BagsReleased[];

  @Column({ type: 'uuid', nullable: true })
  recordedById!: string | null;

  @ManyToOne(() => Season, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'season_id' })
  season?: Season;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;
}
