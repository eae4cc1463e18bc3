import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UuidField } from 'src/common/validation/fields';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';

export const STOCK_BY_LOCATION_FORMATS = ['json', 'csv'] as const;

export class StockByLocationQueryDto {
  @UuidField({
    optional: true,
    description: 'Required unless you are a client (who gets its own stock)',
  })
  client_id?: string;

  @ApiPropertyOptional({ enum: STOCK_BY_LOCATION_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(STOCK_BY_LOCATION_FORMATS, { message: 'format must be json or csv' })
  format?: (typeof STOCK_BY_LOCATION_FORMATS)[number];
}

/** Units of one lot in one location, or in no location of its chamber (location null). */
export class StockByLocationRowDto {
  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: 'PUNE' })
  warehouse_code!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'CH-01' })
  chamber_code!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null: not in a location',
  })
  location_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'F1-R03-L2-S04' })
  location_code!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The lot's free-text position",
    example: 'R3',
  })
  position!: string | null;

  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000042' })
  lot_number!: string;

  @ApiProperty({ example: 'POT-R' })
  commodity_code!: string;

  @ApiProperty({ enum: CommodityUnit, enumName: 'CommodityUnit' })
  unit!: CommodityUnit;

  @ApiProperty({ example: 20 })
  quantity!: number;

  @ApiProperty({ description: 'kg, a decimal string', example: '1000' })
  weight_kg!: string;
}

export class StockByLocationOutDto {
  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ example: 'Fresh Farms' })
  company_name!: string;

  @ApiProperty({ format: 'date-time' })
  generated_at!: string;

  @ApiProperty({
    type: [StockByLocationRowDto],
    description: 'By warehouse, chamber and location code (unassigned last), then lot number',
  })
  rows!: StockByLocationRowDto[];

  @ApiProperty({ example: 120 })
  total_quantity!: number;

  @ApiProperty({ example: '6000.5' })
  total_weight_kg!: string;
}
