import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import {
  DateTimeField,
  DecimalField,
  IntField,
  OptionalNotNull,
  StringField,
} from 'src/common/validation/fields';
import { WeighmentKind } from 'src/inventory/weighments/weighment-kind.enum';
import type { Weighment } from 'src/inventory/weighments/weighment.entity';
import { kg3, sampleFigures } from 'src/inventory/weighments/weighment-figures';

const MAX_BAGS = 10_000_000;

/** A weighbridge ticket: the truck loaded (gross) and empty (tare). */
export class WeighmentInDto {
  @DecimalField({
    scale: 3,
    description: 'The loaded truck, kg (at most 3 places, at most 200000)',
    example: '10250.000',
  })
  gross_kg!: string;

  @DecimalField({
    scale: 3,
    description: 'The empty truck, kg; less than gross_kg (422)',
    example: '250.000',
  })
  tare_kg!: string;

  @StringField({ optional: true, max: 30, example: 'MH12AB1234' })
  vehicle_number?: string;

  @StringField({
    optional: true,
    max: 50,
    description: "The weighbridge's ticket number",
    example: 'WB-2026-0815',
  })
  ticket_number?: string;

  @DateTimeField({
    optional: true,
    description: "When the truck was weighed; default the movement's time, never in the future",
  })
  weighed_at?: Date;
}

/** An optional `weighment` object in a receipt's or a dispatch's body. */
export const WeighmentField = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: WeighmentInDto, required: false, description }),
    OptionalNotNull(),
    IsObject({ message: '$property must be an object' }),
    ValidateNested(),
    Type(() => WeighmentInDto),
  );

export class SampleWeighmentDto {
  @IntField({
    min: 1,
    max: MAX_BAGS,
    description: "Bags weighed; at most the lot's units on hand (422)",
    example: 25,
  })
  bags_weighed!: number;

  @DecimalField({
    scale: 3,
    description: 'What the bags weighed together, kg (more than 0, at most 200000)',
    example: '1250.000',
  })
  total_kg!: string;

  @DateTimeField({
    optional: true,
    description: "Default now; never in the future, nor before the lot's receipt",
  })
  weighed_at?: Date;

  @StringField({
    optional: true,
    max: 200,
    description: "Who watched on the depositor's behalf",
    example: 'Ramesh Patil (depositor)',
  })
  witnessed_by?: string;

  @StringField({ optional: true, max: 1000 })
  notes?: string;
}

export class WeighmentOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: WeighmentKind, enumName: 'WeighmentKind', example: WeighmentKind.Inward })
  kind!: WeighmentKind;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The lot weighed; null for a dispatch of several lots',
  })
  lot_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  movement_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  dispatch_id!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '10250.000',
    description: 'null for a sample',
  })
  gross_kg!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '250.000',
    description: 'null for a sample',
  })
  tare_kg!: string | null;

  @ApiProperty({
    example: '10000.000',
    description: "Gross less tare; a sample's weight of the bags weighed",
  })
  net_kg!: string;

  @ApiProperty({ type: String, nullable: true, example: 'MH12AB1234' })
  vehicle_number!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'WB-2026-0815' })
  ticket_number!: string | null;

  @ApiProperty({ format: 'date-time' })
  weighed_at!: string;

  @ApiProperty({ type: 'integer', nullable: true, example: 25 })
  bags_weighed!: number | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 250,
    description: "A sample: the lot's units on hand when weighed",
  })
  lot_quantity!: number | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '10000.000',
    description: "A sample: the lot's kg on hand when weighed",
  })
  lot_weight_kg!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '10.0',
    description: "A sample: bags weighed as a percent of the lot's units on hand",
  })
  share_percent!: string | null;

  @ApiProperty({ type: String, nullable: true, example: '50.000' })
  average_kg_per_bag!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '40.000',
    description: "The lot's recorded kg per unit on hand; null when it has no weight",
  })
  declared_average_kg_per_bag!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '25.0',
    description: 'Weighed average against the declared one, percent (negative: lighter)',
  })
  deviation_percent!: string | null;

  @ApiProperty({ type: String, nullable: true })
  witnessed_by!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  recorded_by_id!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

const kgOrNull = (value: string | null): string | null => (value === null ? null : kg3(value));

export function toWeighmentOut(w: Weighment): WeighmentOutDto {
  const sample =
    w.kind === WeighmentKind.Sample && w.bagsWeighed && w.lotQuantity && w.lotWeightKg !== null
      ? sampleFigures({
          bags: w.bagsWeighed,
          totalKg: w.netKg,
          lotQuantity: w.lotQuantity,
          lotWeightKg: w.lotWeightKg,
        })
      : null;
  return {
    id: w.id,
    kind: w.kind,
    warehouse_id: w.warehouseId,
    client_id: w.clientId,
    lot_id: w.lotId,
    movement_id: w.movementId,
    dispatch_id: w.dispatchId,
    gross_kg: kgOrNull(w.grossKg),
    tare_kg: kgOrNull(w.tareKg),
    net_kg: kg3(w.netKg),
    vehicle_number: w.vehicleNumber,
    ticket_number: w.ticketNumber,
    weighed_at: w.weighedAt.toISOString(),
    bags_weighed: w.bagsWeighed,
    lot_quantity: w.lotQuantity,
    lot_weight_kg: kgOrNull(w.lotWeightKg),
    share_percent: sample?.share_percent ?? null,
    average_kg_per_bag: sample?.average_kg_per_bag ?? null,
    declared_average_kg_per_bag: sample?.declared_average_kg_per_bag ?? null,
    deviation_percent: sample?.deviation_percent ?? null,
    witnessed_by: w.witnessedBy,
    notes: w.notes,
    recorded_by_id: w.recordedById,
    created_at: w.createdAt.toISOString(),
  };
}
