import { ApiProperty } from '@nestjs/swagger';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';

/**
 * The lot, warehouse, client, commodity and chamber fields that stock responses share, described
 * once: each response DTO picks its own (PickType / IntersectionType).
 */
export class StockRefsDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000042' })
  lot_number!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: 'PUNE' })
  warehouse_code!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ example: 'Sahyadri Farms' })
  company_name!: string;

  @ApiProperty({ format: 'uuid' })
  commodity_id!: string;

  @ApiProperty({ example: 'POTATO' })
  commodity_code!: string;

  @ApiProperty({ example: 'Potato (table)' })
  commodity_name!: string;

  @ApiProperty({ enum: CommodityUnit, enumName: 'CommodityUnit' })
  unit!: CommodityUnit;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'C-01' })
  chamber_code!: string;

  @ApiProperty({ example: 'Chamber 1' })
  chamber_name!: string;
}
