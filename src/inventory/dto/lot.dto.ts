import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { LotPlacementsFieldsDto } from 'src/inventory/locations/dto/placement.dto';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { KeysetPaginationQueryDto } from 'src/common/pagination/keyset';
import { DateField, DateTimeField, EnumField, UuidField } from 'src/common/validation/fields';
import { lotJson, type LotRow } from '../lot-row';
import { LotStatus } from '../lot-status.enum';
import { MovementOutDto } from './movement.dto';
import { StockRefsDto } from './stock-refs.dto';

/** The sort keys of lot listings; a leading "-" sorts descending. */
export const LOT_SORTS = [
  'received_at',
  '-received_at',
  'expiry_date',
  '-expiry_date',
  'lot_number',
  '-lot_number',
  'quantity',
  '-quantity',
] as const;
export type LotSort = (typeof LOT_SORTS)[number];

/** Filters, sorting and paging of every lot listing (staff, operator and client portals). */
export class ListLotsQueryDto extends KeysetPaginationQueryDto {
  @UuidField({ optional: true, description: 'Lots of this warehouse' })
  warehouse_id?: string;

  @UuidField({ optional: true, description: 'Lots of this client' })
  client_id?: string;

  @UuidField({ optional: true, description: 'Lots of this commodity' })
  commodity_id?: string;

  @UuidField({ optional: true, description: 'Lots now in this chamber' })
  chamber_id?: string;

  @EnumField(LotStatus, 'LotStatus', { optional: true })
  status?: LotStatus;

  @ApiPropertyOptional({
    description: 'Lot numbers starting with this text (case-insensitive)',
    maxLength: 40,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  lot_number?: string;

  @DateTimeField({ optional: true, description: 'Received at or after this instant' })
  received_from?: Date;

  @DateTimeField({ optional: true, description: 'Received before this instant (exclusive)' })
  received_to?: Date;

  @DateField({ optional: true, description: 'Expiry date before this day (exclusive)' })
  expiring_before?: string;

  @ApiPropertyOptional({
    enum: LOT_SORTS,
    default: '-received_at',
    description: 'Sort key; a leading "-" sorts descending. Ties are broken by id.',
  })
  @IsOptional()
  @IsIn(LOT_SORTS, { message: `sort must be one of: ${LOT_SORTS.join(', ')}` })
  sort?: LotSort;
}

export class LotOutDto extends PickType(StockRefsDto, [
  'lot_number',
  'warehouse_id',
  'client_id',
  'commodity_id',
  'commodity_code',
  'commodity_name',
  'unit',
  'chamber_id',
  'chamber_code',
] as const) {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'R3-F2-S14' })
  position!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'SEED',
    description: 'Grade code set on receipt (PLAIN, CIPC, SEED, TABLE…); rate cards may key on it',
  })
  grade!: string | null;

  @ApiProperty({ type: 'integer', example: 120, description: 'Units on hand' })
  quantity!: number;

  @ApiProperty({ example: '6000.5', description: 'kg on hand, a decimal string' })
  weight_kg!: string;

  @ApiProperty({ format: 'date-time' })
  received_at!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  expiry_date!: string | null;

  @ApiProperty({ enum: LotStatus, enumName: 'LotStatus' })
  status!: LotStatus;

  @ApiProperty({ type: String, nullable: true })
  hold_reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export class LotDetailOutDto extends IntersectionType(LotOutDto, LotPlacementsFieldsDto) {
  @ApiProperty({ type: [MovementOutDto], description: 'Every movement of the lot, newest first' })
  movements!: MovementOutDto[];
}

export type { LotRow } from '../lot-row';

export function toLotOut(row: LotRow): LotOutDto {
  return lotJson(row);
}
