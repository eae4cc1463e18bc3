import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, Matches, ValidateNested } from 'class-validator';
import { IntField, OptionalNotNull } from 'src/common/validation/fields';
import type { ChamberMonitoring } from 'src/cold-chain/sensors/chamber-monitoring.entity';
import {
  DEFAULT_ALARM_DELAY_MINUTES,
  DEFAULT_RECOVERY_DELAY_MINUTES,
} from 'src/cold-chain/monitoring/monitoring-defaults';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_DELAY = 1440;

export class DefrostWindowDto {
  @ApiProperty({
    description: "Start on the warehouse's wall clock (its time zone), HH:MM",
    example: '06:00',
    pattern: HH_MM.source,
  })
  @Matches(HH_MM, { message: 'start must be a time as HH:MM' })
  start!: string;

  @IntField({
    min: 1,
    max: MAX_DELAY,
    description: 'How long it lasts; a window may run past midnight',
    example: 30,
  })
  minutes!: number;
}

@ApiSchema({
  description:
    'The whole monitoring setting of a chamber: a field left out takes its default (alarm ' +
    `delay ${DEFAULT_ALARM_DELAY_MINUTES} min, recovery delay ${DEFAULT_RECOVERY_DELAY_MINUTES} min, no defrost).`,
})
export class PutChamberMonitoringDto {
  @IntField({
    optional: true,
    min: 0,
    max: MAX_DELAY,
    description: 'Minutes readings must stay out of range before an excursion opens',
    example: DEFAULT_ALARM_DELAY_MINUTES,
  })
  alarm_delay_minutes?: number;

  @IntField({
    optional: true,
    min: 0,
    max: MAX_DELAY,
    description: 'Minutes readings must stay back in range before an excursion closes',
    example: DEFAULT_RECOVERY_DELAY_MINUTES,
  })
  recovery_delay_minutes?: number;

  @ApiPropertyOptional({
    type: [DefrostWindowDto],
    maxItems: 24,
    description: 'Daily defrost cycles: readings inside them are not judged',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => DefrostWindowDto)
  defrost_windows?: DefrostWindowDto[];
}

export class ChamberMonitoringOutDto {
  @ApiProperty({ format: 'uuid' })
  chamber_id!: string;

  @ApiProperty({ type: 'integer', example: DEFAULT_ALARM_DELAY_MINUTES })
  alarm_delay_minutes!: number;

  @ApiProperty({ type: 'integer', example: DEFAULT_RECOVERY_DELAY_MINUTES })
  recovery_delay_minutes!: number;

  @ApiProperty({ type: [DefrostWindowDto] })
  defrost_windows!: DefrostWindowDto[];

  @ApiProperty({
    description: "The warehouse's time zone, in which defrost windows are read",
    example: 'Asia/Kolkata',
  })
  timezone!: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the settings were last changed; null while the defaults apply',
  })
  updated_at!: string | null;
}

export function toChamberMonitoringOut(
  chamberId: string,
  timezone: string,
  settings: ChamberMonitoring | null,
): ChamberMonitoringOutDto {
  return {
    chamber_id: chamberId,
    alarm_delay_minutes: settings?.alarmDelayMinutes ?? DEFAULT_ALARM_DELAY_MINUTES,
    recovery_delay_minutes: settings?.recoveryDelayMinutes ?? DEFAULT_RECOVERY_DELAY_MINUTES,
    defrost_windows: (settings?.defrostWindows ?? []).map((w) => ({
      start: w.start,
      minutes: w.minutes,
    })),
    timezone,
    updated_at: settings ? settings.updatedAt.toISOString() : null,
  };
}
