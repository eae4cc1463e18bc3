import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  MAX_READINGS_PER_BATCH,
  MAX_TEMPERATURE_C,
  MIN_TEMPERATURE_C,
  WIRE_SENSOR_CODE,
} from '../reading-input';
import { ReadingRejection, type IngestResult } from '../readings-ingest.service';

/** Documents the body parseReadingsBatch checks (by hand, for speed: see reading-input.ts). */
export class ReadingInDto {
  @ApiProperty({
    description: "The sensor's code in the gateway's warehouse (matched upper-case)",
    example: 'T-CH01-A',
    pattern: WIRE_SENSOR_CODE.source,
    maxLength: 40,
  })
  sensor_code!: string;

  @ApiProperty({
    description:
      'When it was measured: ISO 8601 with seconds and an offset; at most 5 minutes ahead of ' +
      "the server's clock and not older than READINGS_RETENTION_DAYS",
    format: 'date-time',
    example: '2026-11-26T08:30:00Z',
  })
  recorded_at!: string;

  @ApiProperty({
    description:
      'Raw temperature in °C as a JSON number (the sensor calibration offset is added when stored)',
    minimum: MIN_TEMPERATURE_C,
    maximum: MAX_TEMPERATURE_C,
    example: -18.4,
  })
  temperature_c!: number;

  @ApiPropertyOptional({
    type: Number,
    description: 'Relative humidity in %',
    minimum: 0,
    maximum: 100,
    nullable: true,
    example: 82.5,
  })
  humidity_pct?: number | null;
}

@ApiSchema({
  description:
    `1 to ${MAX_READINGS_PER_BATCH.toLocaleString('en')} readings (a body up to 4 MB). A ` +
    'malformed reading makes the whole batch a 422 naming each field; readings that are well ' +
    'formed but cannot be stored (unknown or inactive sensor, too far ahead, past retention) ' +
    'are refused one by one in the answer while the rest are stored.',
})
export class ReadingsBatchDto {
  @ApiProperty({ type: [ReadingInDto], minItems: 1, maxItems: MAX_READINGS_PER_BATCH })
  readings!: ReadingInDto[];
}

export class RejectedReadingDto {
  @ApiProperty({ type: 'integer', description: 'Index of the reading in the batch', example: 3 })
  index!: number;

  @ApiProperty({
    enum: ReadingRejection,
    enumName: 'ReadingRejection',
    description:
      'UNKNOWN_SENSOR: no sensor with that code in the warehouse; SENSOR_INACTIVE; IN_FUTURE: ' +
      "more than 5 minutes ahead of the server's clock; PAST_RETENTION: older than the raw " +
      'readings are kept',
  })
  reason!: ReadingRejection;
}

export class IngestResultDto implements IngestResult {
  @ApiProperty({ type: 'integer', description: 'Readings stored', example: 998 })
  accepted!: number;

  @ApiProperty({
    type: 'integer',
    description:
      'Readings ignored because the same sensor already has a reading at that instant (sent ' +
      'before, or twice in this batch): resending a batch is safe',
    example: 1,
  })
  duplicates!: number;

  @ApiProperty({ type: [RejectedReadingDto], description: 'Readings refused, one by one' })
  rejected!: RejectedReadingDto[];
}
