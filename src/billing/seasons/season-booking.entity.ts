import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { Client } from 'src/clients/client.entity';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { Season } from './season.entity';

/**
 * An advance reservation of bags for a season; its fee is credited against the client's season
 * rent on the invoices that charge it.
 */
@Entity('season_bookings')
@Index('ix_season_bookings_client_season', ['clientId', 'seasonId'])
@Check('ck_season_bookings_figures', '"bags" > 0 AND "fee_minor" >= 0')
export class SeasonBooking extends BaseEntity {
  @Column({ type: 'uuid' })
  seasonId!: string;

  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  commodityId!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  grade!: string | null;

  @Column({ type: 'integer' })
  bags!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  feeMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes!: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => Season, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'season_id' })
  season?: Season;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @ManyToOne(() => Commodity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commodity_id' })
  commodity?: Commodity | null;
}
