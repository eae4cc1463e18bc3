import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Chamber } from 'src/warehouses/chamber.entity';

/** A daily defrost cycle in the warehouse's local time: `start` "HH:MM", lasting `minutes`. */
export interface DefrostWindow {
  start: string;
  minutes: number;
}

/**
 * How a chamber's temperature is judged: an excursion opens once readings stay out of range for
 * `alarmDelayMinutes`, closes once they stay back in range for `recoveryDelayMinutes`, and
 * readings inside a defrost window never count. A chamber without a row uses the defaults.
 */
@Entity('chamber_monitoring')
@Check('ck_chamber_monitoring_alarm_delay', '"alarm_delay_minutes" BETWEEN 0 AND 1440')
@Check('ck_chamber_monitoring_recovery_delay', '"recovery_delay_minutes" BETWEEN 0 AND 1440')
export class ChamberMonitoring {
  @PrimaryColumn({ type: 'uuid' })
  chamberId!: string;

  @Column({ type: 'integer', default: 15 })
  alarmDelayMinutes!: number;

  @Column({ type: 'integer', default: 10 })
  recoveryDelayMinutes!: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  defrostWindows!: DefrostWindow[];

  @CreateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @OneToOne(() => Chamber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chamber_id' })
  chamber?: Chamber;
}
