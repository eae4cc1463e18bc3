import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { Db } from 'src/database/db';
import { OutboxService } from 'src/mail/outbox.service';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { RoleName } from 'src/rbac/role-name.enum';
import { Alarm } from './alarm.entity';
import { AlarmState, AlarmType } from './alarm.enums';
import { renderAlarmEmail } from './alarm-emails';
import { CLEAR_OFFLINE_SQL, ESCALATE_SQL, RAISE_OFFLINE_SQL, RECIPIENTS_SQL } from './alarms.sql';
import type { ListAlarmsQueryDto } from './dto/alarm.dto';

const TYPE_LABELS: Record<AlarmType, string> = {
  [AlarmType.TemperatureExcursion]: 'Temperature excursion',
  [AlarmType.SensorOffline]: 'Sensor offline',
};

/** What an excursion alarm says about it. */
export interface ExcursionAlarmInput {
  excursionId: string;
  warehouseId: string;
  chamberId: string;
  message: string;
}

/**
 * Alarms: raised for an excursion (by the detector, in its transaction) or a silent sensor (by
 * the sweep), acknowledged by people, cleared when their cause ends. Raising one emails the
 * warehouse's inventory managers; one left unacknowledged for ALARM_ESCALATE_MINUTES emails
 * every admin, once. Emails go through the outbox in the transaction of the change.
 */
