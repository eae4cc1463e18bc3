import { ApiProperty } from '@nestjs/swagger';
import { StorageLocationKind } from '../storage-location-kind.enum';

/** Used against capacity; a capacity left unstated counts as unlimited. */
export class OccupancyFiguresDto {
  @ApiProperty({ example: 30 })
  used_units!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Null: no capacity stated',
    example: 40,
  })
  capacity_units!: number | null;

  @ApiProperty({ description: 'kg, a decimal string', example: '600' })
  used_kg!: string;

  @ApiProperty({ type: String, nullable: true, example: '1000' })
  capacity_kg!: string | null;

  @ApiProperty({ example: 0 })
  used_pallets!: number;

  @ApiProperty({ type: 'integer', nullable: true, example: null })
  capacity_pallets!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'The fullest stated measure (units, kg, pallets), used ÷ capacity to 4 places; null when no capacity is stated',
    example: 0.75,
  })
  fill_ratio!: number | null;
}

export class OccupancySlotDto extends OccupancyFiguresDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'F1-R03-L2-S04' })
  code!: string;

  @ApiProperty({ enum: StorageLocationKind, enumName: 'StorageLocationKind' })
  kind!: StorageLocationKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Its LEVEL ancestor, if any',
    example: 'F1-R03-L2',
  })
  level_code!: string | null;

  @ApiProperty({ example: 2, description: 'Lots with units in it' })
  lots!: number;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ example: false })
  blocked!: boolean;
}

export class OccupancyRackDto extends OccupancyFiguresDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null: slots under no rack',
  })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'F1-R03' })
  code!: string | null;

  @ApiProperty({
    type: [OccupancySlotDto],
    description: 'Its slots (locations without children), in code order',
  })
  slots!: OccupancySlotDto[];
}

export class OccupancyFloorDto extends OccupancyFiguresDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null: racks under no floor',
  })
  id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'F1' })
  code!: string | null;

  @ApiProperty({ type: [OccupancyRackDto] })
  racks!: OccupancyRackDto[];
}

export class ChamberOccupancyGridDto extends OccupancyFiguresDto {
  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'CH-01' })
  chamber_code!: string;

  @ApiProperty({ description: 'Slots (locations without children) in the chamber', example: 120 })
  slot_count!: number;

  @ApiProperty({
    type: [OccupancyFloorDto],
    description: 'Floors, then racks, then slots, in code order',
  })
  floors!: OccupancyFloorDto[];
}
