import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DecimalField,
  EnumField,
  IntField,
  OptionalNotNull,
  PatchType,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { LOCATION_CODE, MAX_BULK_LOCATIONS } from '../location-codes';
import { StorageLocationKind } from '../storage-location-kind.enum';

const upperCase = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value,
);

/** The capacities every location may state; a null one is not limited. */
class LocationCapacityFields {
  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 1_000_000_000,
    description: 'Most units the location holds; null when not limited',
    example: 40,
  })
  capacity_units?: number | null;

  @DecimalField({
    optional: true,
    nullable: true,
    scale: 3,
    description: 'Most kg the location holds, as a decimal string; null when not limited',
    example: '1000',
  })
  capacity_kg?: string | null;

  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 1_000_000_000,
    description: 'Most pallets (units of PALLET commodities) it holds; null when not limited',
    example: 2,
  })
  capacity_pallets?: number | null;
}

@ApiSchema({
  description:
    'A new location in the chamber, under parent_id (another location of the chamber without ' +
    'stock) or at the top when absent.',
})
export class CreateLocationDto extends LocationCapacityFields {
  @ApiProperty({
    description:
      'Code printed on the rack, unique in the chamber: 1-40 of A-Z, 0-9 and . _ / -; stored upper-case',
    example: 'F1-R03-L2-S04',
    pattern: LOCATION_CODE.source,
  })
  @upperCase
  @Matches(LOCATION_CODE, { message: 'code must be 1-40 characters of A-Z, 0-9 and . _ / -' })
  code!: string;

  @StringField({ optional: true, nullable: true, max: 200, example: 'Rack 3, level 2, slot 4' })
  name?: string | null;

  @EnumField(StorageLocationKind, 'StorageLocationKind', { example: StorageLocationKind.Slot })
  kind!: StorageLocationKind;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'The location above it in the chamber; null or absent at the top',
  })
  parent_id?: string | null;

  @ApiPropertyOptional({ description: 'Whether it takes stock (default true)', example: true })
  @OptionalNotNull()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({
    description: 'A blocked location takes no stock until unblocked (default false)',
    example: false,
  })
  @OptionalNotNull()
  @IsBoolean({ message: 'blocked must be true or false' })
  blocked?: boolean;

  @StringField({
    optional: true,
    nullable: true,
    max: 500,
    description: 'Why it is blocked; cleared when unblocked',
    example: 'Damaged beam',
  })
  blocked_reason?: string | null;
}

/** Only the fields sent change; nullable fields may be cleared with null. */
@ApiSchema({
  description:
    'Only the fields sent change. A new parent must be in the same chamber and not below the ' +
    'location itself; a capacity may not go below what the location holds (409).',
})
export class UpdateLocationDto extends PatchType(CreateLocationDto) {}

export class ListLocationsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Only the locations directly under this one' })
  parent_id?: string;

  @EnumField(StorageLocationKind, 'StorageLocationKind', { optional: true })
  kind?: StorageLocationKind;

  @ApiPropertyOptional({ description: 'Codes starting with this text (case-insensitive)' })
  @IsOptional()
  @upperCase
  @Matches(/^[A-Z0-9._/-]{1,40}$/, { message: 'code must be up to 40 of A-Z, 0-9 and . _ / -' })
  code?: string;
}

class BulkRangeDto {
  @IntField({ min: 0, max: 9999, example: 1 })
  from!: number;

  @IntField({ min: 0, max: 9999, example: 5 })
  to!: number;
}

const range = (name: string, example: { from: number; to: number }): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: BulkRangeDto, description: `${name} numbers, inclusive`, example }),
    OptionalNotNull(),
    ValidateNested(),
    Type(() => BulkRangeDto),
  );

@ApiSchema({
  description:
    'A layout of floors × racks × levels × slots (any left out), created in one request, all or ' +
    `nothing, at most ${MAX_BULK_LOCATIONS} locations counting the parents. Each location's code ` +
    'is code_template cut just after its own field: F{floor}-R{rack:02}-L{level}-S{slot:02} ' +
    'makes floor F1, rack F1-R03, level F1-R03-L2 and slot F1-R03-L2-S04 ({rack:02} pads to 2 ' +
    'digits). Parents that already exist in the chamber are reused; a leaf that exists answers 409. ' +
    'Capacities apply to the leaves.',
})
export class BulkCreateLocationsDto extends LocationCapacityFields {
  @ApiProperty({
    description:
      'Code pattern with {floor}, {rack}, {level}, {slot} (those given, once each, in that order), ' +
      'optionally padded as {rack:02}',
    example: 'F{floor}-R{rack:02}-L{level}-S{slot:02}',
  })
  @Matches(/^[A-Za-z0-9._/{}:-]{1,120}$/, {
    message: 'code_template must be 1-120 of letters, digits, . _ / - and {fields}',
  })
  code_template!: string;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'Where the layout hangs in the chamber; null or absent at the top',
  })
  parent_id?: string | null;

  @range('Floor', { from: 1, to: 1 })
  floors?: BulkRangeDto;

  @range('Rack', { from: 1, to: 20 })
  racks?: BulkRangeDto;

  @range('Level', { from: 1, to: 5 })
  levels?: BulkRangeDto;

  @range('Slot', { from: 1, to: 4 })
  slots?: BulkRangeDto;
}

export class BulkCreateLocationsOutDto {
  @ApiProperty({ description: 'Locations created, parents included', example: 126 })
  created!: number;

  @ApiProperty({ description: 'Parents that already existed and were reused', example: 0 })
  reused!: number;

  @ApiProperty({ description: 'Leaves created (where stock can be placed)', example: 100 })
  leaves!: number;
}

export class LocationOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  parent_id!: string | null;

  @ApiProperty({ enum: StorageLocationKind, enumName: 'StorageLocationKind' })
  kind!: StorageLocationKind;

  @ApiProperty({ example: 'F1-R03-L2-S04' })
  code!: string;

  @ApiProperty({ nullable: true, type: String, example: 'Rack 3, level 2, slot 4' })
  name!: string | null;

  @ApiProperty({
    description: 'Codes from the top of the chamber down, joined by "/"',
    example: 'F1/F1-R03/F1-R03-L2/F1-R03-L2-S04',
  })
  path!: string;

  @ApiProperty({ description: '0 at the top of the chamber', example: 3 })
  depth!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: 40 })
  capacity_units!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'kg as a decimal string',
    example: '1000',
  })
  capacity_kg!: string | null;

  @ApiProperty({ type: 'integer', nullable: true, example: 2 })
  capacity_pallets!: number | null;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ example: false })
  blocked!: boolean;

  @ApiProperty({ nullable: true, type: String })
  blocked_reason!: string | null;

  @ApiProperty({ description: 'Units placed in it now', example: 12 })
  used_units!: number;

  @ApiProperty({ description: 'kg placed in it now, as a decimal string', example: '240.5' })
  used_kg!: string;

  @ApiProperty({ description: 'Units of PALLET commodities placed in it now', example: 0 })
  used_pallets!: number;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}
