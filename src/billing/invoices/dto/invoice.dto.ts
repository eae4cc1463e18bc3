import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SeasonAccount } from 'src/billing/seasons/season-statement.service';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DateField,
  DateTimeField,
  EnumField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { InvoiceLineKind, InvoiceStatus, RateBasis } from 'src/billing/billing.enums';
import type { InvoiceLine } from 'src/billing/invoices/invoice-line.entity';
import type { Invoice } from 'src/billing/invoices/invoice.entity';
import { formatMinor } from 'src/billing/money';

@ApiSchema({
  description:
    'The client and the inclusive period to bill: period_end not before period_start, and at ' +
    'most 366 days in all (422).',
})
export class CreateInvoiceDto {
  @UuidField({ description: 'The client to bill' })
  client_id!: string;

  @DateField({
    description: "First day billed (inclusive; calendar days in each warehouse's time zone)",
    example: '2026-10-01',
  })
  period_start!: string;

  @DateField({
    description: 'Last day billed (inclusive); not before period_start, at most 366 days in all',
    example: '2026-10-31',
  })
  period_end!: string;
}

export class VoidInvoiceDto {
  @StringField({
    max: 500,
    description: 'Why the invoice is void; shown on it',
    example: 'Billed at the wrong rate; reissued',
  })
  reason!: string;
}

export class MarkPaidDto {
  @DateTimeField({ description: 'When the payment was received; not in the future' })
  paid_at!: Date;

  @StringField({
    max: 100,
    description: 'The payment reference, e.g. a bank transfer id',
    example: 'NEFT UTIB0000123 / 2026-11-05',
  })
  reference!: string;
}

export class ListInvoicesQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Invoices of this client' })
  client_id?: string;

  @EnumField(InvoiceStatus, 'InvoiceStatus', { optional: true, description: 'Only this status' })
  status?: InvoiceStatus;

  @DateField({ optional: true, description: 'Periods ending on or after this day' })
  from?: string;

  @DateField({ optional: true, description: 'Periods starting on or before this day' })
  to?: string;
}

export class InvoiceLineOutDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'Order of the line, from 1' })
  position!: number;

  @ApiProperty({ enum: InvoiceLineKind, enumName: 'InvoiceLineKind' })
  kind!: InvoiceLineKind;

  @ApiProperty({ example: 'Storage, 100 BAG × 8 days (2026-10-03 – 2026-10-10)' })
  description!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  lot_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PUNE-2026-000002' })
  lot_number!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  commodity_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  rate_card_id!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The season of a SEASON_RENT, SEASON_EXTENSION or BOOKING_CREDIT line',
  })
  season_id!: string | null;

  @ApiProperty({ enum: RateBasis, enumName: 'RateBasis', nullable: true })
  basis!: RateBasis | null;

  @ApiProperty({ description: 'Units or kg the line is priced on', example: '100' })
  quantity!: string;

  @ApiProperty({ example: 'BAG' })
  unit!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 8,
    description: 'Days charged (storage and minimum-stay lines); null for handling',
  })
  days!: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  from_date!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  to_date!: string | null;

  @ApiProperty({ example: '0.5' })
  rate!: string;

  @ApiProperty({ example: 'per BAG-day' })
  rate_unit!: string;

  @ApiProperty({
    example: '18',
    description:
      "GST rate of the line: 0 for an exempt commodity, else the commodity's rate when it has one, else the rate card's",
  })
  tax_rate_percent!: string;

  @ApiProperty({
    example: false,
    description: 'Storage of agricultural produce, exempt from GST (rate 0)',
  })
  tax_exempt!: boolean;

  @ApiProperty({ type: 'integer', description: 'Minor units of the currency', example: 40000 })
  amount_minor!: number;

  @ApiProperty({ description: 'The same amount in major units', example: '400.00' })
  amount!: string;
}

export class InvoiceTaxOutDto {
  @ApiProperty({ example: '18' })
  rate_percent!: string;

  @ApiProperty({
    example: false,
    description: 'The 0% row of lines exempt from GST, apart from lines taxed at a rate of 0',
  })
  exempt!: boolean;

  @ApiProperty({ example: 'GST 18%', description: "'Exempt' or 'GST <rate>%'" })
  label!: string;

  @ApiProperty({
    type: 'integer',
    example: 70000,
    description: 'Lines taxed at this rate, in minor units',
  })
  base_minor!: number;

  @ApiProperty({ type: 'integer', example: 12600, description: 'Tax at this rate, in minor units' })
  tax_minor!: number;
}

export class InvoiceSummaryOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'INV-2026-000001' })
  number!: string | null;

  @ApiProperty({ enum: InvoiceStatus, enumName: 'InvoiceStatus' })
  status!: InvoiceStatus;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ format: 'date' })
  period_start!: string;

  @ApiProperty({ format: 'date' })
  period_end!: string;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 70000, description: 'Sum of the lines, in minor units' })
  subtotal_minor!: number;

  @ApiProperty({ type: 'integer', example: 12600, description: 'Total tax, in minor units' })
  tax_minor!: number;

  @ApiProperty({
    type: 'integer',
    example: 82600,
    description: 'Subtotal plus tax, in minor units',
  })
  total_minor!: number;

  @ApiProperty({ example: '700.00' })
  subtotal!: string;

  @ApiProperty({ example: '126.00' })
  tax!: string;

  @ApiProperty({ example: '826.00' })
  total!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  issued_on!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  generated_by_id!: string | null;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  approved_by_id!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  approved_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paid_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  payment_reference!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  voided_at!: string | null;

  @ApiProperty({ type: String, nullable: true })
  void_reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

