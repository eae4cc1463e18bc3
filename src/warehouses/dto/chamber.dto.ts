import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, Matches, ValidateBy } from 'class-validator';
import { compareDecimal, fromScaled, toScaled } from 'src/common/decimal';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { IntField, OptionalNotNull, PatchType, StringField } from 'src/common/validation/fields';
import type { Chamber } from '../chamber.entity';

const TEMP_SCALE = 2;
const DECIMAL_TEMP = /^-?\d{1,3}(\.\d{1,2})?$/;

/** "-18.50" becomes the canonical "-18.5"; anything else (a JSON number too) is left to fail. */
function toTemperatureString(value: unknown): unknown {
  const text = typeof value === 'string' ? value.trim() : value;
  return typeof text === 'string' && DECIMAL_TEMP.test(text)
    ? fromScaled(toScaled(text, TEMP_SCALE), TEMP_SCALE)
    : text;
}

/** The rule behind both CHECK constraints, as a 422 naming both fields. */
export function assertTemperatureRange(minTempC: string, maxTempC: string): void {
  if (compareDecimal(minTempC, maxTempC, TEMP_SCALE) < 0) return;
  const detail = `min_temp_c (${minTempC}) must be lower than max_temp_c (${maxTempC}).`;
  throw new BusinessRuleError(detail, [
    { field: 'min_temp_c', message: `min_temp_c must be lower than max_temp_c (${maxTempC})` },
    { field: 'max_temp_c', message: `max_temp_c must be higher than min_temp_c (${minTempC})` },
  ]);
}

/**
 * A temperature in °C as a decimal string, at most 2 decimals, -60..30 unless `min`/`max` say
 * otherwise (a sensor's calibration offset is -10..10).
 */
export const TemperatureField = (options: {
  description: string;
  example: string;
  optional?: boolean;
  min?: string;
  max?: string;
}): PropertyDecorator => {
  const { min = '-60', max = '30' } = options;
  const [low, high] = [toScaled(min, TEMP_SCALE), toScaled(max, TEMP_SCALE)];
  const property = {
    description: `${options.description}; °C from ${min} to ${max}, at most 2 decimals, as a decimal string`,
    type: String,
    pattern: DECIMAL_TEMP.source,
    example: options.example,
  };
  return applyDecorators(
    options.optional ? ApiPropertyOptional(property) : ApiProperty(property),
    ...(options.optional ? [OptionalNotNull()] : []),
    Transform(({ value }: { value: unknown }) => toTemperatureString(value)),
    ValidateBy({
      name: 'isTemperature',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !DECIMAL_TEMP.test(value)) return false;
          const scaled = toScaled(value, TEMP_SCALE);
          return scaled >= low && scaled <= high;
        },
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a decimal string from ${min} to ${max} (°C) with at most 2 decimals, e.g. "${options.example}"`,
      },
    }),
  );
};

export const CHAMBER_CODE = /^[A-Z0-9-]{1,20}$/;

@ApiSchema({
  description: 'A new chamber. min_temp_c must be lower than max_temp_c (422 naming both).',
})
export class CreateChamberDto {
  @ApiProperty({
    description: 'Short code, unique in the warehouse: 1-20 of A-Z, 0-9 and -; stored upper-case',
    example: 'CH-01',
    pattern: CHAMBER_CODE.source,
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(CHAMBER_CODE, { message: 'code must be 1-20 characters of A-Z, 0-9 and -' })
  code!: string;

  @StringField({ max: 200, example: 'Frozen room 1' })
  name!: string;

  @TemperatureField({
    description: 'Lowest temperature the chamber holds; lower than max_temp_c',
    example: '-25',
  })
  min_temp_c!: string;

  @TemperatureField({
    description: 'Highest temperature the chamber holds; higher than min_temp_c',
    example: '-18.5',
  })
  max_temp_c!: string;

  @IntField({
    optional: true,
    nullable: true,
    min: 0,
    max: 1_000_000_000,
    description: 'Capacity in storage units; null when not stated',
    example: 1200,
  })
  capacity_units?: number | null;

  @ApiPropertyOptional({
    description: 'Whether goods may be received or transferred in (default true)',
    example: true,
  })
  @OptionalNotNull()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

/** Null is refused for the NOT NULL fields; capacity_units may be cleared with null. */
@ApiSchema({
  description:
    'Only the fields sent change. After the change min_temp_c must still be lower than ' +
    'max_temp_c, a bound not sent being the stored one (422 naming both).',
})
export class UpdateChamberDto extends PatchType(CreateChamberDto) {}

export class ChamberOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: 'CH-01' })
  code!: string;

  @ApiProperty({ example: 'Frozen room 1' })
  name!: string;

  @ApiProperty({ description: '°C as a decimal string', example: '-25' })
  min_temp_c!: string;

  @ApiProperty({ description: '°C as a decimal string', example: '-18.5' })
  max_temp_c!: string;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 1200,
    description: 'Capacity in storage units; null when not stated',
  })
  capacity_units!: number | null;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toChamberOut(chamber: Chamber): ChamberOutDto {
  return {
    id: chamber.id,
    warehouse_id: chamber.warehouseId,
    code: chamber.code,
    name: chamber.name,
    min_temp_c: chamber.minTempC,
    max_temp_c: chamber.maxTempC,
    capacity_units: chamber.capacityUnits,
    active: chamber.active,
    created_at: chamber.createdAt.toISOString(),
    updated_at: chamber.updatedAt.toISOString(),
  };
}
