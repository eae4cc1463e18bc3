import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { Lien } from './lien.entity';

/** A repayment of a lien, as it was applied: interest first, then principal. Append-only. */
@Entity('lien_repayments')
@Index('ix_lien_repayments_lien_paid', ['lienId', 'paidOn'])
@Check('ck_lien_repayments_amount', '"amount_minor" > 0')
@Check(
  'ck_lien_repayments_split',
  '"interest_minor" >= 0 AND "principal_minor" >= 0 AND "interest_minor" + "principal_minor" = "amount_minor"',
)
export class LienRepayment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  lienId!: string;

  @Column({ type: 'date' })
  paidOn!: string;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  amountMinor!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  interestMinor!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  principalMinor!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference!: string | null;

  @Column({ type: 'uuid' })
  recordedById!: string;

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @ManyToOne(() => Lien, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lien_id' })
  lien?: Lien;
}
