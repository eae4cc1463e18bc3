import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DocumentLanguageQueryDto } from 'src/common/pdf/document-language.dto';
import { UuidField } from 'src/common/validation/fields';

export const SEASON_STATEMENT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type SeasonStatementFormat = (typeof SEASON_STATEMENT_FORMATS)[number];

/** JSON by default, CSV (one row per lot) with format=csv, a PDF with format=pdf (and lang). */
export class SeasonStatementFormatDto extends DocumentLanguageQueryDto {
  @ApiPropertyOptional({ enum: SEASON_STATEMENT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(SEASON_STATEMENT_FORMATS, { message: 'format must be json, csv or pdf' })
  format?: SeasonStatementFormat;
}

export class SeasonStatementQueryDto extends SeasonStatementFormatDto {
  @UuidField({ optional: true, description: 'The client (staff; a client always gets its own)' })
  client_id?: string;
}

export class SeasonStatementLotDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000123' })
  lot_number!: string;

  @ApiProperty({ type: 'integer', example: 3500000, description: 'Season rent, minor units' })
  rent_minor!: number;

  @ApiProperty({ example: '35000.00' })
  rent!: string;

  @ApiProperty({ type: 'integer', example: 60000, description: 'Extension rent, minor units' })
  extension_minor!: number;

  @ApiProperty({ example: '600.00' })
  extension!: string;

  @ApiProperty({
    type: 'integer',
    example: -500000,
    description: 'Booking fee credited (negative), minor units',
  })
  booking_credit_minor!: number;

  @ApiProperty({ example: '-5000.00' })
  booking_credit!: string;

  @ApiProperty({ type: 'integer', example: 3060000, description: 'Before tax, minor units' })
  charged_minor!: number;

  @ApiProperty({ example: '30600.00' })
  charged!: string;

  @ApiProperty({ type: 'integer', example: 50, description: 'Bags released by payments' })
  bags_released!: number;
}

export class SeasonStatementPaymentDto {
  @ApiProperty({ example: 'RCPT-2026-000001' })
  receipt_number!: string;

  @ApiProperty({ format: 'date-time' })
  paid_at!: string;

  @ApiProperty({ type: 'integer', example: 2000000 })
  amount_minor!: number;

  @ApiProperty({ example: '20000.00' })
  amount!: string;

  @ApiProperty({ example: 'UPI 6123 4455 0021' })
  reference!: string;
}

export class SeasonStatementOutDto {
  @ApiProperty({ format: 'uuid' })
  season_id!: string;

  @ApiProperty({ example: 'Potato season 2026' })
  season_name!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ type: [SeasonStatementLotDto] })
  lots!: SeasonStatementLotDto[];

  @ApiProperty({ type: 'integer', example: 500000, description: 'Booking fees of the season' })
  booking_fees_minor!: number;

  @ApiProperty({ type: 'integer', example: 3060000, description: 'Sum of the lots, before tax' })
  subtotal_minor!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Tax on the season lines' })
  tax_minor!: number;

  @ApiProperty({ type: 'integer', example: 3060000 })
  total_minor!: number;

  @ApiProperty({ type: 'integer', example: 2000000 })
  paid_minor!: number;

  @ApiProperty({ type: 'integer', example: 1060000, description: 'total − paid' })
  balance_minor!: number;

  @ApiProperty({ example: '30600.00' })
  total!: string;

  @ApiProperty({ example: '20000.00' })
  paid!: string;

  @ApiProperty({ example: '10600.00' })
  balance!: string;

  @ApiProperty({ type: [SeasonStatementPaymentDto] })
  payments!: SeasonStatementPaymentDto[];
}
