import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DateField, UuidField } from 'src/common/validation/fields';
import { StockRefsDto } from 'src/inventory/dto/stock-refs.dto';

export class SummaryQueryDto {
  @UuidField({ optional: true, description: 'One warehouse (default: every one in your scope)' })
  warehouse_id?: string;
}

/** Lots with stock, their units and their kg. */
export class StockFiguresDto {
  @ApiProperty({ type: 'integer', example: 12, description: 'Lots with quantity > 0' })
  lots!: number;

  @ApiProperty({ type: 'integer', example: 480, description: 'Units in those lots' })
  quantity!: number;

  @ApiProperty({ example: '24000.5', description: 'kg, a decimal string' })
  weight_kg!: string;
}

export class ClientStockDto extends IntersectionType(
  StockFiguresDto,
  PickType(StockRefsDto, ['client_id', 'company_name'] as const),
) {}

export class CommodityStockDto extends IntersectionType(
  StockFiguresDto,
  PickType(StockRefsDto, ['commodity_id', 'commodity_code', 'commodity_name', 'unit'] as const),
) {}

export class ChamberStockDto extends IntersectionType(
  StockFiguresDto,
  PickType(StockRefsDto, ['chamber_id', 'chamber_code', 'chamber_name', 'warehouse_id'] as const),
) {}

export class ChamberOccupancyDto extends PickType(StockRefsDto, [
  'chamber_id',
  'chamber_code',
  'chamber_name',
  'warehouse_id',
] as const) {
  @ApiProperty()
  active!: boolean;

  @ApiProperty({ type: 'integer', nullable: true, example: 800 })
  capacity_units!: number | null;

  @ApiProperty({ type: 'integer', example: 530, description: 'Units of the lots in the chamber' })
  occupied_units!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '66.25',
    description: 'occupied / capacity × 100, 2 places; null when the capacity is unknown or 0',
  })
  percent!: string | null;
}

export class StockSummaryOutDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiProperty({ type: StockFiguresDto })
  totals!: StockFiguresDto;

  @ApiProperty({ type: [ClientStockDto] })
  by_client!: ClientStockDto[];

  @ApiProperty({ type: [CommodityStockDto] })
  by_commodity!: CommodityStockDto[];

  @ApiProperty({ type: [ChamberStockDto] })
  by_chamber!: ChamberStockDto[];

  @ApiProperty({
    type: [ChamberOccupancyDto],
    description: 'Every chamber in scope (empty for a client: occupancy includes others’ goods)',
  })
  chamber_occupancy!: ChamberOccupancyDto[];
}

export class AgingQueryDto {
  @UuidField({ optional: true, description: 'Only the lots of this warehouse' })
  warehouse_id?: string;

  @UuidField({ optional: true, description: 'Only the lots of this client' })
  client_id?: string;
}

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucketName = (typeof AGING_BUCKETS)[number];

export class AgingBucketDto extends StockFiguresDto {
  @ApiProperty({ enum: AGING_BUCKETS, example: '0-30' })
  bucket!: AgingBucketName;

  @ApiProperty({ type: 'integer', example: 0, description: 'Whole days since receipt, from' })
  min_days!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 30, description: 'to (null: no end)' })
  max_days!: number | null;
}

export class AgingOutDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  client_id!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Ages are counted up to this instant' })
  as_of!: string;

  @ApiProperty({ type: [AgingBucketDto], description: 'Always the four buckets, in order' })
  buckets!: AgingBucketDto[];
}

export const STATEMENT_FORMATS = ['json', 'csv'] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

export class StatementQueryDto {
  @UuidField({
    optional: true,
    description: 'Required unless you are a client (who gets its own statement)',
  })
  client_id?: string;

  @DateField({
    optional: true,
    description:
      "Stock at the end of this day in each lot's warehouse time zone; default today (UTC)",
  })
  as_of?: string;

  @ApiPropertyOptional({ enum: STATEMENT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(STATEMENT_FORMATS, { message: 'format must be json or csv' })
  format?: StatementFormat;
}

export class StatementLotDto extends PickType(StockRefsDto, [
  'lot_id',
  'lot_number',
  'warehouse_id',
  'warehouse_code',
  'commodity_id',
  'commodity_code',
  'commodity_name',
  'unit',
  'chamber_code',
] as const) {
  @ApiProperty({ format: 'uuid', description: 'The chamber the lot was in at that time' })
  chamber_id!: string;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;

  @ApiProperty({ type: 'integer', example: 70, description: 'Units in the lot at that time' })
  quantity!: number;

  @ApiProperty({ example: '3500', description: 'kg in the lot at that time, a decimal string' })
  weight_kg!: string;
}

export class StatementOutDto extends PickType(StockRefsDto, [
  'client_id',
  'company_name',
] as const) {
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  as_of!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Set when the statement covers only your warehouse',
  })
  warehouse_id!: string | null;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({ type: [StatementLotDto], description: 'Lots with stock then, by lot number' })
  lots!: StatementLotDto[];

  @ApiProperty({ type: StockFiguresDto })
  totals!: StockFiguresDto;
}
