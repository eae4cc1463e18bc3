import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DateField,
  DecimalField,
  EnumField,
  PatchType,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { SeasonExtensionBasis } from 'src/billing/billing.enums';
import { CurrencyField } from 'src/billing/currency-field';
import type { Season } from 'src/billing/seasons/season.entity';

@ApiSchema({
  description:
    'A storage season of a warehouse. end_date not before start_date and vacate_by not before ' +
    'end_date, a non-negative extension rate and a known ISO 4217 currency (422); seasons of ' +
    'one warehouse may not overlap (409).',
})
export class CreateSeasonDto {
  @UuidField({ description: 'The warehouse whose season it is' })
  warehouse_id!: string;

  @StringField({ max: 200, example: 'Potato season 2026' })
  name!: string;

  @DateField({ description: 'First day of the season', example: '2026-02-01' })
  start_date!: string;

  @DateField({ description: 'Last day of the season (inclusive)', example: '2026-10-31' })
  end_date!: string;

  @DateField({ description: 'Stock should be out by this day', example: '2026-11-30' })
  vacate_by!: string;

  @DecimalField({
    scale: 4,
    description:
      'Rent per bag or per quintal for each calendar month or part of one that stock stays ' +
      'after the season end (up to 4 places)',
    example: '10',
  })
  extension_rate!: string;

  @EnumField(SeasonExtensionBasis, 'SeasonExtensionBasis', {
    description: 'What the extension rate is charged on: bags (units) or quintals of 100 kg',
    example: SeasonExtensionBasis.PerUnit,
  })
  extension_basis!: SeasonExtensionBasis;

  @CurrencyField()
  currency!: string;
}

@ApiSchema({
  description:
    'Only the fields sent change, under the rules of a new season. Once a season line of an ' +
    'approved invoice refers to the season, only its name may change (409).',
})
export class UpdateSeasonDto extends PatchType(
  OmitType(CreateSeasonDto, ['warehouse_id'] as const),
) {}

export class ListSeasonsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Seasons of this warehouse' })
  warehouse_id?: string;

  @DateField({ optional: true, description: 'The season covering this day' })
  active_on?: string;
}

export class SeasonOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: 'Potato season 2026' })
  name!: string;

  @ApiProperty({ format: 'date' })
  start_date!: string;

  @ApiProperty({ format: 'date' })
  end_date!: string;

  @ApiProperty({ format: 'date' })
  vacate_by!: string;

  @ApiProperty({ example: '10' })
  extension_rate!: string;

  @ApiProperty({ enum: SeasonExtensionBasis, enumName: 'SeasonExtensionBasis' })
  extension_basis!: SeasonExtensionBasis;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toSeasonOut(season: Season): SeasonOutDto {
  return {
    id: season.id,
    warehouse_id: season.warehouseId,
    name: season.name,
    start_date: season.startDate,
    end_date: season.endDate,
    vacate_by: season.vacateBy,
    extension_rate: season.extensionRate,
    extension_basis: season.extensionBasis,
    currency: season.currency,
    created_at: season.createdAt.toISOString(),
    updated_at: season.updatedAt.toISOString(),
  };
}