/** Where the client stands with a season the invoice bills rent for. */
export class InvoiceSeasonAccountOutDto {
  @ApiProperty({ format: 'uuid' })
  season_id!: string;

  @ApiProperty({ example: 'Potato season 2026' })
  season_name!: string;

  @ApiProperty({
    example: 3_560_000,
    description:
      "The season's rent, extension and booking credits with tax, on the client's approved and " +
      'paid invoices, and on this one while it is a draft (minor units)',
  })
  billed_minor!: number;

  @ApiProperty({ example: '35600.00' })
  billed!: string;

  @ApiProperty({ example: 1_000_000, description: "The client's season payments to date" })
  paid_minor!: number;

  @ApiProperty({ example: '10000.00' })
  paid!: string;

  @ApiProperty({ example: 2_560_000, description: 'billed − paid' })
  balance_minor!: number;

  @ApiProperty({ example: '25600.00' })
  balance!: string;
}

export class InvoiceOutDto extends InvoiceSummaryOutDto {
  @ApiProperty({ type: String, nullable: true, description: 'Bill-to name frozen on approval' })
  client_name!: string | null;

  @ApiProperty({ type: [InvoiceTaxOutDto] })
  taxes!: InvoiceTaxOutDto[];

  @ApiProperty({
    type: [String],
    example: [
      'Storage of agricultural produce: exempt from GST, Notification No. 12/2017-Central Tax (Rate), S. No. 54(e)',
    ],
    description:
      'Notes the tax treatment requires, printed on the PDF: the GST exemption note whenever a line is exempt. Frozen on approval',
  })
  tax_notes!: string[];

  @ApiProperty({ type: [InvoiceLineOutDto] })
  lines!: InvoiceLineOutDto[];

  @ApiProperty({
    type: [InvoiceSeasonAccountOutDto],
    description:
      'For each season the invoice bills rent for: billed to date, paid and the balance (also on the PDF)',
  })
  season_accounts!: InvoiceSeasonAccountOutDto[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What names an invoice and its total: the audit trail's summary, and part of every answer. */
export const invoiceHead = (invoice: Invoice) => ({
  number: invoice.number,
  status: invoice.status,
  client_id: invoice.clientId,
  period_start: invoice.periodStart,
  period_end: invoice.periodEnd,
  currency: invoice.currency,
  total_minor: invoice.totalMinor,
});

export function toInvoiceSummaryOut(invoice: Invoice): InvoiceSummaryOutDto {
  const money = (minor: number) => formatMinor(minor, invoice.currency);
  return {
    id: invoice.id,
    ...invoiceHead(invoice),
    subtotal_minor: invoice.subtotalMinor,
    tax_minor: invoice.taxMinor,
    subtotal: money(invoice.subtotalMinor),
    tax: money(invoice.taxMinor),
    total: money(invoice.totalMinor),
    issued_on: invoice.issuedOn,
    generated_by_id: invoice.generatedById,
    generated_at: invoice.generatedAt.toISOString(),
    approved_by_id: invoice.approvedById,
    approved_at: iso(invoice.approvedAt),
    paid_at: iso(invoice.paidAt),
    payment_reference: invoice.paymentReference,
    voided_at: iso(invoice.voidedAt),
    void_reason: invoice.voidReason,
    created_at: invoice.createdAt.toISOString(),
    updated_at: invoice.updatedAt.toISOString(),
  };
}

export function toInvoiceLineOut(line: InvoiceLine, currency: string): InvoiceLineOutDto {
  return {
    position: line.position,
    kind: line.kind,
    description: line.description,
    lot_id: line.lotId,
    lot_number: line.lotNumber,
    warehouse_id: line.warehouseId,
    commodity_id: line.commodityId,
    rate_card_id: line.rateCardId,
    season_id: line.seasonId,
    basis: line.basis,
    quantity: line.quantity,
    unit: line.unit,
    days: line.days,
    from_date: line.fromDate,
    to_date: line.toDate,
    rate: line.rate,
    rate_unit: line.rateUnit,
    tax_rate_percent: line.taxRatePercent,
    tax_exempt: line.taxExempt,
    amount_minor: line.amountMinor,
    amount: formatMinor(line.amountMinor, currency),
  };
}

export function toInvoiceOut(detail: {
  invoice: Invoice;
  lines: InvoiceLine[];
  taxes: { ratePercent: string; exempt: boolean; baseMinor: number; taxMinor: number }[];
  seasonAccounts: SeasonAccount[];
}): InvoiceOutDto {
  const { invoice } = detail;
  const money = (minor: number) => formatMinor(minor, invoice.currency);
  return Object.assign(toInvoiceSummaryOut(invoice), {
    client_name: invoice.clientName,
    taxes: detail.taxes.map((t) => ({
      rate_percent: t.ratePercent,
      exempt: t.exempt,
      label: t.exempt ? 'Exempt' : `GST ${t.ratePercent}%`,
      base_minor: t.baseMinor,
      tax_minor: t.taxMinor,
    })),
    tax_notes: invoice.taxNotes,
    lines: detail.lines.map((line) => toInvoiceLineOut(line, invoice.currency)),
    season_accounts: detail.seasonAccounts.map((a) => ({
      season_id: a.seasonId,
      season_name: a.seasonName,
      billed_minor: a.billedMinor,
      billed: money(a.billedMinor),
      paid_minor: a.paidMinor,
      paid: money(a.paidMinor),
      balance_minor: a.balanceMinor,
      balance: money(a.balanceMinor),
    })),
  });
}
