import { PlacementInDto, PlacementsField } from 'src/inventory/locations/dto/placement.dto';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
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
import { AdjustmentReason } from 'src/inventory/movement-type.enum';
import { PickStrategyName } from 'src/inventory/locations/dto/putaway-picking.dto';
import {
  LienSettlementDto,
  LienSettlementsField,
} from 'src/inventory/ledger/dto/lien-settlement.dto';
import { WeighmentField, WeighmentInDto } from 'src/inventory/weighments/dto/weighment.dto';
import {
  ReceivingKdesDto,
  ReceivingKdesField,
  ShippingKdesDto,
  ShippingKdesField,
} from './traceability-kdes.dto';

export const MAX_UNITS = 10_000_000;
/** The rule of a movement's business time (see businessTime). */
const LOT_TIME_RULE = "default now; never in the future, nor before the lot's latest movement";

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
  @UuidField({ description: 'The client who owns the goods' })
  client_id!: string;

  @UuidField({ description: 'A commodity of the catalogue' })
  commodity_id!: string;

  @UuidField({
    description:
      "An active chamber of your warehouse whose temperature range lies within the commodity's",
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

  @GradeField({
    optional: true,
    description: 'Grade code (PLAIN, CIPC, SEED, TABLE…): rate cards of that grade price the lot',
  })
  grade?: string;

  @PlacementsField(
    'Storage locations of the chamber to put the goods in, adding up to at most quantity; the ' +
      'rest stays unassigned. 409 naming a location that is full, blocked, inactive or has sub-locations.',
  )
  placements?: PlacementInDto[];

  @DateTimeField({
    optional: true,
    description: 'When the goods arrived; default now, never in the future',
  })
  received_at?: Date;

  @DateField({
    optional: true,
    description:
      'Not before the received date; defaults to the received date plus the commodity shelf life',
  })
  expiry_date?: string;

  @UuidField({ optional: true, description: "Must be the chamber's warehouse when given" })
  warehouse_id?: string;

  @WeighmentField(
    "The weighbridge ticket of the truck: net = gross − tare is the lot's weight; weight_kg, " +
      'when also given, must equal it (422). Stored with the receipt, in its transaction',
  )
  weighment?: WeighmentInDto;

  @ReceivingKdesField()
  traceability?: ReceivingKdesDto;
}

export class DispatchLineDto {
  @UuidField({ description: 'A lot of the client; each lot once per dispatch' })
  lot_id!: string;

  @IntField({
    min: 1,
    max: MAX_UNITS,
    description: 'Units to take; at most what the lot holds (409)',
    example: 40,
  })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description:
      "kg to take, at most the lot's (409); omitted: proportional to the lot weight. A line " +
      "taking every unit must take exactly the lot's weight (422)",
  })
  weight_kg?: string;

  @PlacementsField(
    'The storage locations the units leave from, adding up to at most quantity (422); 409 when ' +
      "a location holds fewer of the lot. Units not named come out of the lot's unassigned part " +
      'first, then out of its locations in code order.',
  )
  placements?: PlacementInDto[];
}

export class CreateDispatchDto extends GatePassFields {
  @UuidField({ description: 'The client whose goods leave' })
  client_id!: string;

  @ApiProperty({
    type: [DispatchLineDto],
    minItems: 1,
    maxItems: 200,
    description: 'One line per lot; every lot of the client and of one warehouse (422)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DispatchLineDto)
  lines!: DispatchLineDto[];

  @DateTimeField({
    optional: true,
    description:
      "When the truck left; default now; never in the future, nor before a lot's latest movement",
  })
  dispatched_at?: Date;

  @LienSettlementsField()
  lien_settlements?: LienSettlementDto[];

  @ShippingKdesField()
  traceability?: ShippingKdesDto;

  @WeighmentField(
    'The weighbridge ticket of the truck: net = gross − tare is what leaves. With one line its ' +
      'weight_kg defaults to the net (and must equal it when given); with several, every line ' +
      'gives its weight_kg and they add up to the net (422). Stored with the dispatch',
  )
  weighment?: WeighmentInDto;
}

export class OutwardDto extends GatePassFields {
  @UuidField({ description: "The lot; the dispatch is for the lot's own client" })
  lot_id!: string;

  @IntField({
    min: 1,
    max: MAX_UNITS,
    description: 'Units to take; at most what the lot holds (409)',
    example: 10,
  })
  quantity!: number;

  @DecimalField({
    optional: true,
    scale: 3,
    description:
      "kg to take, at most the lot's (409); omitted: proportional to the lot weight. Taking " +
      "every unit means taking exactly the lot's weight (422)",
  })
  weight_kg?: string;

  @DateTimeField({
    optional: true,
    description: `When the truck left; ${LOT_TIME_RULE}`,
  })
  dispatched_at?: Date;

  @LienSettlementsField()
  lien_settlements?: LienSettlementDto[];

  @ShippingKdesField()
  traceability?: ShippingKdesDto;

  @WeighmentField(
    'The weighbridge ticket of the truck: weight_kg defaults to its net (gross − tare) and ' +
      'must equal it when given (422). Stored with the dispatch',
  )
  weighment?: WeighmentInDto;
}

export class TransferDto {
  @UuidField({ description: 'The lot to move, whole' })
  lot_id!: string;

  @UuidField({
    description:
      "Another active chamber of the lot's warehouse whose temperature range lies within the " +
      "commodity's",
  })
  to_chamber_id!: string;

  @StringField({
    optional: true,
    max: 100,
    description: 'New position in the target chamber; the current one is kept when absent',
  })
  position?: string;

  @DateTimeField({
    optional: true,
    description: `When it moved; ${LOT_TIME_RULE}`,
  })
  occurred_at?: Date;

  @StringField({ optional: true, max: 1000 })
  notes?: string;
}

export class PositionDto {
  @StringField({ max: 100, example: 'R1-F1-S03' })
  position!: string;
}

@ApiSchema({
  description:
    'A correction of a lot: quantity_delta and weight_delta_kg may not both be zero, the lot ' +
    'may not go below zero (409), and a lot left with no units must weigh 0 kg (422).',
})
export class AdjustmentDto {
  @UuidField({ description: 'The lot to correct' })
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

  @DateTimeField({
    optional: true,
    description: `When the change happened; ${LOT_TIME_RULE}`,
  })
  occurred_at?: Date;
}

export class HoldDto {
  @StringField({
    max: 500,
    description: 'Why the lot is held or released; kept in the audit trail',
    example: 'Quality inspection pending',
  })
  reason!: string;
}

/** A dispatch of what the pick suggestion names for a client, commodity and quantity. */
export class DispatchFromPickDto extends GatePassFields {
  @UuidField({ description: 'The client whose goods leave' })
  client_id!: string;

  @UuidField({ description: 'A commodity of the catalogue' })
  commodity_id!: string;

  @IntField({ min: 1, max: MAX_UNITS, description: 'Units to dispatch', example: 40 })
  quantity!: number;

  @EnumField(PickStrategyName, 'PickStrategy', {
    optional: true,
    description: 'FEFO (default) or FIFO',
  })
  strategy?: PickStrategyName;

  @DateTimeField({
    optional: true,
    description:
      "When the truck left; default now; never in the future, nor before a lot's latest movement",
  })
  dispatched_at?: Date;

  @LienSettlementsField()
  lien_settlements?: LienSettlementDto[];

  @ShippingKdesField()
  traceability?: ShippingKdesDto;
}
