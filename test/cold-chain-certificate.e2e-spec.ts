import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Lot } from 'src/inventory/lot.entity';
import { MovementType } from 'src/inventory/movement-type.enum';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Chamber } from 'src/warehouses/chamber.entity';
import { binaryBody, pdfActualTexts, pdfText } from './helpers/pdf-text';
import {
  everyMinute,
  makeSensor,
  storeReadings,
  type TestSensor,
} from './helpers/cold-chain-readings';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot, moveStock, transferLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const T0 = new Date(Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR);
const minute = (m: number): Date => new Date(T0.getTime() + m * 60_000);
const MISSING = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';

interface Figures {
  reading_count: number;
  min_c: number | null;
  max_c: number | null;
  mean_c: number | null;
  mkt_c: number | null;
  out_of_range_minutes: number;
}
interface Certificate {
  lot: Record<string, unknown>;
  overall: Figures;
  stays: (Figures & Record<string, unknown> & { points: { reading_count: number }[] })[];
  excursions: Record<string, unknown>[];
  chart_bucket: string;
  generated_at: string;
  verification_code: string;
}

/**
 * A lot received into C1 at T0, transferred to C2 at T0+10 min and dispatched whole at T0+20 min.
 * The commodity keeps −22..−12 °C, so the lot's limits are −22..−15 in C1 (−25..−15) and −22..−12
 * in C2 (−30..−10).
 */
