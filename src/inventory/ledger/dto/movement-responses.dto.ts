import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import type { DispatchResult } from 'src/inventory/ledger/dispatches.service';
import { FEFO_SKIPPED_SHOWN } from 'src/inventory/ledger/dispatch.sql';
import type { ReceivedLot } from 'src/inventory/ledger/stock-movements.service';
import { LotPlacementsFieldsDto } from 'src/inventory/locations/dto/placement.dto';
import { placementFields } from 'src/inventory/locations/placements';
import type { Lot } from 'src/inventory/lot.entity';
import { LotOutDto } from 'src/inventory/dto/lot.dto';
import { StockRefsDto } from 'src/inventory/dto/stock-refs.dto';
import { toWeighmentOut, WeighmentOutDto } from 'src/inventory/weighments/dto/weighment.dto';
import type { Weighment } from 'src/inventory/weighments/weighment.entity';
import { TraceabilityEventOutDto } from './traceability-kdes.dto';

const weighmentOut = (weighment: Weighment | null | undefined): WeighmentOutDto | null =>
  weighment ? toWeighmentOut(weighment) : null;

export class DispatchLineOutDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'PUNE-2026-000042' })
  lot_number!: string;

  @ApiProperty({ type: 'integer', example: 40, description: 'Units dispatched' })
  quantity!: number;

  @ApiProperty({ example: '2000', description: 'kg dispatched' })
  weight_kg!: string;

  @ApiProperty({ type: 'integer', example: 60, description: 'Units left in the lot' })
  remaining_quantity!: number;

  @ApiProperty({ example: '3000', description: 'kg left in the lot' })
  remaining_weight_kg!: string;
}

/** A lot FEFO would have taken before the dispatched ones. */
export class FefoSkippedOutDto extends PickType(StockRefsDto, ['lot_id', 'lot_number'] as const) {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiry_date!: string | null;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;
}

/** A gate pass as recorded. */
export class DispatchOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ format: 'date-time' })
  dispatched_at!: string;

  @ApiProperty({ type: String, nullable: true })
  reference!: string | null;

  @ApiProperty({ type: String, nullable: true })
  vehicle_number!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: [DispatchLineOutDto] })
  lines!: DispatchLineOutDto[];

  @ApiProperty({
    type: [FefoSkippedOutDto],
    description:
      'In-stock lots of the client and commodity that FEFO would have dispatched first ' +
      `(earlier expiry, or receipt), the first ${FEFO_SKIPPED_SHOWN} in FEFO order; allowed but ` +
      'flagged, and recorded in the audit. Empty when none.',
  })
  fefo_skipped!: FefoSkippedOutDto[];

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'How many lots FEFO would have dispatched first, all of them (fefo_skipped lists the first few)',
  })
  fefo_skipped_total!: number;

  @ApiProperty({
    type: WeighmentOutDto,
    nullable: true,
    description: "The truck's weighbridge ticket; null when none was given",
  })
  weighment!: WeighmentOutDto | null;

  @ApiProperty({
    type: [TraceabilityEventOutDto],
    description:
      'FSMA 204 shipping records, one per line of a Food Traceability List commodity (or with ' +
      'a traceability lot code): what must go to the recipient. Empty when none.',
  })
  traceability!: TraceabilityEventOutDto[];
}

export function toDispatchOut({
  dispatch,
  lines,
  fefoSkipped,
  fefoSkippedTotal,
  weighment,
  traceability,
}: DispatchResult): DispatchOutDto {
  return {
    id: dispatch.id,
    warehouse_id: dispatch.warehouseId,
    client_id: dispatch.clientId,
    dispatched_at: dispatch.dispatchedAt.toISOString(),
    reference: dispatch.gatePass.reference,
    vehicle_number: dispatch.gatePass.vehicleNumber,
    notes: dispatch.gatePass.notes,
    lines: lines.map((line) => ({
      lot_id: line.lot.id,
      lot_number: line.lot.lotNumber,
      quantity: line.quantity,
      weight_kg: line.weightKg,
      remaining_quantity: line.lot.quantity,
      remaining_weight_kg: line.lot.weightKg,
    })),
    fefo_skipped: fefoSkipped,
    fefo_skipped_total: fefoSkippedTotal,
    weighment: weighmentOut(weighment),
    traceability: traceability ?? [],
  };
}

/** A lot as a change left it (the read routes add commodity and chamber details). */
export class LotStateDto extends PickType(LotOutDto, [
  'id',
  'lot_number',
  'warehouse_id',
  'client_id',
  'commodity_id',
  'chamber_id',
  'position',
  'grade',
  'quantity',
  'weight_kg',
  'received_at',
  'expiry_date',
  'status',
  'hold_reason',
] as const) {}

/** A received lot: its state and where it was put. */
export class InwardLotDto extends IntersectionType(LotStateDto, LotPlacementsFieldsDto) {
  @ApiProperty({
    type: WeighmentOutDto,
    nullable: true,
    description: "The truck's weighbridge ticket; null when none was given",
  })
  weighment!: WeighmentOutDto | null;

  @ApiProperty({
    type: TraceabilityEventOutDto,
    nullable: true,
    description:
      'The FSMA 204 receiving record: for a Food Traceability List commodity (or when ' +
      'traceability was sent); null otherwise',
  })
  traceability!: TraceabilityEventOutDto | null;
}

export function toInwardLot({
  lot,
  placements,
  weighment,
  traceability,
}: ReceivedLot): InwardLotDto {
  return Object.assign(toLotState(lot), placementFields(lot.quantity, placements), {
    weighment: weighmentOut(weighment),
    traceability,
  });
}

export function toLotState(lot: Lot): LotStateDto {
  return {
    id: lot.id,
    lot_number: lot.lotNumber,
    warehouse_id: lot.warehouseId,
    client_id: lot.clientId,
    commodity_id: lot.commodityId,
    chamber_id: lot.chamberId,
    position: lot.position,
    grade: lot.grade,
    quantity: lot.quantity,
    weight_kg: lot.weightKg,
    received_at: lot.receivedAt.toISOString(),
    expiry_date: lot.expiryDate,
    status: lot.status,
    hold_reason: lot.holdReason,
  };
}
