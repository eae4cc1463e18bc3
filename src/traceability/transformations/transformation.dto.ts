import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, ValidateNested } from 'class-validator';
import {
  DateField,
  DateTimeField,
  DecimalField,
  EnumField,
  GradeField,
  IntField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { MAX_UNITS } from 'src/inventory/ledger/dto/movement-requests.dto';
import { InwardLotDto } from 'src/inventory/ledger/dto/movement-responses.dto';
import { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { TransformationKind } from '../records/traceability-event-type.enum';

export class TransformationInputDto {
  @UuidField({ description: 'A lot used; each lot once' })
  lot_id!: string;

  @IntField({ min: 1, max: MAX_UNITS, description: 'Units used; at most the lot holds (409)' })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description:
      "kg used; omitted: in proportion to the lot's weight (all of it when every unit goes)",
  })
  weight_kg?: string;
}

export class TransformationOutputInDto {
  @IntField({ min: 1, max: MAX_UNITS, description: 'Units of the new lot', example: 48 })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description: 'kg of the new lot; omitted: what the inputs weighed together',
  })
  weight_kg?: string;

  @UuidField({
    optional: true,
    description: "Its commodity; omitted: the inputs' (422 when they differ)",
  })
  commodity_id?: string;

  @UuidField({ optional: true, description: "Its chamber; omitted: the first input's" })
  chamber_id?: string;

  @StringField({
    optional: true,
    max: 100,
    description: "Its new traceability lot code; omitted: the new lot's number. Must be new (409)",
  })
  tlc?: string;

  @StringField({
    optional: true,
    max: 300,
    description: "Omitted: the commodity's name and the grade",
    example: 'Romaine hearts, 6 × 3 ct retail',
  })
  product_description?: string;

  @GradeField({ optional: true })
  grade?: string;

  @StringField({ optional: true, max: 100 })
  position?: string;

  @DateField({ optional: true, description: 'Expiry of the new lot' })
  expiry_date?: string;
}

export class CreateTransformationDto {
  @EnumField(TransformationKind, 'TransformationKind')
  kind!: TransformationKind;

  @ApiProperty({ type: [TransformationInputDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TransformationInputDto)
  inputs!: TransformationInputDto[];

  @ApiProperty({ type: TransformationOutputInDto })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => TransformationOutputInDto)
  output!: TransformationOutputInDto;

  @DateTimeField({
    optional: true,
    description:
      "When the transformation was completed; default now; never in the future, nor before an input's latest movement",
  })
  completed_at?: Date;

  @StringField({ max: 40, description: 'e.g. PRODUCTION_LOG, WORK_ORDER', example: 'WORK_ORDER' })
  reference_document_type!: string;

  @StringField({ max: 100, example: 'WO-2026-0192' })
  reference_document_number!: string;

  @StringField({ optional: true, max: 1000 })
  notes?: string;
}

export class TransformationInputOutDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty()
  lot_number!: string;

  @ApiProperty()
  tlc!: string;

  @ApiProperty({ type: 'integer' })
  quantity!: number;

  @ApiProperty()
  weight_kg!: string;

  @ApiProperty({ type: 'integer', description: 'Units left in the lot' })
  remaining_quantity!: number;
}

export class TransformationOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: TransformationKind, enumName: 'TransformationKind' })
  kind!: TransformationKind;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ format: 'date-time' })
  completed_at!: string;

  @ApiProperty({ type: String, nullable: true })
  reference_document_type!: string | null;

  @ApiProperty({ type: String, nullable: true })
  reference_document_number!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: [TransformationInputOutDto] })
  inputs!: TransformationInputOutDto[];

  @ApiProperty({ type: InwardLotDto, description: 'The new lot' })
  output_lot!: InwardLotDto;

  @ApiProperty({
    type: [TraceabilityEventOutDto],
    description: 'The records: one INPUT row per lot used, one OUTPUT row for the new lot',
  })
  traceability!: TraceabilityEventOutDto[];
}
