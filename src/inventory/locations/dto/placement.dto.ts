import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IntField, StringField, UuidField } from 'src/common/validation/fields';

/** Most locations one request may name for a lot. */
export const MAX_PLACEMENTS = 100;

/** A quantity of a lot in one location, as a request names it. */
export class PlacementInDto {
  @UuidField({ description: "A location of the lot's chamber without sub-locations" })
  location_id!: string;

  @IntField({ min: 1, max: 1_000_000_000, description: 'Units', example: 20 })
  quantity!: number;
}

/** An optional list of placements on a request body (inward, dispatch lines). */
export const PlacementsField = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: [PlacementInDto], description, maxItems: MAX_PLACEMENTS }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(MAX_PLACEMENTS),
    ValidateNested({ each: true }),
    Type(() => PlacementInDto),
  );

/** What of a lot sits in one location. */
export class PlacementOutDto {
  @ApiProperty({ format: 'uuid' })
  location_id!: string;

  @ApiProperty({ example: 'F1-R03-L2-S04' })
  code!: string;

  @ApiProperty({ example: 20 })
  quantity!: number;

  @ApiProperty({ description: 'kg, a decimal string (its share of the lot)', example: '1000.5' })
  weight_kg!: string;
}

/** The lot's placements and what is left unassigned (quantity − placed). */
export class LotPlacementsFieldsDto {
  @ApiProperty({ type: [PlacementOutDto], description: 'Where the lot sits, in code order' })
  placements!: PlacementOutDto[];

  @ApiProperty({
    description: 'Units of the lot not placed in a location (its free-text position applies)',
    example: 0,
  })
  unassigned_quantity!: number;
}

export class LotPlacementsOutDto extends LotPlacementsFieldsDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'RDA-2026-000001' })
  lot_number!: string;

  @ApiProperty({ description: 'Units on hand', example: 40 })
  quantity!: number;
}

export class MovePlacementDto {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Where the units are now; null or absent for the unassigned part of the lot',
  })
  @IsOptional()
  @IsUUID('all', { message: 'from_location_id must be a UUID or null' })
  from_location_id?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Where they go; null or absent to take them out of locations (unassigned)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'to_location_id must be a UUID or null' })
  to_location_id?: string | null;

  @IntField({ min: 1, max: 1_000_000_000, description: 'Units moved', example: 10 })
  quantity!: number;

  @StringField({ optional: true, max: 200, description: 'Task or document reference' })
  reference?: string;
}