describe('cold-chain certificate', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let adminName: string;
  let operatorA: string;
  let operatorB: string;
  let owner: string;
  let otherClient: string;
  let c1: Chamber;
  let c2: Chamber;
  let lot: Lot;
  let probe2: TestSensor;

  const get = (token: string, path: string) =>
    request(t.server).get(path).set('Authorization', `Bearer ${token}`);
  const certificate = async (token = admin): Promise<Certificate> =>
    (await get(token, `/api/inventory/lots/${lot.id}/cold-chain`).expect(200)).body as Certificate;

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    await seedRoles(ds);
    const whA = await makeWarehouse(ds);
    const whB = await makeWarehouse(ds);
    c1 = await makeChamber(ds, whA.id, { code: 'FRZ-A', minTempC: '-25', maxTempC: '-15' });
    c2 = await makeChamber(ds, whA.id, { code: 'FRZ-B', minTempC: '-30', maxTempC: '-10' });
    const commodity = await makeCommodity(ds, {
      minTempC: '-22',
      maxTempC: '-12',
      name: 'Frozen peas',
    });
    const adminUser = await makeUser(ds, { role: RoleName.Admin });
    adminName = adminUser.user.fullName;
    const opA = await makeUser(ds, { role: RoleName.Operator, warehouseId: whA.id });
    const opB = await makeUser(ds, { role: RoleName.Operator, warehouseId: whB.id });
    const client = await makeClient(ds, 'Sahyadri Farms');
    const other = await makeClient(ds, 'Other Foods');
    [admin, operatorA, operatorB, owner, otherClient] = await Promise.all(
      [adminUser, opA, opB, client, other].map((u) => login(t.server, u.email)),
    );
    lot = await makeLot(ds, {
      warehouseId: whA.id,
      clientId: client.client.id,
      commodityId: commodity.id,
      chamberId: c1.id,
      quantity: 100,
      weightKg: '1000',
      receivedAt: T0,
    });
    await transferLot(ds, lot, c1.id, c2.id, minute(10));
    await moveStock(ds, lot, {
      type: MovementType.Outward,
      quantityDelta: -100,
      weightDeltaKg: '-1000',
      occurredAt: minute(20),
    });

    const probe1 = await makeSensor(ds, c1);
    probe2 = await makeSensor(ds, c2);
    // C1: before the lot (−30 °C, left out), minutes 0..9 (−20 °C but −10 °C at 5, 6 and 7), after it left (−5 °C, left out).
    await storeReadings(ds, probe1, [
      ...everyMinute(minute(-5), 5, -30),
      ...everyMinute(minute(0), 10, (i) => (i >= 5 && i <= 7 ? -10 : -20)),
      ...everyMinute(minute(10), 5, -5),
    ]);
    // C2: minutes 10..15 and 18, 19 (a gap at 16 and 17): −12.5 °C but −11.5 °C at 15 and 19; after the lot, +5 °C.
    await storeReadings(ds, probe2, [
      ...everyMinute(minute(10), 6, (i) => (i === 5 ? -11.5 : -12.5)),
      { at: minute(18), c: -12.5 },
      { at: minute(19), c: -11.5 },
      ...everyMinute(minute(20), 3, 5),
    ]);

    // C1 excursions: one while the lot was there (it held the lot, released); one before it came.
    const [held] = await ds.query<{ id: string }[]>(
      `INSERT INTO excursions (warehouse_id, chamber_id, direction, limit_min_c, limit_max_c, min_temp_c, max_temp_c, started_at, opened_at, ended_at, closed_at)
       VALUES ($1, $2, 'ABOVE', -22, -15, -10, -10, $3, $3, $4, $4),
              ($1, $2, 'BELOW', -22, -15, -30, -30, $5, $5, $6, $6) RETURNING id`,
      [whA.id, c1.id, minute(5), minute(8), minute(-60), minute(-50)],
    );
    await ds.query(
      `INSERT INTO excursion_lots (excursion_id, lot_id, disposition, disposition_note, disposed_by, disposed_at)
       VALUES ($1, $2, 'RELEASED', 'Core temperature checked: fine', $3, $4)`,
      [held.id, lot.id, adminUser.user.id, minute(30)],
    );
  }, 60_000);

  afterAll(() => t.close());

  it('names the lot, its client, commodity and quantities', async () => {
    const body = await certificate();
    expect(body.lot).toMatchObject({
      id: lot.id,
      lot_number: lot.lotNumber,
      company_name: 'Sahyadri Farms',
      commodity_name: 'Frozen peas',
      commodity_min_temp_c: '-22',
      commodity_max_temp_c: '-12',
      quantity_received: 100,
      quantity: 0,
      weight_kg: '0',
      status: 'DEPLETED',
      received_at: T0.toISOString(),
    });
  });

  it('gives each stay its chamber, span, limits and figures, worked out by hand', async () => {
    const body = await certificate();
    expect(body.stays.map((s) => [s.chamber_code, s.started_at, s.ended_at, s.ended_by])).toEqual([
      ['FRZ-A', T0.toISOString(), minute(10).toISOString(), 'TRANSFER'],
      ['FRZ-B', minute(10).toISOString(), minute(20).toISOString(), 'DEPLETED'],
    ]);
    const [first, second] = body.stays;
    // C1: seven readings of −20 and three of −10 °C; mean (7·−20 + 3·−10)/10 = −17.
    // MKT: x(−20) = −39.502271, x(−10) = −38.001140; mean of terms = e^−38.001140 · (7·e^−1.501131 + 3)/10
    //      = e^−38.001140 · (7·0.222878 + 3)/10 = e^−38.001140 · 0.456015; −ln = 38.001140 + 0.785231 = 38.786371
    //      MKT = 10000 / 38.786371 = 257.8225 K = −15.33 °C.
    // Out of range (above −15): the readings at 5, 6 and 7 each last until the next one a minute later: 3 minutes.
    expect(first).toMatchObject({
      limit_min_c: -22,
      limit_max_c: -15,
      reading_count: 10,
      min_c: -20,
      max_c: -10,
      mean_c: -17,
      mkt_c: -15.33,
      out_of_range_minutes: 3,
    });
    // C2: six readings of −12.5 and two of −11.5 °C; mean (6·−12.5 + 2·−11.5)/8 = −12.25.
    // MKT: x(−12.5) = −38.365624, x(−11.5) = −38.218995; mean of terms = e^−38.218995 · (6·e^−0.146630 + 2)/8
    //      = e^−38.218995 · (6·0.863614 + 2)/8 = e^−38.218995 · 0.897710; −ln = 38.218995 + 0.107908 = 38.326903
    //      MKT = 10000 / 38.326903 = 260.9133 K = −12.24 °C.
    // Out of range (above −12): the reading at 15 lasts until 18, capped at twice the 60 s interval: 2 minutes;
    // the one at 19 is the last, one interval, and the stay ends at 20 anyway: 1 minute. 3 minutes.
    expect(second).toMatchObject({
      limit_min_c: -22,
      limit_max_c: -12,
      reading_count: 8,
      min_c: -12.5,
      max_c: -11.5,
      mean_c: -12.25,
      mkt_c: -12.24,
      out_of_range_minutes: 3,
    });
    // Together: 18 readings, mean (−170 − 98)/18 = −14.89; MKT of all 18 = −13.79 °C; 6 minutes.
    expect(body.overall).toEqual({
      reading_count: 18,
      min_c: -20,
      max_c: -10,
      mean_c: -14.89,
      mkt_c: -13.79,
      out_of_range_minutes: 6,
    });
    // 20 minutes fit 500 one-minute points: one per reading.
    expect(body.chart_bucket).toBe('1m');
    expect(first.points.map((p) => p.reading_count)).toEqual(Array(10).fill(1));
    expect(second.points).toHaveLength(8);
  });

  it('lists the excursions that touched the lot, with their dispositions', async () => {
    const body = await certificate();
    expect(body.excursions).toEqual([
      expect.objectContaining({
        chamber_code: 'FRZ-A',
        direction: 'ABOVE',
        started_at: minute(5).toISOString(),
        ended_at: minute(8).toISOString(),
        max_temp_c: -10,
        held: true,
        disposition: 'RELEASED',
        disposition_note: 'Core temperature checked: fine',
        disposed_by: adminName,
        disposed_at: minute(30).toISOString(),
      }),
    ]);
  });

  it('carries a verification code that holds while the data does and changes with it', async () => {
    const first = await certificate();
    const again = await certificate(owner);
    expect(again.verification_code).toBe(first.verification_code);
    expect(again.generated_at).not.toBe(first.generated_at);
    const verify = (code: string) =>
      get(admin, `/api/inventory/lots/${lot.id}/cold-chain/verify?code=${code}`).expect(200);
    expect((await verify(first.verification_code.toLowerCase())).body).toEqual({
      valid: true,
      verification_code: first.verification_code,
    });
    // A late reading inside the stay in C2 changes the figures, so the code.
    await storeReadings(ds, probe2, [{ at: minute(16), c: -12.5 }]);
    const changed = await certificate();
    expect(changed.stays[1].reading_count).toBe(9);
    expect(changed.verification_code).not.toBe(first.verification_code);
    expect((await verify(first.verification_code)).body.valid).toBe(false);
  });

  it('renders a PDF whose text holds the lot, the stays, the figures and the code', async () => {
    const res = await get(owner, `/api/inventory/lots/${lot.id}/cold-chain.pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="cold-chain-${lot.lotNumber}.pdf"`,
    );
    const text = await pdfText(res.body as Buffer);
    // The figures as they stand (the test before added a reading to the second stay).
    const { verification_code, stays } = await certificate();
    for (const expected of [
      'Cold-chain certificate',
      lot.lotNumber,
      'Sahyadri Farms',
      'Frozen peas',
      'FRZ-A',
      'FRZ-B',
      '-15.33',
      (stays[1].mkt_c ?? Number.NaN).toFixed(2),
      'RELEASED',
      'Core temperature checked: fine',
      `Verification code: ${verification_code}`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints a client named in Devanagari in its script, the name reading back exactly', async () => {
    const name = 'रामप्रसाद शर्मा एंड संस';
    await ds.query(`UPDATE clients SET company_name = $1 WHERE id = $2`, [name, lot.clientId]);
    try {
      const res = await get(owner, `/api/inventory/lots/${lot.id}/cold-chain.pdf`)
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(pdfActualTexts(res.body as Buffer)).toContain(name);
      expect(await pdfText(res.body as Buffer)).toContain('Cold-chain certificate');
    } finally {
      await ds.query(`UPDATE clients SET company_name = 'Sahyadri Farms' WHERE id = $1`, [
        lot.clientId,
      ]);
    }
  });

  it('is the own lots of a client and the warehouse of its staff; any other lot is not found', async () => {
    await certificate(owner);
    await certificate(operatorA);
    await get(otherClient, `/api/inventory/lots/${lot.id}/cold-chain`).expect(404);
    await get(otherClient, `/api/inventory/lots/${lot.id}/cold-chain.pdf`).expect(404);
    await get(operatorB, `/api/inventory/lots/${lot.id}/cold-chain`).expect(404);
    await get(admin, `/api/inventory/lots/${MISSING}/cold-chain`).expect(404);
  });
});
