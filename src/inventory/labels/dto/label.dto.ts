import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import { EnumField, UuidField } from 'src/common/validation/fields';
import { ListLocationsQueryDto } from 'src/inventory/locations/dto/location.dto';
import { StorageLocationKind } from 'src/inventory/locations/storage-location-kind.enum';
import { LabelFormat } from '../label';

/** Labels on one sheet request: a few pages, never a whole warehouse at once. */
export const MAX_LABELS = 200;

/** ids=a,b and ids=a&ids=b alike become [a, b]; anything else is left for the checks to refuse. */
function idList(value: unknown): unknown {
  const parts: unknown[] = Array.isArray(value) ? value : [value];
  if (!parts.every((part): part is string => typeof part === 'string')) return value;
  return parts.flatMap((part) => part.split(',')).map((id) => id.trim());
}

export class LabelFormatQueryDto {
  @EnumField(LabelFormat, 'LabelFormat', {
    optional: true,
    description: 'a4: sheets of 2 × 5 labels; thermal: one 100 × 150 mm label a page (default a4)',
  })
  format?: LabelFormat;
}

export class LotLabelsQueryDto extends LabelFormatQueryDto {
  @ApiProperty({
    description:
      `Lot ids (1 to ${MAX_LABELS}), repeated (ids=…&ids=…) or comma-separated in one value; ` +
      'labels come in this order',
    type: [String],
    format: 'uuid',
    maxItems: MAX_LABELS,
  })
  @Transform(({ value }: { value: unknown }) => idList(value))
  @IsArray({ message: 'ids must be a comma-separated list of lot ids' })
  @ArrayMinSize(1, { message: 'ids must name at least one lot' })
  @ArrayMaxSize(MAX_LABELS, { message: `ids must name at most ${MAX_LABELS} lots` })
  @IsUUID('all', { each: true, message: 'ids must be lot ids (UUIDs)' })
  ids!: string[];
}

export class LocationLabelsQueryDto extends IntersectionType(
  LabelFormatQueryDto,
  PickType(ListLocationsQueryDto, ['code'] as const),
) {
  @UuidField({ optional: true, description: 'Only locations below this one (at any depth)' })
  parent_id?: string;

  @EnumField(StorageLocationKind, 'StorageLocationKind', {
    optional: true,
    description:
      'Every location of this kind (racks for rack ends, say); by default those without children',
  })
  kind?: StorageLocationKind;
}
