import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import { EnumField, OptionalNotNull, StringField, UuidField } from 'src/common/validation/fields';
import { LotStatus } from 'src/inventory/lot-status.enum';
import { ExcursionDirection, LotDisposition } from 'src/cold-chain/excursions/excursion.enums';

export class ListExcursionsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Only excursions of this warehouse' })
  warehouse_id?: string;

  @UuidField({ optional: true, description: 'Only excursions of this chamber' })
  chamber_id?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only open excursions; false: only closed ones',
  })
  @OptionalNotNull()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'open must be true or false' })
  open?: boolean;
}

export class DispositionDto {
  @EnumField(LotDisposition, 'LotDisposition', {
    description:
      'RELEASED: back to IN_STOCK (unless another hold remains); QUARANTINED: stays ON_HOLD ' +
      'with reason QUARANTINED; DESTROYED: adjusted to zero (WASTE), the lot ends DEPLETED',
  })
  disposition!: LotDisposition;

  @StringField({
    max: 1000,
    description: 'Why (required): kept with the disposition and in the audit trail',
    example: 'Product core temperature checked at -19 °C; quality approved release.',
  })
  note!: string;
}

export class ExcursionOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'CH-01' })
  chamber_code!: string;

  @ApiProperty({ enum: ExcursionDirection, enumName: 'ExcursionDirection' })
  direction!: ExcursionDirection;

  @ApiProperty({
    description: "The range in force when it opened (the chamber's, narrowed by its goods'), °C",
    example: -25,
  })
  limit_min_c!: number;

  @ApiProperty({ example: -15 })
  limit_max_c!: number;

  @ApiProperty({ description: 'Lowest reading while it lasted, °C', example: -14.2 })
  min_temp_c!: number;

  @ApiProperty({ description: 'Highest reading while it lasted, °C', example: -8.5 })
  max_temp_c!: number;

  @ApiProperty({ format: 'date-time', description: 'The first out-of-range reading' })
  started_at!: string;

  @ApiProperty({ format: 'date-time', description: 'When the alarm delay ran out' })
  opened_at!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The first in-range reading of the recovery that closed it',
  })
  ended_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the recovery delay ran out; null while open',
  })
  closed_at!: string | null;

  @ApiProperty({ example: false })
  open!: boolean;

  @ApiProperty({ type: 'integer', description: 'Lots it held' })
  lots_held!: number;

  @ApiProperty({ type: 'integer', description: 'Lots still awaiting a disposition' })
  lots_undisposed!: number;
}

export class ExcursionLotOutDto {
  @ApiProperty({ format: 'uuid' })
  lot_id!: string;

  @ApiProperty({ example: 'WH1-2026-000042' })
  lot_number!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ enum: LotStatus, enumName: 'LotStatus', description: "The lot's status now" })
  status!: LotStatus;

  @ApiProperty({ type: String, nullable: true, example: 'TEMPERATURE_EXCURSION' })
  hold_reason!: string | null;

  @ApiProperty({ type: 'integer', description: 'Units on hand now' })
  quantity!: number;

  @ApiProperty({ format: 'date-time' })
  held_at!: string;

  @ApiProperty({ enum: LotDisposition, enumName: 'LotDisposition', nullable: true })
  disposition!: LotDisposition | null;

  @ApiProperty({ type: String, nullable: true })
  disposition_note!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  disposed_by!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disposed_at!: string | null;
}

export class ExcursionDetailOutDto extends ExcursionOutDto {
  @ApiProperty({ type: [ExcursionLotOutDto], description: 'The lots it held, by lot number' })
  lots!: ExcursionLotOutDto[];
}
