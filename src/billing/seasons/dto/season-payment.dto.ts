import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateNested } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DateTimeField,
  DecimalField,
  IntField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { formatMinor } from 'src/billing/money';
import type { SeasonPayment } from 'src/billing/seasons/season-payment.entity';

export class BagsReleasedInDto {
  @UuidField({ description: 'A lot of the client in the season’s warehouse' })
  lot_id!: string;

  @IntField({ min: 1, max: 10_000_000, description: 'Bags released', example: 50 })
  bags!: number;
}

@ApiSchema({
  description:
    "A client's payment for a season, in the season's currency, and the bags it releases per " +
    'lot (at most what each lot holds, each lot once). Answers the receipt, numbered ' +
    'RCPT-<YYYY>-<NNNNNN> without gaps per year.',
})
export class CreateSeasonPaymentDto {
  @UuidField({ description: 'The season paid for' })
  season_id!: string;

  @UuidField({ description: 'The client who pays' })
  client_id!: string;

  @DecimalField({
    scale: 3,
    description: "Amount paid, more than 0, in the season's currency",
    example: '20000.00',
  })
  amount!: string;

  @DateTimeField({ description: 'When the payment was received; not in the future' })
  paid_at!: Date;

  @StringField({ max: 100, description: 'Payment reference', example: 'UPI 6123 4455 0021' })
  reference!: string;

  @ApiProperty({ type: [BagsReleasedInDto], description: 'Bags released per lot (may be empty)' })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BagsReleasedInDto)
  bags_released!: BagsReleasedInDto[];
}

export class ListSeasonPaymentsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Payments for this season' })
  season_id?: string;

  @UuidField({ optional: true, description: 'Payments of this client' })
  client_id?: string;
}

export class BagsReleasedOutDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000123' })
  lot_number!: string;

  @ApiProperty({ type: 'integer', example: 50 })
  bags!: number;
}

export class SeasonPaymentOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'RCPT-2026-000001' })
  receipt_number!: string;

  @ApiProperty({ format: 'uuid' })
  season_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ type: 'integer', example: 2000000, description: 'In minor units' })
  amount_minor!: number;

  @ApiProperty({ example: '20000.00' })
  amount!: string;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  paid_at!: string;

  @ApiProperty({ example: 'UPI 6123 4455 0021' })
  reference!: string;

  @ApiProperty({ type: [BagsReleasedOutDto] })
  bags_released!: BagsReleasedOutDto[];

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export function toSeasonPaymentOut(p: SeasonPayment): SeasonPaymentOutDto {
  return {
    id: p.id,
    receipt_number: p.receiptNumber,
    season_id: p.seasonId,
    client_id: p.clientId,
    amount_minor: p.amountMinor,
    amount: formatMinor(p.amountMinor, p.currency),
    currency: p.currency,
    paid_at: p.paidAt.toISOString(),
    reference: p.reference,
    bags_released: p.bagsReleased,
    created_at: p.createdAt.toISOString(),
  };
}