@Injectable()
export class AlarmsService {
  private readonly escalateMinutes: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    this.escalateMinutes = config.get('alarms', { infer: true }).escalateMinutes;
  }

  /** The excursion's alarm and its emails, in the detector's transaction. */
  async raiseForExcursion(manager: EntityManager, input: ExcursionAlarmInput): Promise<void> {
    const [{ id }] = await manager.query<{ id: string }[]>(
      `INSERT INTO alarms (warehouse_id, chamber_id, type, excursion_id, message, raised_at)
       VALUES ($1, $2, 'TEMPERATURE_EXCURSION', $3, $4, now())
       RETURNING id`,
      [input.warehouseId, input.chamberId, input.excursionId, input.message],
    );
    await this.email(manager, [id], false);
  }

  async clearForExcursion(manager: EntityManager, excursionId: string): Promise<void> {
    await manager.query(
      `UPDATE alarms SET state = 'CLEARED', cleared_at = now(), updated_at = now()
        WHERE excursion_id = $1 AND state <> 'CLEARED'`,
      [excursionId],
    );
  }

  /** Sends what the committed transactions queued. */
  wakeMail(): void {
    this.outbox.wake();
  }

  /** Raises SENSOR_OFFLINE for every silent active sensor (once each); returns how many. */
  async raiseOffline(): Promise<number> {
    const raised = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(RAISE_OFFLINE_SQL);
      await this.email(
        manager,
        rows.map((row) => row.id),
        false,
      );
      return rows.length;
    });
    if (raised > 0) this.outbox.wake();
    return raised;
  }

  /** Clears the offline alarms of sensors that reported again or were deactivated. */
  async clearOffline(chamberIds: string[] | null = null): Promise<void> {
    await this.dataSource.query(CLEAR_OFFLINE_SQL, [chamberIds]);
  }

  /** Emails every admin about alarms unacknowledged too long, once each; returns how many. */
  async escalate(): Promise<number> {
    const escalated = await this.dataSource.transaction(async (manager) => {
      // An UPDATE answers [rows, count].
      const [rows] = await manager.query<[{ id: string }[], number]>(ESCALATE_SQL, [
        this.escalateMinutes,
      ]);
      await this.email(
        manager,
        rows.map((row) => row.id),
        true,
      );
      return rows.length;
    });
    if (escalated > 0) this.outbox.wake();
    return escalated;
  }

  async list(scope: DataScope, query: ListAlarmsQueryDto): Promise<Page<Alarm>> {
    const builder = this.db.manager
      .createQueryBuilder(Alarm, 'a')
      .orderBy('a.raisedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, { warehouse: 'a.warehouse_id' });
    if (query.state) builder.andWhere('a.state = :state', { state: query.state });
    if (query.type) builder.andWhere('a.type = :type', { type: query.type });
    if (query.warehouse_id)
      builder.andWhere('a.warehouseId = :warehouseId', { warehouseId: query.warehouse_id });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /** Someone has seen it: by whom, when and what they noted. Only an unacknowledged alarm (409). */
  async acknowledge(caller: Principal, alarmId: string, note: string): Promise<Alarm> {
    return this.db.transaction(async (manager) => {
      const builder = manager
        .createQueryBuilder(Alarm, 'a')
        .where('a.id = :alarmId', { alarmId })
        .setLock('pessimistic_write');
      const alarm = await whereInScope(builder, caller.scope, {
        warehouse: 'a.warehouse_id',
      }).getOne();
      if (!alarm) throw new NotFoundError('Alarm');
      if (alarm.state !== AlarmState.ActiveUnacknowledged) {
        throw new ConflictError(
          alarm.state === AlarmState.Cleared
            ? 'The alarm has already cleared; there is nothing to acknowledge.'
            : 'The alarm has already been acknowledged.',
        );
      }
      await manager.update(
        Alarm,
        { id: alarm.id },
        {
          state: AlarmState.ActiveAcknowledged,
          acknowledgedAt: () => 'now()',
          acknowledgedBy: caller.userId,
          acknowledgementNote: note,
        },
      );
      await this.audit.record(manager, {
        action: 'alarm.acknowledged',
        entityType: 'alarm',
        entityId: alarm.id,
        warehouseId: alarm.warehouseId,
        before: { state: alarm.state },
        after: { state: AlarmState.ActiveAcknowledged, note },
      });
      return manager.findOneByOrFail(Alarm, { id: alarm.id });
    });
  }

  /**
   * Queues the emails about these alarms: to the inventory managers of each alarm's warehouse
   * when raised, to every admin when escalated.
   */
  private async email(
    manager: EntityManager,
    alarmIds: string[],
    escalation: boolean,
  ): Promise<void> {
    if (alarmIds.length === 0) return;
    const alarms = await manager.query<
      {
        id: string;
        type: AlarmType;
        message: string;
        raised_at: Date;
        warehouse_id: string;
        warehouse_name: string;
      }[]
    >(
      `SELECT a.id, a.type, a.message, a.raised_at, a.warehouse_id, w.name AS warehouse_name
         FROM alarms a JOIN warehouses w ON w.id = a.warehouse_id
        WHERE a.id = ANY($1::uuid[])
        ORDER BY a.raised_at, a.id`,
      [alarmIds],
    );
    const appName = this.config.get('app.name', { infer: true });
    const frontendUrl = this.config.get('app.frontendUrl', { infer: true });
    const recipients = new Map<string | null, string[]>();
    for (const alarm of alarms) {
      const key = escalation ? null : alarm.warehouse_id;
      let emails = recipients.get(key);
      if (!emails) {
        const rows = await manager.query<{ email: string }[]>(RECIPIENTS_SQL, [
          escalation ? RoleName.Admin : RoleName.InventoryManager,
          key,
        ]);
        emails = rows.map((row) => row.email);
        recipients.set(key, emails);
      }
      for (const recipient of emails) {
        const email = renderAlarmEmail({
          appName,
          frontendUrl,
          recipientEmail: recipient,
          alarmId: alarm.id,
          typeLabel: TYPE_LABELS[alarm.type],
          message: alarm.message,
          warehouseName: alarm.warehouse_name,
          raisedAt: new Date(alarm.raised_at),
          escalation,
        });
        await this.outbox.enqueue(manager, {
          recipient,
          subject: email.subject,
          text: email.text,
          html: email.html,
          subjectType: 'alarm',
          subjectId: alarm.id,
        });
      }
    }
  }
}
