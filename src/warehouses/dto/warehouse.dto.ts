import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsTimeZone, Matches } from 'class-validator';
import { IntField, OptionalNotNull, PatchType, StringField } from 'src/common/validation/fields';
import type { Warehouse } from '../warehouse.entity';

export const WAREHOUSE_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;

export class CreateWarehouseDto {
  @StringField({ max: 200, example: 'Pune Central Cold Store' })
  name!: string;

  @StringField({ max: 500, example: 'Plot 12, MIDC Chakan, Pune 410501' })
  address!: string;

  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 100_000_000,
    description: 'Capacity in storage units',
    example: 5000,
  })
  capacity?: number | null;

  @ApiPropertyOptional({
    type: String,
    description:
      'Short code, unique: 2-20 of A-Z, 0-9 and -, not starting with -; stored upper-case. ' +
      'Derived from the name when absent',
    example: 'PUNE-1',
    pattern: WAREHOUSE_CODE.source,
  })
  @OptionalNotNull()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(WAREHOUSE_CODE, { message: 'code must be 2-20 characters of A-Z, 0-9 and -' })
  code?: string;

  @ApiPropertyOptional({
    type: String,
    description:
      'IANA time zone of the site; billing days are its calendar days. ' +
      'Defaults to DEFAULT_TIMEZONE; cannot change once the warehouse has approved invoices',
    example: 'Asia/Kolkata',
  })
  @OptionalNotNull()
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Asia/Kolkata' })
  timezone?: string;
}

/** Null is refused for the NOT NULL fields; capacity may be cleared with null. */
export class UpdateWarehouseDto extends PatchType(CreateWarehouseDto) {}

export class WarehouseOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'PUNE-1' })
  code!: string;

  @ApiProperty({ example: 'Pune Central Cold Store' })
  name!: string;

  @ApiProperty({ example: 'Plot 12, MIDC Chakan, Pune 410501' })
  address!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 5000,
    description: 'Capacity in storage units; null when not stated',
  })
  capacity!: number | null;

  @ApiProperty({ example: 'Asia/Kolkata' })
  timezone!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toWarehouseOut(warehouse: Warehouse): WarehouseOutDto {
  return {
    id: warehouse.id,
    code: warehouse.code,
    name: warehouse.name,
    address: warehouse.address,
    capacity: warehouse.capacity,
    timezone: warehouse.timezone,
    created_at: warehouse.createdAt.toISOString(),
    updated_at: warehouse.updatedAt.toISOString(),
  };
}
