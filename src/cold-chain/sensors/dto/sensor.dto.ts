import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, Matches } from 'class-validator';
import {
  IntField,
  OptionalNotNull,
  PatchType,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { TemperatureField } from 'src/warehouses/dto/chamber.dto';
import type { Sensor } from '../sensor.entity';

/** Upper-case, and safe as an MQTT topic level (no "/", "+" or "#"). */
export const SENSOR_CODE = /^[A-Z0-9][A-Z0-9_.-]{0,39}$/;

@ApiSchema({
  description:
    'A new sensor. chamber_id must be a chamber of the same warehouse (422 otherwise); a code ' +
    'already used in the warehouse answers 409.',
})
export class CreateSensorDto {
  @ApiProperty({
    description:
      'Code the gateways report readings by, unique in the warehouse: 1-40 of A-Z, 0-9, _, . ' +
      'and -, starting with a letter or digit; stored upper-case',
    example: 'T-CH01-A',
    pattern: SENSOR_CODE.source,
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(SENSOR_CODE, {
    message:
      'code must be 1-40 characters of A-Z, 0-9, _, . and -, starting with a letter or digit',
  })
  code!: string;

  @StringField({ max: 200, example: 'Chamber 1, door side' })
  name!: string;

  @UuidField({ description: 'The chamber the sensor measures, in the same warehouse' })
  chamber_id!: string;

  @TemperatureField({
    optional: true,
    min: '-10',
    max: '10',
    description: 'Added to every raw reading (default 0)',
    example: '-0.3',
  })
  calibration_offset_c?: string;

  @IntField({
    optional: true,
    min: 1,
    max: 86_400,
    description:
      'Seconds between two readings (default 60); silent for twice that plus a minute, the ' +
      'sensor is offline',
    example: 60,
  })
  expected_interval_seconds?: number;

  @ApiPropertyOptional({
    description: 'Whether its readings are accepted (default true)',
    example: true,
  })
  @OptionalNotNull()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

@ApiSchema({
  description:
    'Only the fields sent change; a chamber_id must still be a chamber of the warehouse (422).',
})
export class UpdateSensorDto extends PatchType(CreateSensorDto) {}

export class SensorOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'T-CH01-A' })
  code!: string;

  @ApiProperty({ example: 'Chamber 1, door side' })
  name!: string;

  @ApiProperty({
    description: '°C added to each raw reading, as a decimal string',
    example: '-0.3',
  })
  calibration_offset_c!: string;

  @ApiProperty({ type: 'integer', example: 60 })
  expected_interval_seconds!: number;

  @ApiProperty({ example: true })
  active!: boolean;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'recorded_at of the newest reading stored; null before the first',
  })
  last_reading_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toSensorOut(sensor: Sensor): SensorOutDto {
  return {
    id: sensor.id,
    warehouse_id: sensor.warehouseId,
    chamber_id: sensor.chamberId,
    code: sensor.code,
    name: sensor.name,
    calibration_offset_c: sensor.calibrationOffsetC,
    expected_interval_seconds: sensor.expectedIntervalSeconds,
    active: sensor.active,
    last_reading_at: sensor.lastReadingAt?.toISOString() ?? null,
    created_at: sensor.createdAt.toISOString(),
    updated_at: sensor.updatedAt.toISOString(),
  };
}
