import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { Lot } from 'src/inventory/lot.entity';
import { Excursion } from './excursion.entity';
import { LotDisposition } from './excursion.enums';

/**
 * A lot an excursion put on hold (it was in the chamber when the excursion opened, or arrived
 * while it lasted), and the disposition that released it. `disposition` null: still held.
 */
@Entity('excursion_lots')
@Index('ix_excursion_lots_lot', ['lotId'])
export class ExcursionLot {
  @PrimaryColumn({ type: 'uuid' })
  excursionId!: string;

  @PrimaryColumn({ type: 'uuid' })
  lotId!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  heldAt!: Date;

  @Column({ type: 'enum', enum: LotDisposition, enumName: 'lot_disposition', nullable: true })
  disposition!: LotDisposition | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  dispositionNote!: string | null;

  @Column({ type: 'uuid', nullable: true })
  disposedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disposedAt!: Date | null;

  @ManyToOne(() => Excursion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'excursion_id' })
  excursion?: Excursion;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;
}
