import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DateField,
  DecimalField,
  EnumField,
  IntField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { LienKind, LienStatus } from 'src/billing/liens/lien.enums';

const CURRENCY = /^[A-Z]{3}$/;
/** Far past any loan, and within a JSON number's exact range. */
const MAX_MINOR = 1_000_000_000_000_000;

@ApiSchema({
  description:
    'A lien on units of a lot. A PLEDGE needs the bank (lender_name) and its pledge_reference; ' +
    'the rate may not exceed the configured cap; secured_quantity is at most what the lot holds ' +
    '(422), and with the open liens of the lot at most what it holds (409).',
})
export class CreateLienDto {
  @EnumField(LienKind, 'LienKind', {
    description: "ADVANCE: the store owner's money; PLEDGE: a bank's loan on the storage receipt",
    example: LienKind.Advance,
  })
  kind!: LienKind;

  @StringField({
    optional: true,
    max: 200,
    description: 'The lender: the bank for a PLEDGE (required); default the store (COMPANY_NAME)',
    example: 'State Bank of India, Agra branch',
  })
  lender_name?: string;

  @StringField({
    optional: true,
    max: 100,
    description: "The bank's pledge reference (e-NWR pledge); required for a PLEDGE",
    example: 'ENWR-PL-2026-000123',
  })
  pledge_reference?: string;

  @IntField({
    min: 1,
    max: MAX_MINOR,
    description: 'The amount lent, in minor units of the currency (paise for INR)',
    example: 5000000,
  })
  principal_minor!: number;

  @ApiProperty({
    required: false,
    description: 'ISO 4217 code, default INR',
    example: 'INR',
    pattern: CURRENCY.source,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(CURRENCY, { message: 'currency must be an ISO 4217 code such as INR' })
  currency?: string;

  @IntField({
    min: 1,
    max: 10_000_000,
    description: 'Units (bags) of the lot the lien covers; at most what the lot holds',
    example: 60,
  })
  secured_quantity!: number;

  @DateField({
    optional: true,
    description: "The day the money was lent; default today in the lot's warehouse; not later",
  })
  start_date?: string;

  @DecimalField({
    scale: 4,
    description:
      'Simple interest per annum, percent, up to 4 places; at most LIEN_MAX_INTEREST_PERCENT (422)',
    example: '12',
  })
  interest_rate_percent!: string;
}

export class RepayLienDto {
  @IntField({
    min: 1,
    max: MAX_MINOR,
    description: 'Minor units paid; at most the balance on paid_on (422)',
    example: 5147945,
  })
  amount_minor!: number;

  @DateField({
    optional: true,
    description:
      "Day of the payment; default today in the lot's warehouse; not before the start or the previous repayment, not in the future",
  })
  paid_on?: string;

  @StringField({
    optional: true,
    max: 100,
    description: 'The payment reference',
    example: 'NEFT UTIB0000123',
  })
  reference?: string;
}

export class ReleaseLienDto {
  @StringField({
    max: 500,
    description: 'Why the lender releases the goods',
    example: 'Loan restructured; the bank releases the pledge',
  })
  reason!: string;
}

export class AsOfQueryDto {
  @DateField({
    optional: true,
    description: 'The day of the figures; default today in DEFAULT_TIMEZONE',
  })
  as_of?: string;
}

export class ListLiensQueryDto extends PaginationQueryDto {
  @EnumField(LienStatus, 'LienStatus', { optional: true, description: 'Only this status' })
  status?: LienStatus;

  @EnumField(LienKind, 'LienKind', { optional: true, description: 'Only this kind' })
  kind?: LienKind;

  @UuidField({ optional: true, description: "Only this client's liens" })
  client_id?: string;

  @UuidField({ optional: true, description: 'Only liens on lots of this warehouse' })
  warehouse_id?: string;

  @DateField({
    optional: true,
    description: 'The day of the figures; default today in DEFAULT_TIMEZONE',
  })
  as_of?: string;
}

export class LienStatementQueryDto {
  @DateField({
    optional: true,
    description:
      'Liens open at the end of this day, with their figures; default today in DEFAULT_TIMEZONE',
  })
  as_of?: string;

  @StringField({ optional: true, max: 200, description: 'Only this lender (case-insensitive)' })
  lender?: string;

  @EnumField(LienKind, 'LienKind', { optional: true, description: 'Only this kind' })
  kind?: LienKind;
}
