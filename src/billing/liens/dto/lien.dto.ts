import { ApiProperty } from '@nestjs/swagger';
import { formatMinor } from 'src/billing/money';
import { LienKind, LienStatus } from 'src/billing/liens/lien.enums';
import type { LienFigures } from 'src/billing/liens/lien-interest';
import type { LienRepayment } from 'src/billing/liens/lien-repayment.entity';
import type { Lien } from 'src/billing/liens/lien.entity';

export class LienRepaymentOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date' })
  paid_on!: string;

  @ApiProperty({ type: 'integer', example: 5147945 })
  amount_minor!: number;

  @ApiProperty({ type: 'integer', description: 'The part that paid interest', example: 147945 })
  interest_minor!: number;

  @ApiProperty({ type: 'integer', description: 'The part that paid principal', example: 5000000 })
  principal_minor!: number;

  @ApiProperty({ type: String, nullable: true, example: 'NEFT UTIB0000123' })
  reference!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class LienOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'AGRA-2026-000042' })
  lot_number!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ enum: LienKind, enumName: 'LienKind' })
  kind!: LienKind;

  @ApiProperty({ example: 'State Bank of India, Agra branch' })
  lender_name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'ENWR-PL-2026-000123' })
  pledge_reference!: string | null;

  @ApiProperty({ enum: LienStatus, enumName: 'LienStatus' })
  status!: LienStatus;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 5000000, description: 'Lent, in minor units' })
  principal_minor!: number;

  @ApiProperty({ example: '50000.00' })
  principal!: string;

  @ApiProperty({ type: 'integer', example: 60 })
  secured_quantity!: number;

  @ApiProperty({ format: 'date' })
  start_date!: string;

  @ApiProperty({ example: '12', description: 'Simple interest per annum, percent' })
  interest_rate_percent!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Repaid or released on',
  })
  closed_on!: string | null;

  @ApiProperty({ type: String, nullable: true })
  release_reason!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  released_at!: string | null;

  @ApiProperty({ format: 'date', description: 'The day of the figures below' })
  as_of!: string;

  @ApiProperty({ type: 'integer', example: 5000000 })
  principal_outstanding_minor!: number;

  @ApiProperty({
    type: 'integer',
    example: 147945,
    description: 'Interest accrued and unpaid on as_of, rounded half up',
  })
  interest_accrued_minor!: number;

  @ApiProperty({ example: '1479.45' })
  interest_accrued!: string;

  @ApiProperty({ type: 'integer', example: 0, description: 'Repaid up to as_of' })
  repaid_minor!: number;

  @ApiProperty({ example: '0.00' })
  repaid!: string;

  @ApiProperty({
    type: 'integer',
    example: 5147945,
    description: 'Principal outstanding + interest accrued',
  })
  balance_minor!: number;

  @ApiProperty({ example: '51479.45' })
  balance!: string;

  @ApiProperty({ type: [LienRepaymentOutDto], description: 'In date order' })
  repayments!: LienRepaymentOutDto[];

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

/** What names a lien in the audit trail. */
export const lienHead = (lien: Lien) => ({
  lot_id: lien.lotId,
  kind: lien.kind,
  lender_name: lien.lenderName,
  pledge_reference: lien.pledgeReference,
  principal_minor: lien.principalMinor,
  currency: lien.currency,
  secured_quantity: lien.securedQuantity,
  start_date: lien.startDate,
  interest_rate_percent: lien.interestRatePercent,
  status: lien.status,
});

export function toLienOut(
  lien: Lien,
  lotNumber: string,
  repayments: LienRepayment[],
  figures: LienFigures,
): LienOutDto {
  const money = (minor: number) => formatMinor(minor, lien.currency);
  return {
    id: lien.id,
    lot_id: lien.lotId,
    lot_number: lotNumber,
    client_id: lien.clientId,
    warehouse_id: lien.warehouseId,
    kind: lien.kind,
    lender_name: lien.lenderName,
    pledge_reference: lien.pledgeReference,
    status: lien.status,
    currency: lien.currency,
    principal_minor: lien.principalMinor,
    principal: money(lien.principalMinor),
    secured_quantity: lien.securedQuantity,
    start_date: lien.startDate,
    interest_rate_percent: lien.interestRatePercent,
    closed_on: lien.closedOn,
    release_reason: lien.releaseReason,
    released_at: lien.releasedAt ? lien.releasedAt.toISOString() : null,
    as_of: figures.asOf,
    principal_outstanding_minor: figures.principalOutstandingMinor,
    interest_accrued_minor: figures.interestAccruedMinor,
    interest_accrued: money(figures.interestAccruedMinor),
    repaid_minor: figures.repaidMinor,
    repaid: money(figures.repaidMinor),
    balance_minor: figures.balanceMinor,
    balance: money(figures.balanceMinor),
    repayments: repayments.map((r) => ({
      id: r.id,
      paid_on: r.paidOn,
      amount_minor: r.amountMinor,
      interest_minor: r.interestMinor,
      principal_minor: r.principalMinor,
      reference: r.reference,
      created_at: r.createdAt.toISOString(),
    })),
    created_at: lien.createdAt.toISOString(),
  };
}
