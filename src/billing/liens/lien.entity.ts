import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { bigintTransformer } from 'src/common/entities/bigint.transformer';
import { decimalTransformer } from 'src/common/entities/decimal.transformer';
import { Client } from 'src/clients/client.entity';
import { Lot } from 'src/inventory/lot.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { LienKind, LienStatus } from './lien.enums';

/**
 * Money lent against bags of one lot: an ADVANCE of the store owner or a bank's PLEDGE of the
 * storage receipt. While it is OPEN the lot may not go below its secured quantity (triggers
 * lots_lien_guard and liens_secured_guard).
 */
@Entity('liens')
@Index('ix_liens_lot_status', ['lotId', 'status'])
@Index('ix_liens_client_status', ['clientId', 'status'])
@Index('ix_liens_warehouse_status', ['warehouseId', 'status'])
@Check('ck_liens_principal', '"principal_minor" > 0')
@Check('ck_liens_secured_quantity', '"secured_quantity" > 0')
@Check('ck_liens_rate', '"interest_rate_percent" >= 0')
@Check('ck_liens_pledge_reference', `"kind" <> 'PLEDGE' OR "pledge_reference" IS NOT NULL`)
@Check('ck_liens_closed', `("status" = 'OPEN') = ("closed_on" IS NULL)`)
export class Lien extends BaseEntity {
  @Column({ type: 'uuid' })
  lotId!: string;

  /** The lot's, kept for scope filters. */
  @Column({ type: 'uuid' })
  clientId!: string;

  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'enum', enum: LienKind, enumName: 'lien_kind' })
  kind!: LienKind;

  /** The store owner (ADVANCE) or the bank (PLEDGE). */
  @Column({ type: 'varchar', length: 200 })
  lenderName!: string;

  /** The bank's pledge reference (e-NWR pledge); required for a PLEDGE. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  pledgeReference!: string | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  principalMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** Units of the lot the lien covers. */
  @Column({ type: 'integer' })
  securedQuantity!: number;

  @Column({ type: 'date' })
  startDate!: string;

  /** Simple interest per annum, percent. */
  @Column({ type: 'numeric', precision: 7, scale: 4, transformer: decimalTransformer })
  interestRatePercent!: string;

  @Column({ type: 'enum', enum: LienStatus, enumName: 'lien_status', default: LienStatus.Open })
  status!: LienStatus;

  /** The day it was repaid or released; interest stops there. */
  @Column({ type: 'date', nullable: true })
  closedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  releaseReason!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  releasedById!: string | null;

  @Column({ type: 'uuid' })
  createdById!: string;

  @ManyToOne(() => Lot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lot_id' })
  lot?: Lot;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id' })
  client?: Client;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;
}
