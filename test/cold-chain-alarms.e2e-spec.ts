import request from 'supertest';
import { ColdChainSweep } from 'src/cold-chain/excursions/cold-chain-sweep.service';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { createSensor } from './helpers/cold-chain-factories';
import { ReadingsWriter } from 'src/cold-chain/readings/readings-writer.service';
import { feedReadings, MINUTE, minutesAgo, repeat } from './helpers/excursion-helpers';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture';
import { createTestApp, type TestApp } from './helpers/test-app';

interface AlarmBody {
  id: string;
  type: string;
  state: string;
  sensor_id: string | null;
  excursion_id: string | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  escalated_at: string | null;
}

describe('cold chain: alarms', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let sweep: ColdChainSweep;
  let warehouse: Warehouse;
  let otherWarehouse: Warehouse;
  let admin: string;
  let adminEmail: string;
  let manager: string;
  let managerId: string;
  let managerEmail: string;
  let otherManager: string;
  let operator: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({
      env: {
        EMAIL_HOST: smtp.host,
        EMAIL_PORT: String(smtp.port),
        OUTBOX_POLL_INTERVAL_MS: '100',
        ALARM_ESCALATE_MINUTES: '20',
      },
    });
    sweep = t.app.get(ColdChainSweep);
    await seedRoles(t.dataSource);
    warehouse = await makeWarehouse(t.dataSource);
    otherWarehouse = await makeWarehouse(t.dataSource);
    const adminUser = await makeUser(t.dataSource);
    adminEmail = adminUser.email;
    admin = await login(t.server, adminEmail);
    const im = await makeUser(t.dataSource, {
      role: RoleName.InventoryManager,
      warehouseId: warehouse.id,
    });
    managerEmail = im.email;
    managerId = im.user.id;
    manager = await login(t.server, im.email);
    otherManager = await login(
      t.server,
      (
        await makeUser(t.dataSource, {
          role: RoleName.InventoryManager,
          warehouseId: otherWarehouse.id,
        })
      ).email,
    );
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: warehouse.id })).email,
    );
  });

  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const get = (token: string, url: string): request.Test =>
    request(t.server).get(url).set('Authorization', `Bearer ${token}`);
  const post = (token: string, url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body);

  const alarmOf = async (column: 'sensor_id' | 'excursion_id', id: string): Promise<AlarmBody[]> =>
    ((await get(admin, '/api/alarms?limit=200').expect(200)).body as AlarmBody[]).filter(
      (a) => a[column] === id,
    );

  /** A sensor silent since `minutes` ago (created then, never reported). */
  async function silentSensor(minutes: number): ReturnType<typeof createSensor> {
    const chamber = await makeChamber(t.dataSource, warehouse.id);
    const sensor = await createSensor(t.dataSource, chamber, { expectedIntervalSeconds: 60 });
    await t.dataSource.query(
      `UPDATE sensors SET created_at = now() - make_interval(mins => $2) WHERE id = $1`,
      [sensor.id, minutes],
    );
    return sensor;
  }

  describe('SENSOR_OFFLINE', () => {
    it('is raised once for a sensor silent for twice its interval plus a minute', async () => {
      const quiet = await silentSensor(2); // 120 s < 2 × 60 + 60
      const silent = await silentSensor(4);
      await sweep.runOnce();
      await sweep.runOnce();
      expect(await alarmOf('sensor_id', quiet.id)).toEqual([]);
      const alarms = await alarmOf('sensor_id', silent.id);
      expect(alarms).toEqual([
        expect.objectContaining({ type: 'SENSOR_OFFLINE', state: 'ACTIVE_UNACKNOWLEDGED' }),
      ]);
      const mail = await smtp.waitFor(
        (m) => m.to.includes(managerEmail) && m.parsed.subject?.includes('Sensor offline') === true,
      );
      expect(mail.parsed.text).toContain(silent.code);
    });

    it('clears when the sensor reports again', async () => {
      const sensor = await silentSensor(10);
      await sweep.runOnce();
      expect((await alarmOf('sensor_id', sensor.id))[0].state).toBe('ACTIVE_UNACKNOWLEDGED');
      await feedReadings(t.app, sensor, minutesAgo(0), [-20]);
      expect((await alarmOf('sensor_id', sensor.id))[0].state).toBe('CLEARED');
    });

    it('clears when the sensor is deactivated, and is raised anew when it goes silent again', async () => {
      const sensor = await silentSensor(10);
      await sweep.runOnce();
      await t.dataSource.query('UPDATE sensors SET active = false WHERE id = $1', [sensor.id]);
      await sweep.runOnce();
      expect((await alarmOf('sensor_id', sensor.id)).map((a) => a.state)).toEqual(['CLEARED']);
      await t.dataSource.query('UPDATE sensors SET active = true WHERE id = $1', [sensor.id]);
      await sweep.runOnce();
      expect((await alarmOf('sensor_id', sensor.id)).map((a) => a.state).sort()).toEqual([
        'ACTIVE_UNACKNOWLEDGED',
        'CLEARED',
      ]);
    });
  });

  describe('readings stored but never judged', () => {
    it('are judged by the next sweep, hours late, from the earliest of them', async () => {
      // As if the instance died between committing a late batch and judging it: written, no notify.
      const chamber = await makeChamber(t.dataSource, warehouse.id); // -25 to -15 °C
      const sensor = await createSensor(t.dataSource, chamber, { expectedIntervalSeconds: 60 });
      const start = minutesAgo(180);
      const writer = t.app.get(ReadingsWriter);
      await writer.write(
        [...repeat(-18, 5), ...repeat(-8, 25), ...repeat(-18, 20)].map((temperatureC, i) => ({
          sensorId: sensor.id,
          chamberId: chamber.id,
          recordedAt: new Date(start + i * MINUTE),
          temperatureC,
          rawTemperatureC: temperatureC,
          humidityPct: null,
        })),
      );
      const queued = (): Promise<unknown[]> =>
        t.dataSource.query('SELECT since FROM chamber_evaluation_queue WHERE chamber_id = $1', [
          chamber.id,
        ]);
      expect(await queued()).toEqual([{ since: new Date(start) }]);
      await sweep.runOnce();
      expect(await queued()).toEqual([]);
      const excursions = await t.dataSource.query<
        { started_at: Date; closed_at: Date | null; max_temp_c: number }[]
      >('SELECT started_at, closed_at, max_temp_c FROM excursions WHERE chamber_id = $1', [
        chamber.id,
      ]);
      expect(excursions).toEqual([
        {
          started_at: new Date(start + 5 * MINUTE),
          closed_at: expect.any(Date) as Date,
          max_temp_c: -8,
        },
      ]);
      // Judged once: the next sweep finds nothing queued and opens nothing more.
      await sweep.runOnce();
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM excursions WHERE chamber_id = $1',
        [chamber.id],
      );
      expect(count).toBe(1);
    });
  });

  describe('readings stored but never judged, then a batch in range', () => {
    it('judges the earlier readings with the batch, not only the batch', async () => {
      const chamber = await makeChamber(t.dataSource, warehouse.id); // -25 to -15 °C
      const sensor = await createSensor(t.dataSource, chamber, { expectedIntervalSeconds: 60 });
      const start = minutesAgo(120);
      const writer = t.app.get(ReadingsWriter);
      // A breach written by an instance that died before judging it.
      await writer.write(
        [...repeat(-18, 5), ...repeat(-8, 25)].map((temperatureC, i) => ({
          sensorId: sensor.id,
          chamberId: chamber.id,
          recordedAt: new Date(start + i * MINUTE),
          temperatureC,
          rawTemperatureC: temperatureC,
          humidityPct: null,
        })),
      );
      // Then a batch wholly in range, judged as it is stored.
      await feedReadings(t.app, sensor, start + 30 * MINUTE, repeat(-18, 20));
      const excursions = await t.dataSource.query<{ started_at: Date; closed: boolean }[]>(
        'SELECT started_at, closed_at IS NOT NULL AS closed FROM excursions WHERE chamber_id = $1',
        [chamber.id],
      );
      expect(excursions).toEqual([{ started_at: new Date(start + 5 * MINUTE), closed: true }]);
    });
  });

  describe('lifecycle', () => {
    let alarm: AlarmBody;

    beforeAll(async () => {
      const sensor = await silentSensor(10);
      await sweep.runOnce();
      [alarm] = await alarmOf('sensor_id', sensor.id);
    });

    it('lists alarms in scope with filters', async () => {
      const mine = (await get(manager, '/api/alarms?state=ACTIVE_UNACKNOWLEDGED').expect(200))
        .body as AlarmBody[];
      expect(mine.map((a) => a.id)).toContain(alarm.id);
      await get(otherManager, '/api/alarms').expect(200).expect('X-Total-Count', '0');
      await get(admin, `/api/alarms?warehouse_id=${otherWarehouse.id}`)
        .expect(200)
        .expect('X-Total-Count', '0');
      await get(admin, '/api/alarms?type=SENSOR_OFFLINE').expect(200);
      await get(admin, '/api/alarms?state=RINGING').expect(422);
    });

    it('is acknowledged with a note, by whom, once; telemetry.manage and scope needed', async () => {
      const url = `/api/alarms/${alarm.id}/acknowledge`;
      await post(operator, url, { note: 'seen' }).expect(403);
      await post(otherManager, url, { note: 'seen' }).expect(404);
      await post(manager, url, {}).expect(422);
      const res = await post(manager, url, { note: 'Gateway rebooted' }).expect(200);
      expect(res.body).toMatchObject({
        state: 'ACTIVE_ACKNOWLEDGED',
        acknowledged_by: managerId,
        acknowledgement_note: 'Gateway rebooted',
      });
      expect((res.body as { acknowledged_at: string | null }).acknowledged_at).not.toBeNull();
      await post(manager, url, { note: 'again' }).expect(409);
      expect(await auditActions(t.dataSource, alarm.id)).toEqual(['alarm.acknowledged']);
    });
  });

  describe('escalation', () => {
    it('emails every admin once about an alarm unacknowledged past ALARM_ESCALATE_MINUTES', async () => {
      const sensor = await silentSensor(10);
      const acknowledged = await silentSensor(10);
      await sweep.runOnce();
      const [alarm] = await alarmOf('sensor_id', sensor.id);
      const [other] = await alarmOf('sensor_id', acknowledged.id);
      await post(manager, `/api/alarms/${other.id}/acknowledge`, { note: 'on it' }).expect(200);
      // Not yet: raised just now.
      await sweep.runOnce();
      expect((await alarmOf('sensor_id', sensor.id))[0].escalated_at).toBeNull();
      await t.dataSource.query(
        `UPDATE alarms SET raised_at = now() - interval '21 minutes' WHERE id = ANY($1::uuid[])`,
        [[alarm.id, other.id]],
      );
      await sweep.runOnce();
      await sweep.runOnce();
      expect((await alarmOf('sensor_id', sensor.id))[0].escalated_at).not.toBeNull();
      expect((await alarmOf('sensor_id', acknowledged.id))[0].escalated_at).toBeNull();
      const mail = await smtp.waitFor(
        (m) => m.to.includes(adminEmail) && m.parsed.text?.includes(sensor.code) === true,
      );
      expect(mail.parsed.subject).toContain('Unacknowledged alarm');
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_messages
          WHERE subject_type = 'alarm' AND subject_id = $1 AND recipient = $2`,
        [alarm.id, adminEmail],
      );
      expect(n).toBe(1);
    });
  });

  describe('excursion alarms', () => {
    it('are raised with the excursion and cleared when it closes, acknowledged or not', async () => {
      const chamber = await makeChamber(t.dataSource, warehouse.id);
      const sensor = await createSensor(t.dataSource, chamber);
      const start = minutesAgo(40);
      await feedReadings(t.app, sensor, start, repeat(-10, 16));
      const [excursion] = (await get(admin, `/api/excursions?chamber_id=${chamber.id}`)).body as {
        id: string;
      }[];
      const [alarm] = await alarmOf('excursion_id', excursion.id);
      expect(alarm).toMatchObject({
        type: 'TEMPERATURE_EXCURSION',
        state: 'ACTIVE_UNACKNOWLEDGED',
      });
      await post(manager, `/api/alarms/${alarm.id}/acknowledge`, { note: 'Door shut' }).expect(200);
      await feedReadings(t.app, sensor, start + 16 * 60_000, repeat(-20, 11));
      expect((await alarmOf('excursion_id', excursion.id))[0].state).toBe('CLEARED');
      await post(manager, `/api/alarms/${alarm.id}/acknowledge`, { note: 'late' }).expect(409);
    });
  });
});
