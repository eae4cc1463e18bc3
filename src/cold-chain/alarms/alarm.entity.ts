import { Column, Entity, ForeignKey, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from 'src/common/entities/base.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { Sensor } from 'src/cold-chain/sensors/sensor.entity';
import { AlarmState, AlarmType } from './alarm.enums';

/**
 * Something people must look at: an excursion (`excursionId`) or a silent sensor (`sensorId`).
 * Managers are emailed when it is raised; unacknowledged after ALARM_ESCALATE_MINUTES, admins
 * are (`escalatedAt`). It clears when its cause ends, acknowledged or not.
 */
@Entity('alarms')
@Index('ix_alarms_warehouse_raised', ['warehouseId', 'raisedAt'])
@Index('ix_alarms_state', ['state', 'raisedAt'])
@Index('uq_alarms_excursion', ['excursionId'], {
  unique: true,
  where: '"excursion_id" IS NOT NULL',
})
@Index('uq_alarms_sensor_offline_active', ['sensorId'], {
  unique: true,
  where: `"type" = 'SENSOR_OFFLINE' AND "state" <> 'CLEARED'`,
})
export class Alarm extends BaseEntity {
  @Column({ type: 'uuid' })
  warehouseId!: string;

  @Column({ type: 'uuid', nullable: true })
  chamberId!: string | null;

  @Column({ type: 'enum', enum: AlarmType, enumName: 'alarm_type' })
  type!: AlarmType;

  @Column({
    type: 'enum',
    enum: AlarmState,
    enumName: 'alarm_state',
    default: AlarmState.ActiveUnacknowledged,
  })
  state!: AlarmState;

  // Named, not imported: excursions raise alarms, so alarms point at the table only.
  @ForeignKey('Excursion', { onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  excursionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  sensorId!: string | null;

  @Column({ type: 'varchar', length: 500 })
  message!: string;

  @Column({ type: 'timestamptz' })
  raisedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  acknowledgementNote!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @ManyToOne(() => Warehouse, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'warehouse_id' })
  warehouse?: Warehouse;

  @ManyToOne(() => Sensor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sensor_id' })
  sensor?: Sensor;
}
