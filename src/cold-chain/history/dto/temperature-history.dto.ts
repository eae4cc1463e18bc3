import { ApiProperty } from '@nestjs/swagger';
import { DateTimeField, EnumField } from 'src/common/validation/fields';
import { BucketValues, type Bucket } from 'src/cold-chain/history/buckets';

export class TemperatureHistoryQueryDto {
  @DateTimeField({
    optional: true,
    description: 'Start, inclusive (default: 24 hours before `to`); moved back to its bucket start',
  })
  from?: Date;

  @DateTimeField({
    optional: true,
    description: 'End, exclusive (default: now); moved forward to its bucket end',
  })
  to?: Date;

  @EnumField(BucketValues, 'TemperatureBucket', {
    optional: true,
    description:
      'Bucket size (default 1h), aligned on UTC: 1d buckets are UTC days, 7d weeks start on Monday 00:00 UTC',
  })
  bucket?: Bucket;
}

/** Min, max and mean of one bucket's readings, every sensor of the chamber together. */
export class TemperaturePointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket' })
  at!: string;

  @ApiProperty({ type: 'integer', example: 60 })
  reading_count!: number;

  @ApiProperty({ example: -19.42, description: '°C, 2 places' })
  min_c!: number;

  @ApiProperty({ example: -17.85, description: '°C, 2 places' })
  max_c!: number;

  @ApiProperty({ example: -18.61, description: 'Arithmetic mean, °C, 2 places' })
  avg_c!: number;
}

/** Figures over a whole period. */
export class TemperatureSummaryDto {
  @ApiProperty({ type: 'integer', example: 1440 })
  reading_count!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: -19.8,
    description: '°C; null without readings',
  })
  min_c!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: -16.2 })
  max_c!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: -18.4, description: 'Arithmetic mean, °C' })
  mean_c!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: -18.1,
    description: 'Mean kinetic temperature (USP <1160>, ΔH/R = 10,000 K), °C',
  })
  mkt_c!: number | null;
}

export class ChamberTemperatureOutDto extends TemperatureSummaryDto {
  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ example: 'FRZ-01' })
  chamber_code!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: '-25', description: "The chamber's range, °C, decimal strings" })
  chamber_min_temp_c!: string;

  @ApiProperty({ example: '-15' })
  chamber_max_temp_c!: string;

  @ApiProperty({ format: 'date-time', description: 'Start of the first bucket' })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the last bucket (exclusive)' })
  to!: string;

  @ApiProperty({ enum: BucketValues, enumName: 'TemperatureBucket' })
  bucket!: Bucket;

  @ApiProperty({
    enum: ['readings', 'rollups'],
    description: 'Raw readings for buckets under an hour, the hourly rollups otherwise',
  })
  source!: 'readings' | 'rollups';

  @ApiProperty({
    type: [TemperaturePointDto],
    description: 'Buckets holding readings, oldest first (a bucket without readings is absent)',
  })
  points!: TemperaturePointDto[];
}
