import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { StringField } from 'src/common/validation/fields';
import { StockRefsDto } from 'src/inventory/dto/stock-refs.dto';
import { LotStatus } from 'src/inventory/lot-status.enum';
import { ExcursionDirection, LotDisposition } from 'src/cold-chain/excursions/excursion.enums';
import {
  TemperaturePointDto,
  TemperatureSummaryDto,
} from 'src/cold-chain/history/dto/temperature-history.dto';

/** Temperature figures with the minutes spent out of range. */
export class ColdChainFiguresDto extends TemperatureSummaryDto {
  @ApiProperty({
    example: 12.5,
    description:
      'Minutes out of range, 1 place: each reading counts until its sensor’s next one (at most twice ' +
      'its interval; the last one for one interval); with several sensors, the worst one',
  })
  out_of_range_minutes!: number;
}

export class CertificateLotDto extends PickType(StockRefsDto, [
  'lot_number',
  'warehouse_id',
  'warehouse_code',
  'client_id',
  'company_name',
  'commodity_id',
  'commodity_code',
  'commodity_name',
  'unit',
] as const) {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Pune Central Cold Store' })
  warehouse_name!: string;

  @ApiProperty({ example: 'Asia/Kolkata', description: 'The time zone the PDF shows times in' })
  warehouse_timezone!: string;

  @ApiProperty({ example: '-25', description: "The commodity's storage range, °C" })
  commodity_min_temp_c!: string;

  @ApiProperty({ example: '-18' })
  commodity_max_temp_c!: string;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;

  @ApiProperty({ type: 'integer', example: 400, description: 'Units received (INWARD movements)' })
  quantity_received!: number;

  @ApiProperty({ type: 'integer', example: 250, description: 'Units on hand now' })
  quantity!: number;

  @ApiProperty({ example: '6250.5', description: 'kg on hand now' })
  weight_kg!: string;

  @ApiProperty({ enum: LotStatus, enumName: 'LotStatus' })
  status!: LotStatus;
}

/** A span the lot spent in one chamber, with that chamber's temperatures meanwhile. */
export class CertificateStayDto extends IntersectionType(
  ColdChainFiguresDto,
  PickType(StockRefsDto, ['chamber_id', 'chamber_code', 'chamber_name'] as const),
) {
  @ApiProperty({ format: 'date-time', description: 'Receipt or transfer in' })
  started_at!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Transfer out or depletion; null while the lot is still there',
  })
  ended_at!: string | null;

  @ApiProperty({ enum: ['TRANSFER', 'DEPLETED'], nullable: true })
  ended_by!: 'TRANSFER' | 'DEPLETED' | null;

  @ApiProperty({
    example: -25,
    description: "Lower limit, °C: the chamber's, raised to the commodity's when that is stricter",
  })
  limit_min_c!: number;

  @ApiProperty({ example: -18, description: 'Upper limit, °C, likewise narrowed' })
  limit_max_c!: number;

  @ApiProperty({
    type: [TemperaturePointDto],
    description: "The chamber's temperatures over the stay, in the certificate's chart buckets",
  })
  points!: TemperaturePointDto[];
}

/** An excursion of a chamber the lot sat in, while it sat there, or one that held the lot. */
export class CertificateExcursionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'FRZ-01' })
  chamber_code!: string;

  @ApiProperty({ enum: ExcursionDirection, enumName: 'ExcursionDirection' })
  direction!: ExcursionDirection;

  @ApiProperty({ example: -25 })
  limit_min_c!: number;

  @ApiProperty({ example: -18 })
  limit_max_c!: number;

  @ApiProperty({ example: -26.5, description: 'Lowest reading while it lasted, °C' })
  min_temp_c!: number;

  @ApiProperty({ example: -12.1, description: 'Highest reading while it lasted, °C' })
  max_temp_c!: number;

  @ApiProperty({ format: 'date-time' })
  started_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  ended_at!: string | null;

  @ApiProperty({ description: 'Whether the excursion put this lot on hold' })
  held!: boolean;

  @ApiProperty({ enum: LotDisposition, enumName: 'LotDisposition', nullable: true })
  disposition!: LotDisposition | null;

  @ApiProperty({ type: String, nullable: true })
  disposition_note!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Asha Patil' })
  disposed_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disposed_at!: string | null;
}

export class ColdChainCertificateDto {
  @ApiProperty({ type: CertificateLotDto })
  lot!: CertificateLotDto;

  @ApiProperty({ type: ColdChainFiguresDto, description: 'Every stay together' })
  overall!: ColdChainFiguresDto;

  @ApiProperty({ type: [CertificateStayDto], description: 'Oldest first' })
  stays!: CertificateStayDto[];

  @ApiProperty({ type: [CertificateExcursionDto], description: 'Oldest first' })
  excursions!: CertificateExcursionDto[];

  @ApiProperty({ example: '6h', description: "Bucket of the stays' points (at most 500 in all)" })
  chart_bucket!: string;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({
    example: '3F2A-9C1B-77D0-5E4A-0B12',
    description:
      'HMAC of everything above but generated_at: the same data gives the same code, any change ' +
      'another; check one with GET /api/inventory/lots/{id}/cold-chain/verify',
  })
  verification_code!: string;
}

export class VerifyCertificateQueryDto {
  @StringField({ max: 40, description: 'The code printed on the certificate' })
  code!: string;
}

export class CertificateVerificationDto {
  @ApiProperty({
    description: "Whether the code matches the lot's certificate as its data stands now",
  })
  valid!: boolean;

  @ApiProperty({ example: '3F2A-9C1B-77D0-5E4A-0B12' })
  verification_code!: string;
}
