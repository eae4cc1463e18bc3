import { ApiProperty, IntersectionType, PickType } from '@nestjs/swagger';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { KeysetPaginationQueryDto } from 'src/common/pagination/keyset';
import { DateTimeField, EnumField, UuidField } from 'src/common/validation/fields';
import { AdjustmentReason, MovementType } from '../movement-type.enum';
import { StockRefsDto } from './stock-refs.dto';

export class ListMovementsQueryDto extends KeysetPaginationQueryDto {
  @UuidField({ optional: true, description: 'Movements of this lot' })
  lot_id?: string;

  @UuidField({ optional: true, description: 'Movements in this warehouse' })
  warehouse_id?: string;

  @UuidField({ optional: true, description: "Movements of this client's lots" })
  client_id?: string;

  @EnumField(MovementType, 'MovementType', { optional: true })
  type?: MovementType;

  @DateTimeField({ optional: true, description: 'Occurred at or after this instant' })
  from?: Date;

  @DateTimeField({ optional: true, description: 'Occurred before this instant (exclusive)' })
  to?: Date;
}

/** One entry of a lot's ledger. */
export class MovementOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: MovementType, enumName: 'MovementType' })
  type!: MovementType;

  @ApiProperty({ type: 'integer', example: -20, description: 'Units added (+) or removed (-)' })
  quantity_delta!: number;

  @ApiProperty({ example: '-1000.5', description: 'kg added (+) or removed (-)' })
  weight_delta_kg!: string;

  @ApiProperty({ format: 'date-time', description: 'When it happened at the gate' })
  occurred_at!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  dispatch_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  from_chamber_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  to_chamber_id!: string | null;

  @ApiProperty({ enum: AdjustmentReason, enumName: 'AdjustmentReason', nullable: true })
  reason_code!: AdjustmentReason | null;

  @ApiProperty({ type: String, nullable: true, example: 'GP-2026-0187' })
  reference!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'MH12AB1234' })
  vehicle_number!: string | null;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  recorded_by_id!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When it was recorded' })
  created_at!: string;
}

/** A movement in the cross-lot listing: also says which lot, warehouse and client. */
export class StockMovementOutDto extends IntersectionType(
  MovementOutDto,
  PickType(StockRefsDto, ['lot_id', 'lot_number', 'warehouse_id', 'client_id'] as const),
) {}

export interface MovementRow {
  id: string;
  type: MovementType;
  quantity_delta: number;
  weight_delta_kg: string;
  occurred_at: Date;
  dispatch_id: string | null;
  from_chamber_id: string | null;
  to_chamber_id: string | null;
  reason_code: AdjustmentReason | null;
  reference: string | null;
  vehicle_number: string | null;
  notes: string | null;
  recorded_by_id: string | null;
  created_at: Date;
}

export interface StockMovementRow extends MovementRow {
  lot_id: string;
  lot_number: string;
  warehouse_id: string;
  client_id: string;
}

export function toMovementOut(row: MovementRow): MovementOutDto {
  return {
    id: row.id,
    type: row.type,
    quantity_delta: row.quantity_delta,
    weight_delta_kg: normalizeDecimal(row.weight_delta_kg),
    occurred_at: row.occurred_at.toISOString(),
    dispatch_id: row.dispatch_id,
    from_chamber_id: row.from_chamber_id,
    to_chamber_id: row.to_chamber_id,
    reason_code: row.reason_code,
    reference: row.reference,
    vehicle_number: row.vehicle_number,
    notes: row.notes,
    recorded_by_id: row.recorded_by_id,
    created_at: row.created_at.toISOString(),
  };
}

export function toStockMovementOut(row: StockMovementRow): StockMovementOutDto {
  return Object.assign(toMovementOut(row), {
    lot_id: row.lot_id,
    lot_number: row.lot_number,
    warehouse_id: row.warehouse_id,
    client_id: row.client_id,
  });
}
