import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import {
  DateField,
  DateTimeField,
  DecimalField,
  EnumField,
  IntField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { AdjustmentReason } from '../movement-type.enum';

const MAX_UNITS = 10_000_000;

class GatePassFields {
  @StringField({
    optional: true,
    max: 100,
    description: 'Gate pass or document number',
    example: 'GP-20261126-014',
  })
  reference?: string;

  @StringField({ optional: true, max: 30, example: 'MH12AB1234' })
  vehicle_number?: string;

  @StringField({ optional: true, max: 1000 })
  notes?: string;
}

export class InwardDto extends GatePassFields {
  @UuidField()
  client_id!: string;

  @UuidField()
  commodity_id!: string;

  @UuidField({
    description: 'A chamber of your warehouse whose temperature range suits the commodity',
  })
  chamber_id!: string;

  @IntField({
    min: 1,
    max: MAX_UNITS,
    description: 'Units received (in the commodity unit)',
    example: 100,
  })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description: 'Total kg; defaults to the quantity for KG commodities, else 0',
  })
  weight_kg?: string;

  @StringField({ optional: true, max: 100, description: 'Rack/floor/slot', example: 'R3-F2-S14' })
  position?: string;

  @DateTimeField({
    optional: true,
    description: 'When the goods arrived; default now, never in the future',
  })
  received_at?: Date;

  @DateField({
    optional: true,
    description: 'Defaults to the received date plus the commodity shelf life',
  })
  expiry_date?: string;

  @UuidField({ optional: true, description: "Must be the chamber's warehouse when given" })
  warehouse_id?: string;
}

export class DispatchLineDto {
  @UuidField()
  lot_id!: string;

  @IntField({ min: 1, max: MAX_UNITS, example: 40 })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description: 'Omitted: proportional to the lot weight; the last unit takes the rest',
  })
  weight_kg?: string;
}

export class CreateDispatchDto extends GatePassFields {
  @UuidField()
  client_id!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DispatchLineDto)
  lines!: DispatchLineDto[];

  @DateTimeField({
    optional: true,
    description: 'When the truck left; default now, never in the future',
  })
  dispatched_at?: Date;
}

export class OutwardDto extends GatePassFields {
  @UuidField()
  lot_id!: string;

  @IntField({ min: 1, max: MAX_UNITS, example: 10 })
  quantity!: number;

  @DecimalField({ optional: true, scale: 3 })
  weight_kg?: string;

  @DateTimeField({ optional: true })
  dispatched_at?: Date;
}

export class TransferDto {
  @UuidField()
  lot_id!: string;

  @UuidField({ description: 'Another chamber of the same warehouse' })
  to_chamber_id!: string;

  @StringField({ optional: true, max: 100, description: 'New position in the target chamber' })
  position?: string;

  @DateTimeField({ optional: true })
  occurred_at?: Date;

  @StringField({ optional: true, max: 1000 })
  notes?: string;
}

export class PositionDto {
  @StringField({ max: 100, example: 'R1-F1-S03' })
  position!: string;
}

export class AdjustmentDto {
  @UuidField()
  lot_id!: string;

  @IntField({
    min: -MAX_UNITS,
    max: MAX_UNITS,
    description: 'Units to add (positive) or remove (negative)',
    example: -2,
  })
  quantity_delta!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    allowNegative: true,
    description: 'kg to add or remove; default 0',
  })
  weight_delta_kg?: string;

  @EnumField(AdjustmentReason, 'AdjustmentReason')
  reason_code!: AdjustmentReason;

  @StringField({ max: 1000, description: 'Why: shown in the ledger and the audit trail' })
  note!: string;

  @DateTimeField({ optional: true })
  occurred_at?: Date;
}

export class HoldDto {
  @StringField({ max: 500, example: 'Quality inspection pending' })
  reason!: string;
}
