import request from 'supertest';
import type { Sensor } from 'src/cold-chain/sensors/sensor.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Chamber } from 'src/warehouses/chamber.entity';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { createGateway, createSensor, postReadings, reading } from './helpers/cold-chain-factories';
import { feedReadings, minutesAgo, repeat } from './helpers/excursion-helpers';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { startSmtpCapture, type SmtpCapture } from './helpers/smtp-capture';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface ExcursionBody {
  id: string;
  chamber_id: string;
  direction: string;
  started_at: string;
  opened_at: string;
  ended_at: string | null;
  closed_at: string | null;
  open: boolean;
  min_temp_c: number;
  max_temp_c: number;
  lots_held: number;
  lots_undisposed: number;
  lots?: {
    lot_id: string;
    status: string;
    hold_reason: string | null;
    disposition: string | null;
  }[];
}

interface LotBody {
  id: string;
  status: string;
  hold_reason: string | null;
  quantity: number;
}

describe('cold chain: excursions', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let warehouse: Warehouse;
  let otherWarehouse: Warehouse;
  let commodityId: string;
  let clientId: string;
  let admin: string;
  let manager: string;
  let managerEmail: string;
  let otherManager: string;
  let otherManagerEmail: string;
  let operator: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createTestApp({
      env: { EMAIL_HOST: smtp.host, EMAIL_PORT: String(smtp.port), OUTBOX_POLL_INTERVAL_MS: '100' },
    });
    await seedRoles(t.dataSource);
    warehouse = await makeWarehouse(t.dataSource, { timezone: 'Asia/Kolkata' });
    otherWarehouse = await makeWarehouse(t.dataSource);
    commodityId = (await makeCommodity(t.dataSource)).id;
    clientId = (await makeClient(t.dataSource)).client.id;
    admin = await login(t.server, (await makeUser(t.dataSource)).email);
    const im = await makeUser(t.dataSource, {
      role: RoleName.InventoryManager,
      warehouseId: warehouse.id,
    });
    managerEmail = im.email;
    manager = await login(t.server, im.email);
    const otherIm = await makeUser(t.dataSource, {
      role: RoleName.InventoryManager,
      warehouseId: otherWarehouse.id,
    });
    otherManagerEmail = otherIm.email;
    otherManager = await login(t.server, otherIm.email);
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

  async function monitoredChamber(): Promise<{ chamber: Chamber; sensor: Sensor }> {
    const chamber = await makeChamber(t.dataSource, warehouse.id);
    const sensor = await createSensor(t.dataSource, chamber);
    return { chamber, sensor };
  }

  const lotIn = (chamberId: string, quantity = 10): ReturnType<typeof makeLot> =>
    makeLot(t.dataSource, {
      warehouseId: warehouse.id,
      clientId,
      commodityId,
      chamberId,
      quantity,
      weightKg: `${quantity * 5}`,
      receivedAt: new Date(Date.now() - 3 * 3600_000),
    });

  async function excursionsOf(chamberId: string): Promise<ExcursionBody[]> {
    const res = await get(admin, `/api/excursions?chamber_id=${chamberId}`).expect(200);
    return res.body as ExcursionBody[];
  }

  const lotRow = async (lotId: string): Promise<LotBody> =>
    (await get(admin, `/api/inventory/lots/${lotId}`).expect(200)).body as LotBody;

  describe('a breach that lasts, then recovers', () => {
    let chamber: Chamber;
    let sensor: Sensor;
    let nextDoor: Chamber;
    let held: { id: string };
    let otherHold: { id: string };
    let neighbour: { id: string };
    let received: LotBody;
    let transferred: { id: string };
    let excursion: ExcursionBody;
    const start = minutesAgo(45);
    const at = (minute: number): string => new Date(start + minute * 60_000).toISOString();

    beforeAll(async () => {
      ({ chamber, sensor } = await monitoredChamber());
      nextDoor = await makeChamber(t.dataSource, warehouse.id);
      held = await lotIn(chamber.id);
      otherHold = await lotIn(chamber.id);
      await post(manager, `/api/inventory/lots/${otherHold.id}/hold`, {
        reason: 'Customs inspection',
      }).expect(200);
      neighbour = await lotIn(nextDoor.id);
      transferred = await lotIn(nextDoor.id, 4);
    });

    it('opens nothing while the breach is shorter than the alarm delay', async () => {
      // Minutes 1-15 out of range: 14 minutes of breach, one short of the default 15.
      await feedReadings(t.app, sensor, start, [-20, ...repeat(-12, 15)]);
      expect(await excursionsOf(chamber.id)).toEqual([]);
      expect((await lotRow(held.id)).status).toBe('IN_STOCK');
    });

    it('opens once the breach has lasted the delay, from its first out-of-range reading', async () => {
      await feedReadings(t.app, sensor, start + 16 * 60_000, [-11]);
      const [open, ...rest] = await excursionsOf(chamber.id);
      expect(rest).toEqual([]);
      expect(open).toMatchObject({
        direction: 'ABOVE',
        started_at: at(1),
        opened_at: at(16),
        open: true,
        min_temp_c: -12,
        max_temp_c: -11,
        lots_held: 2,
        lots_undisposed: 2,
      });
      excursion = open;
    });

    it('holds exactly the lots in the chamber, keeping another hold as it is', async () => {
      expect(await lotRow(held.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'TEMPERATURE_EXCURSION',
      });
      expect(await lotRow(otherHold.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'Customs inspection',
      });
      expect(await lotRow(neighbour.id)).toMatchObject({ status: 'IN_STOCK', hold_reason: null });
      const detail = (await get(admin, `/api/excursions/${excursion.id}`).expect(200))
        .body as ExcursionBody;
      expect(detail.lots?.map((l) => l.lot_id).sort()).toEqual([held.id, otherHold.id].sort());
      expect(await auditActions(t.dataSource, held.id)).toContain('lot.held');
      expect(await auditActions(t.dataSource, excursion.id)).toEqual(['excursion.opened']);
    });

    it('refuses to dispatch a held lot', async () => {
      await post(manager, '/api/inventory/outward', { lot_id: held.id, quantity: 1 }).expect(409);
    });

    it('refuses the general release of a lot it holds: only a disposition releases it', async () => {
      const res = await post(manager, `/api/inventory/lots/${held.id}/release`, {
        reason: 'looks fine',
      }).expect(409);
      expect(res.body.detail).toContain('held by a temperature excursion');
      expect(await lotRow(held.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'TEMPERATURE_EXCURSION',
      });
    });

    it('raises one alarm and emails the inventory managers of that warehouse only', async () => {
      const alarms = (await get(manager, `/api/alarms?type=TEMPERATURE_EXCURSION`).expect(200))
        .body as { excursion_id: string; state: string; chamber_id: string }[];
      expect(alarms.filter((a) => a.excursion_id === excursion.id)).toEqual([
        expect.objectContaining({ state: 'ACTIVE_UNACKNOWLEDGED', chamber_id: chamber.id }),
      ]);
      const mail = await smtp.waitFor((m) => m.to.includes(managerEmail));
      expect(mail.parsed.subject).toContain('Temperature excursion');
      expect(mail.parsed.text).toContain(chamber.code);
      expect(smtp.messages.some((m) => m.to.includes(otherManagerEmail))).toBe(false);
      // Another warehouse's manager sees none of it.
      expect((await get(otherManager, '/api/alarms').expect(200)).body).toEqual([]);
      await get(otherManager, `/api/excursions/${excursion.id}`).expect(404);
    });

    it('holds goods received into the chamber while it lasts, in the receipt answer already', async () => {
      const res = await post(operator, '/api/inventory/inward', {
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamber.id,
        quantity: 6,
        weight_kg: '30',
      }).expect(201);
      received = res.body as LotBody;
      expect(received).toMatchObject({ status: 'ON_HOLD', hold_reason: 'TEMPERATURE_EXCURSION' });
      expect(await lotRow(received.id)).toMatchObject({ status: 'ON_HOLD', quantity: 6 });
      await post(operator, '/api/inventory/outward', { lot_id: received.id, quantity: 1 }).expect(
        409,
      );
    });

    it('holds goods transferred into the chamber while it lasts', async () => {
      await post(operator, '/api/inventory/transfers', {
        lot_id: transferred.id,
        to_chamber_id: chamber.id,
      }).expect(201);
      expect(await lotRow(transferred.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'TEMPERATURE_EXCURSION',
      });
      const detail = (await get(admin, `/api/excursions/${excursion.id}`).expect(200))
        .body as ExcursionBody;
      expect(detail.lots).toHaveLength(4);
    });

    it('refuses a disposition while the excursion is open', async () => {
      const res = await post(
        manager,
        `/api/excursions/${excursion.id}/lots/${held.id}/disposition`,
        { disposition: 'RELEASED', note: 'Looks fine' },
      ).expect(409);
      expect(res.body.detail).toContain('still open');
    });

    it('stays open through a recovery shorter than the recovery delay (hysteresis)', async () => {
      // 17-21 back in range, 22 out again, 23-32 in range: nine minutes of recovery.
      await feedReadings(t.app, sensor, start + 17 * 60_000, [
        ...repeat(-20, 5),
        -9,
        ...repeat(-20, 10),
      ]);
      const [still] = await excursionsOf(chamber.id);
      expect(still).toMatchObject({ open: true, max_temp_c: -9, min_temp_c: -20 });
    });

    it('closes once readings stay in range for the recovery delay, and clears the alarm', async () => {
      await feedReadings(t.app, sensor, start + 33 * 60_000, [-20]);
      const [closed] = await excursionsOf(chamber.id);
      expect(closed).toMatchObject({ open: false, ended_at: at(23), closed_at: at(33) });
      const alarms = (await get(admin, '/api/alarms?state=CLEARED').expect(200)).body as {
        excursion_id: string;
      }[];
      expect(alarms.map((a) => a.excursion_id)).toContain(excursion.id);
      expect(await auditActions(t.dataSource, excursion.id)).toEqual([
        'excursion.opened',
        'excursion.closed',
      ]);
      expect(await excursionsOf(nextDoor.id)).toEqual([]);
    });

    it('needs inventory.adjust, scope and a note for a disposition', async () => {
      const url = `/api/excursions/${excursion.id}/lots/${held.id}/disposition`;
      await post(operator, url, { disposition: 'RELEASED', note: 'ok' }).expect(403);
      await post(otherManager, url, { disposition: 'RELEASED', note: 'ok' }).expect(404);
      await post(manager, url, { disposition: 'RELEASED', note: '  ' }).expect(422);
      await post(manager, url, { disposition: 'SOLD', note: 'ok' }).expect(422);
      await post(manager, `/api/excursions/${excursion.id}/lots/${neighbour.id}/disposition`, {
        disposition: 'RELEASED',
        note: 'ok',
      }).expect(404);
    });

    it('releases a lot back to stock, once', async () => {
      const url = `/api/excursions/${excursion.id}/lots/${held.id}/disposition`;
      const res = await post(manager, url, {
        disposition: 'RELEASED',
        note: 'Core temperature -19 °C; QA approved',
      }).expect(200);
      const lot = (res.body as ExcursionBody).lots?.find((l) => l.lot_id === held.id);
      expect(lot).toMatchObject({ disposition: 'RELEASED', status: 'IN_STOCK', hold_reason: null });
      await post(manager, url, { disposition: 'DESTROYED', note: 'changed my mind' }).expect(409);
      await post(manager, '/api/inventory/outward', { lot_id: held.id, quantity: 1 }).expect(201);
      expect(await auditActions(t.dataSource, held.id)).toContain('lot.released');
    });

    it('keeps a hold for another reason when the excursion releases the lot', async () => {
      await post(manager, `/api/excursions/${excursion.id}/lots/${otherHold.id}/disposition`, {
        disposition: 'RELEASED',
        note: 'Not affected',
      }).expect(200);
      expect(await lotRow(otherHold.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'Customs inspection',
      });
    });

    it('quarantines a lot: it stays on hold with reason QUARANTINED', async () => {
      await post(manager, `/api/excursions/${excursion.id}/lots/${received.id}/disposition`, {
        disposition: 'QUARANTINED',
        note: 'Lab test pending',
      }).expect(200);
      expect(await lotRow(received.id)).toMatchObject({
        status: 'ON_HOLD',
        hold_reason: 'QUARANTINED',
      });
    });

    it('destroys a lot with an adjustment to zero: depleted, ledger consistent', async () => {
      const res = await post(
        admin,
        `/api/excursions/${excursion.id}/lots/${transferred.id}/disposition`,
        { disposition: 'DESTROYED', note: 'Thawed and refrozen' },
      ).expect(200);
      expect((res.body as ExcursionBody).lots_undisposed).toBe(0);
      expect(await lotRow(transferred.id)).toMatchObject({ status: 'DEPLETED', quantity: 0 });
      const [ledger] = await t.dataSource.query<
        { movements: number; quantity: number; weight: string; adjustments: number }[]
      >(
        `SELECT count(*)::int AS movements, sum(quantity_delta)::int AS quantity,
                sum(weight_delta_kg)::text AS weight,
                count(*) FILTER (WHERE type = 'ADJUSTMENT' AND reason_code = 'WASTE')::int AS adjustments
           FROM stock_movements WHERE lot_id = $1`,
        [transferred.id],
      );
      expect(ledger).toMatchObject({ quantity: 0, adjustments: 1 });
      expect(Number(ledger.weight)).toBe(0);
      const audit = await auditActions(t.dataSource, excursion.id);
      expect(audit.filter((a) => a === 'excursion.lot_disposed')).toHaveLength(4);
    });

    it('filters the list by open and warehouse', async () => {
      const closed = (
        await get(admin, `/api/excursions?open=false&chamber_id=${chamber.id}`).expect(200)
      ).body as ExcursionBody[];
      expect(closed).toHaveLength(1);
      await get(admin, `/api/excursions?open=true&chamber_id=${chamber.id}`)
        .expect(200)
        .expect('X-Total-Count', '0');
      await get(admin, `/api/excursions?warehouse_id=${otherWarehouse.id}`)
        .expect(200)
        .expect('X-Total-Count', '0');
      await get(admin, '/api/excursions?open=maybe').expect(422);
    });
  });

  describe('through a gateway', () => {
    it('judges posted readings before the answer, late ones included', async () => {
      const { chamber, sensor } = await monitoredChamber();
      const held = await lotIn(chamber.id);
      const gateway = await createGateway(t.dataSource, warehouse.id);
      const start = minutesAgo(50);
      const at = (minute: number): Date => new Date(start + minute * 60_000);
      // The gateway sends the end of the breach first, then its buffer of older readings.
      await postReadings(
        t.server,
        gateway.key,
        Array.from({ length: 8 }, (_, i) => reading(sensor.code, at(8 + i), -10)),
      );
      expect(await excursionsOf(chamber.id)).toEqual([]);
      await postReadings(
        t.server,
        gateway.key,
        Array.from({ length: 8 }, (_, i) => reading(sensor.code, at(i), -10)),
      );
      const [excursion] = await excursionsOf(chamber.id);
      expect(excursion).toMatchObject({ started_at: at(0).toISOString(), open: true });
      expect(await lotRow(held.id)).toMatchObject({ status: 'ON_HOLD' });
    });
  });

  describe('monitoring settings', () => {
    it('has defaults, is replaced with PUT (audited) and scoped', async () => {
      const { chamber } = await monitoredChamber();
      const url = `/api/chambers/${chamber.id}/monitoring`;
      expect((await get(operator, url).expect(200)).body).toMatchObject({
        alarm_delay_minutes: 15,
        recovery_delay_minutes: 10,
        defrost_windows: [],
        timezone: 'Asia/Kolkata',
        updated_at: null,
      });
      const body = {
        alarm_delay_minutes: 5,
        recovery_delay_minutes: 3,
        defrost_windows: [{ start: '23:30', minutes: 45 }],
      };
      await request(t.server)
        .put(url)
        .set('Authorization', `Bearer ${operator}`)
        .send(body)
        .expect(403);
      await request(t.server)
        .put(url)
        .set('Authorization', `Bearer ${otherManager}`)
        .send(body)
        .expect(404);
      await request(t.server)
        .put(url)
        .set('Authorization', `Bearer ${manager}`)
        .send({ defrost_windows: [{ start: '24:00', minutes: 10 }] })
        .expect(422);
      const res = await request(t.server)
        .put(url)
        .set('Authorization', `Bearer ${manager}`)
        .send(body)
        .expect(200);
      expect(res.body).toMatchObject(body);
      expect((await get(admin, url).expect(200)).body).toMatchObject(body);
      expect(await auditActions(t.dataSource, chamber.id)).toContain('chamber.monitoring_changed');
      await get(otherManager, url).expect(404);
    });

    it('ignores readings inside a defrost window (on the warehouse clock)', async () => {
      const { chamber, sensor } = await monitoredChamber();
      const start = minutesAgo(40);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Kolkata',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(start));
      await request(t.server)
        .put(`/api/chambers/${chamber.id}/monitoring`)
        .set('Authorization', `Bearer ${manager}`)
        .send({ defrost_windows: [{ start: local, minutes: 25 }] })
        .expect(200);
      // 25 minutes too warm inside the defrost, then 10 more after it: no excursion.
      await feedReadings(t.app, sensor, start, [...repeat(-5, 25), ...repeat(-12, 10)]);
      expect(await excursionsOf(chamber.id)).toEqual([]);
      // 15 minutes after the defrost it counts.
      await feedReadings(t.app, sensor, start + 35 * 60_000, repeat(-12, 6));
      const [excursion] = await excursionsOf(chamber.id);
      expect(excursion).toMatchObject({
        started_at: new Date(start + 25 * 60_000).toISOString(),
        max_temp_c: -12,
      });
    });

    it('narrows the range to the commodities stored', async () => {
      const { chamber, sensor } = await monitoredChamber();
      const strict = await makeCommodity(t.dataSource, { minTempC: '-30', maxTempC: '-18' });
      await makeLot(t.dataSource, {
        warehouseId: warehouse.id,
        clientId,
        commodityId: strict.id,
        chamberId: chamber.id,
        quantity: 1,
        weightKg: '1',
        receivedAt: new Date(Date.now() - 3 * 3600_000),
      });
      // -16 °C is inside the chamber's -25..-15 but above the commodity's -18.
      await feedReadings(t.app, sensor, minutesAgo(30), repeat(-16, 16));
      const [excursion] = await excursionsOf(chamber.id);
      expect(excursion).toMatchObject({ direction: 'ABOVE', lots_held: 1 });
    });
  });
});
