import { ApiProperty } from '@nestjs/swagger';
import { IntersectionType } from '@nestjs/swagger';
import { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { ReceivingKdesDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { UuidField } from 'src/common/validation/fields';

export enum TraceRelation {
  Self = 'SELF',
  CameFrom = 'CAME_FROM',
  Became = 'BECAME',
}

class LotIdField {
  @UuidField({ description: 'A lot received before its commodity went on the list' })
  lot_id!: string;
}

/** The receiving record of a lot already in stock, with the Key Data Elements of a receipt. */
export class LateReceiptDto extends IntersectionType(LotIdField, ReceivingKdesDto) {}

export class TracedLotDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty()
  lot_number!: string;

  @ApiProperty()
  tlc!: string;

  @ApiProperty()
  tlc_assigned!: boolean;

  @ApiProperty()
  product_description!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({
    enum: TraceRelation,
    enumName: 'TraceRelation',
    description:
      'SELF: a lot with the code asked for; CAME_FROM: a lot it was made from (through ' +
      'transformations); BECAME: a lot made from it',
  })
  relation!: TraceRelation;

  @ApiProperty({
    type: 'integer',
    description: 'Transformations between it and the code asked for',
  })
  depth!: number;

  @ApiProperty({
    type: [TraceabilityEventOutDto],
    description: 'Its records, oldest first: receipt, transformations, shipments',
  })
  events!: TraceabilityEventOutDto[];
}

export class TraceOutDto {
  @ApiProperty()
  tlc!: string;

  @ApiProperty({ type: [TracedLotDto] })
  lots!: TracedLotDto[];

  @ApiProperty({
    type: [TraceabilityEventOutDto],
    description:
      'Trace back: the receipts of the lots it is or came from, each naming the previous source',
  })
  sources!: TraceabilityEventOutDto[];

  @ApiProperty({
    type: [TraceabilityEventOutDto],
    description:
      'Trace forward: every shipment of the lots it is or became, each naming the recipient',
  })
  shipments!: TraceabilityEventOutDto[];
}
