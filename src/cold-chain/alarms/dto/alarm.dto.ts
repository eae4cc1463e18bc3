import { ApiProperty } from '@nestjs/swagger';
import { EnumField, StringField, UuidField } from 'src/common/validation/fields';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import type { Alarm } from 'src/cold-chain/alarms/alarm.entity';
import { AlarmState, AlarmType } from 'src/cold-chain/alarms/alarm.enums';

export class ListAlarmsQueryDto extends PaginationQueryDto {
  @EnumField(AlarmState, 'AlarmState', { optional: true, description: 'Only alarms in this state' })
  state?: AlarmState;

  @EnumField(AlarmType, 'AlarmType', { optional: true, description: 'Only alarms of this type' })
  type?: AlarmType;

  @UuidField({ optional: true, description: 'Only alarms of this warehouse' })
  warehouse_id?: string;
}

export class AcknowledgeAlarmDto {
  @StringField({
    max: 1000,
    description: 'What was seen or done (required)',
    example: 'Door found ajar; closed at 14:05, compressor checked.',
  })
  note!: string;
}

export class AlarmOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: AlarmType, enumName: 'AlarmType' })
  type!: AlarmType;

  @ApiProperty({
    enum: AlarmState,
    enumName: 'AlarmState',
    description: 'ACTIVE_UNACKNOWLEDGED → ACTIVE_ACKNOWLEDGED → CLEARED (or straight to CLEARED)',
  })
  state!: AlarmState;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  chamber_id!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'For TEMPERATURE_EXCURSION',
  })
  excursion_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'For SENSOR_OFFLINE' })
  sensor_id!: string | null;

  @ApiProperty({ example: 'Chamber CH-01 went above its range (-25 to -15 °C).' })
  message!: string;

  @ApiProperty({ format: 'date-time' })
  raised_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  acknowledged_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The user who acknowledged it',
  })
  acknowledged_by!: string | null;

  @ApiProperty({ type: String, nullable: true })
  acknowledgement_note!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When admins were emailed because nobody acknowledged it',
  })
  escalated_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cleared_at!: string | null;
}

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

export function toAlarmOut(alarm: Alarm): AlarmOutDto {
  return {
    id: alarm.id,
    type: alarm.type,
    state: alarm.state,
    warehouse_id: alarm.warehouseId,
    chamber_id: alarm.chamberId,
    excursion_id: alarm.excursionId,
    sensor_id: alarm.sensorId,
    message: alarm.message,
    raised_at: alarm.raisedAt.toISOString(),
    acknowledged_at: iso(alarm.acknowledgedAt),
    acknowledged_by: alarm.acknowledgedBy,
    acknowledgement_note: alarm.acknowledgementNote,
    escalated_at: iso(alarm.escalatedAt),
    cleared_at: iso(alarm.clearedAt),
  };
}
