import { ApiProperty } from '@nestjs/swagger';
import { DecimalField, EnumField, IntField, UuidField } from 'src/common/validation/fields';

const MAX_UNITS = 10_000_000;

export enum PickStrategyName {
  Fefo = 'FEFO',
  Fifo = 'FIFO',
}

export class PutawaySuggestionRequestDto {
  @UuidField({ description: 'The client who owns the goods' })
  client_id!: string;

  @UuidField({ description: 'A commodity of the catalogue' })
  commodity_id!: string;

  @UuidField({
    optional: true,
    description: 'Only this chamber; omitted: the chamber of your warehouse that fits best',
  })
  chamber_id?: string;

  @IntField({ min: 1, max: MAX_UNITS, description: 'Units to put away', example: 120 })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description:
      'kg of the whole quantity, weighed against slots with a kg capacity; omitted: 1 kg a ' +
      'unit for KG commodities, else kg capacities are not considered',
  })
  weight_kg?: string;
}

export class PutawaySlotDto {
  @ApiProperty({ format: 'uuid' })
  location_id!: string;

  @ApiProperty({ example: 'F1-R03-L2-S04' })
  code!: string;

  @ApiProperty({ example: 'F1/F1-R03/F1-R03-L2/F1-R03-L2-S04' })
  path!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ type: 'integer', example: 60, description: 'Units to place here' })
  suggested_quantity!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 80,
    description: 'Units the slot has room for; null when no capacity of it bounds the commodity',
  })
  free_units!: number | null;

  @ApiProperty({
    type: 'integer',
    example: 140,
    description:
      'Higher first: share of the quantity the slot takes (0-100) plus 20 a step of closeness ' +
      "to the client's lots of the commodity (in it 60, beside it 40, same rack 20)",
  })
  score!: number;

  @ApiProperty({ type: [String], example: ['takes all 120 units', "holds the client's lots"] })
  reasons!: string[];
}

export class PutawaySuggestionDto {
  @ApiProperty({ format: 'uuid', description: 'The chamber of every suggested slot' })
  chamber_id!: string;

  @ApiProperty({ type: 'integer', example: 120, description: 'Units the slots take in all' })
  suggested_quantity!: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'Units the chamber has no room for (left unassigned if received)',
  })
  remaining_quantity!: number;

  @ApiProperty({
    type: [PutawaySlotDto],
    description: 'Best first; send them as the receipt’s placements',
  })
  slots!: PutawaySlotDto[];
}

export class PickSuggestionRequestDto {
  @UuidField({ description: 'The client whose goods leave' })
  client_id!: string;

  @UuidField({ description: 'A commodity of the catalogue' })
  commodity_id!: string;

  @IntField({ min: 1, max: MAX_UNITS, description: 'Units to pick', example: 40 })
  quantity!: number;

  @EnumField(PickStrategyName, 'PickStrategy', {
    optional: true,
    description: 'FEFO (default): earliest expiry first; FIFO: earliest receipt first',
  })
  strategy?: PickStrategyName;
}

export class PickSlotDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "Null: the lot's unassigned part (a dispatch takes it first)",
  })
  location_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'F1-R03-L2-S04' })
  code!: string | null;

  @ApiProperty({ type: 'integer', example: 20 })
  quantity!: number;
}

/** A lot to pick from; its fields spelled out (inventory/dto imports this folder, so no PickType of StockRefsDto). */
export class PickLotDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000042' })
  lot_number!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiry_date!: string | null;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;

  @ApiProperty({ type: 'integer', description: 'Units the lot holds', example: 100 })
  available_quantity!: number;

  @ApiProperty({ type: 'integer', description: 'Units to take from it', example: 40 })
  quantity!: number;

  @ApiProperty({ type: [PickSlotDto], description: 'Where the units are taken from' })
  slots!: PickSlotDto[];
}

export class PickSuggestionDto {
  @ApiProperty({ enum: PickStrategyName, enumName: 'PickStrategy' })
  strategy!: PickStrategyName;

  @ApiProperty({ type: 'integer', example: 40 })
  requested_quantity!: number;

  @ApiProperty({ type: 'integer', example: 40, description: 'Units the lots cover' })
  covered_quantity!: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'Units no lot in stock covers; above 0 the quantity cannot be picked in full',
  })
  shortfall!: number;

  @ApiProperty({ type: [PickLotDto], description: 'In pick order' })
  lots!: PickLotDto[];
}
