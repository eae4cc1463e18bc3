import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, Matches } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DecimalField,
  EnumField,
  IntField,
  OptionalNotNull,
  PatchType,
  StringField,
} from 'src/common/validation/fields';
import { TemperatureField } from 'src/warehouses/dto/chamber.dto';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { TaxCategory } from 'src/inventory/catalogue/commodity-tax';
import type { Commodity } from 'src/inventory/catalogue/commodity.entity';

export const COMMODITY_CODE = /^[A-Z0-9-]{1,30}$/;

@ApiSchema({
  description: 'A new commodity. min_temp_c must be lower than max_temp_c (422 naming both).',
})
export class CreateCommodityDto {
  @ApiProperty({
    description: 'Catalogue code, unique: 1-30 of A-Z, 0-9 and -; stored upper-case',
    example: 'POTATO-JYOTI',
    pattern: COMMODITY_CODE.source,
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(COMMODITY_CODE, { message: 'code must be 1-30 characters of A-Z, 0-9 and -' })
  code!: string;

  @StringField({ max: 200, example: 'Potato (Jyoti)' })
  name!: string;

  @StringField({
    optional: true,
    nullable: true,
    max: 100,
    description: 'Free-text grouping, e.g. Vegetables',
    example: 'Vegetables',
  })
  category?: string | null;

  @EnumField(CommodityUnit, 'CommodityUnit', {
    description: 'How the commodity is counted',
    example: CommodityUnit.Bag,
  })
  unit!: CommodityUnit;

  @TemperatureField({
    description: 'Lowest storage temperature; lower than max_temp_c',
    example: '2',
  })
  min_temp_c!: string;

  @TemperatureField({
    description: 'Highest storage temperature; higher than min_temp_c',
    example: '4.5',
  })
  max_temp_c!: string;

  @IntField({
    optional: true,
    nullable: true,
    min: 1,
    max: 36_500,
    description:
      'Days the commodity keeps in storage, which sets the default expiry of lots received; ' +
      'null when not stated',
    example: 240,
  })
  shelf_life_days?: number | null;

  @EnumField(TaxCategory, 'TaxCategory', {
    optional: true,
    description:
      'GST treatment of its storage (default TAXABLE): storage of unprocessed agricultural ' +
      'produce is exempt (Notification 12/2017-Central Tax (Rate), S. No. 54(e)), and its ' +
      'invoice lines are taxed at 0 with the exemption note on the invoice',
    example: TaxCategory.ExemptAgriculturalProduce,
  })
  tax_category?: TaxCategory;

  @DecimalField({
    optional: true,
    nullable: true,
    scale: 4,
    description:
      "For a TAXABLE commodity, the GST rate in percent (at most 100) its lines are taxed at instead of the rate card's; null: the card's rate. Must be null for an exempt commodity (422)",
    example: '18',
  })
  tax_rate_percent?: string | null;

  @ApiPropertyOptional({
    description:
      "On the FDA's Food Traceability List (default false): its receipts and shipments must " +
      'carry the FSMA 204 key data elements (21 CFR 1 subpart S)',
    example: false,
  })
  @OptionalNotNull()
  @IsBoolean({ message: 'on_food_traceability_list must be true or false' })
  on_food_traceability_list?: boolean;
}

/** Null is refused for the NOT NULL fields; category and shelf_life_days may be cleared. */
@ApiSchema({
  description:
    'Only the fields sent change. After the change min_temp_c must still be lower than ' +
    'max_temp_c, a bound not sent being the stored one (422 naming both); unit and the range ' +
    'cannot change once lots of the commodity exist (409).',
})
export class UpdateCommodityDto extends PatchType(CreateCommodityDto) {}

export class ListCommoditiesQueryDto extends PaginationQueryDto {
  @StringField({
    optional: true,
    max: 100,
    description: 'Code or name contains this (case-insensitive), e.g. potato',
  })
  q?: string;

  @StringField({
    optional: true,
    max: 100,
    description: 'Exactly this category (case-insensitive), e.g. Vegetables',
  })
  category?: string;
}

export class CommodityOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'POTATO-JYOTI' })
  code!: string;

  @ApiProperty({ example: 'Potato (Jyoti)' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Vegetables' })
  category!: string | null;

  @ApiProperty({ enum: CommodityUnit, enumName: 'CommodityUnit', example: CommodityUnit.Bag })
  unit!: CommodityUnit;

  @ApiProperty({ description: '°C as a decimal string', example: '2' })
  min_temp_c!: string;

  @ApiProperty({ description: '°C as a decimal string', example: '4.5' })
  max_temp_c!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 240 })
  shelf_life_days!: number | null;

  @ApiProperty({
    enum: TaxCategory,
    enumName: 'TaxCategory',
    example: TaxCategory.Taxable,
    description: 'GST treatment of its storage',
  })
  tax_category!: TaxCategory;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '18',
    description: "GST rate in percent used instead of the rate card's; null: the card's rate",
  })
  tax_rate_percent!: string | null;

  @ApiProperty({ description: "On the FDA's Food Traceability List", example: false })
  on_food_traceability_list!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toCommodityOut(commodity: Commodity): CommodityOutDto {
  return {
    id: commodity.id,
    code: commodity.code,
    name: commodity.name,
    category: commodity.category,
    unit: commodity.unit,
    min_temp_c: commodity.minTempC,
    max_temp_c: commodity.maxTempC,
    shelf_life_days: commodity.shelfLifeDays,
    tax_category: commodity.taxCategory,
    tax_rate_percent: commodity.taxRatePercent,
    on_food_traceability_list: commodity.onFoodTraceabilityList,
    created_at: commodity.createdAt.toISOString(),
    updated_at: commodity.updatedAt.toISOString(),
  };
}
