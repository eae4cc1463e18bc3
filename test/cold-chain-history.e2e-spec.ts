import request from 'supertest';
import type { DataSource } from 'typeorm';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Chamber } from 'src/warehouses/chamber.entity';
import { everyMinute, makeSensor, storeReadings } from './helpers/cold-chain-readings';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const MISSING = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';
// Whole hours, so every bucket size lines up with the readings.
const HOUR = 3_600_000;
const START = new Date(Math.floor((Date.now() - 6 * HOUR) / HOUR) * HOUR);
const at = (minutes: number): string => new Date(START.getTime() + minutes * 60_000).toISOString();

interface Point {
  at: string;
  reading_count: number;
  min_c: number;
  max_c: number;
  avg_c: number;
}
interface History {
  from: string;
  to: string;
  bucket: string;
  source: string;
  reading_count: number;
  min_c: number | null;
  max_c: number | null;
  mean_c: number | null;
  mkt_c: number | null;
  points: Point[];
}

describe('chamber temperature history', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: string;
  let operatorA: string;
  let operatorB: string;
  let client: string;
  let chamber: Chamber;

  const get = (token: string, chamberId: string, query: string) =>
    request(t.server)
      .get(`/api/chambers/${chamberId}/temperature?${query}`)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.dataSource;
    await seedRoles(ds);
    const whA = await makeWarehouse(ds);
    const whB = await makeWarehouse(ds);
    chamber = await makeChamber(ds, whA.id);
    const adminUser = await makeUser(ds, { role: RoleName.Admin });
    const opA = await makeUser(ds, { role: RoleName.Operator, warehouseId: whA.id });
    const opB = await makeUser(ds, { role: RoleName.Operator, warehouseId: whB.id });
    const clientUser = await makeClient(ds);
    [admin, operatorA, operatorB, client] = await Promise.all(
      [adminUser, opA, opB, clientUser].map((u) => login(t.server, u.email)),
    );
    // Two probes. Probe 1: −20 °C for the first 5 minutes, −10 °C for the next 5.
    // Probe 2: −16 °C, minutes 60..62 (the second hour).
    const one = await makeSensor(ds, chamber);
    const two = await makeSensor(ds, chamber);
    await storeReadings(
      ds,
      one,
      everyMinute(START, 10, (i) => (i < 5 ? -20 : -10)),
    );
    await storeReadings(ds, two, everyMinute(new Date(START.getTime() + HOUR), 3, -16));
  }, 60_000);

  afterAll(() => t.close());

  it('gives min, max and mean per 5-minute bucket from the raw readings, and the MKT', async () => {
    const res = await get(operatorA, chamber.id, `from=${at(0)}&to=${at(10)}&bucket=5m`).expect(
      200,
    );
    const body = res.body as History;
    expect(body).toMatchObject({ from: at(0), to: at(10), bucket: '5m', source: 'readings' });
    expect(body.points).toEqual([
      { at: at(0), reading_count: 5, min_c: -20, max_c: -20, avg_c: -20 },
      { at: at(5), reading_count: 5, min_c: -10, max_c: -10, avg_c: -10 },
    ]);
    // Five readings each of −20 and −10 °C: the mean of the Arrhenius terms is that of one of
    // each, so MKT = 10000 / 38.493080 K = −13.36 °C (worked in src/cold-chain/history/mkt.spec.ts).
    expect(body).toMatchObject({
      reading_count: 10,
      min_c: -20,
      max_c: -10,
      mean_c: -15,
      mkt_c: -13.36,
    });
  });

  it('gives the same figures from the hourly rollups, every probe together', async () => {
    const res = await get(admin, chamber.id, `from=${at(0)}&to=${at(120)}&bucket=1h`).expect(200);
    const body = res.body as History;
    expect(body.source).toBe('rollups');
    expect(body.points).toEqual([
      { at: at(0), reading_count: 10, min_c: -20, max_c: -10, avg_c: -15 },
      { at: at(60), reading_count: 3, min_c: -16, max_c: -16, avg_c: -16 },
    ]);
    // Σ = 5·e^(−10000/253.15) + 5·e^(−10000/263.15) + 3·e^(−10000/257.15); MKT = 10000/−ln(Σ/13) − 273.15.
    const terms = [...Array(5).fill(-20), ...Array(5).fill(-10), -16, -16, -16].map((c: number) =>
      Math.exp(-10_000 / (c + 273.15)),
    );
    const mkt = 10_000 / -Math.log(terms.reduce((a, b) => a + b, 0) / 13) - 273.15;
    expect(body.mkt_c).toBeCloseTo(mkt, 2);
    expect(body).toMatchObject({ reading_count: 13, min_c: -20, max_c: -10 });
    expect(body.mean_c).toBeCloseTo((-20 * 5 - 10 * 5 - 16 * 3) / 13, 2);
  });

  it('widens from and to to whole buckets and leaves out buckets without readings', async () => {
    const res = await get(admin, chamber.id, `from=${at(7)}&to=${at(250)}&bucket=1h`).expect(200);
    const body = res.body as History;
    expect(body.from).toBe(at(0));
    expect(body.to).toBe(at(300));
    expect(body.points.map((p) => p.at)).toEqual([at(0), at(60)]);
    const empty = await get(admin, chamber.id, `from=${at(200)}&to=${at(260)}&bucket=15m`).expect(
      200,
    );
    expect(empty.body).toMatchObject({ reading_count: 0, mkt_c: null, mean_c: null, points: [] });
  });

  it('refuses a period that is not one, an unknown bucket and more than 10,000 points', async () => {
    const backwards = await get(admin, chamber.id, `from=${at(60)}&to=${at(0)}`).expect(422);
    expect(backwards.body.errors).toEqual([{ field: 'from', message: 'from must be before to' }]);
    const bucket = await get(admin, chamber.id, 'bucket=2m').expect(422);
    expect(bucket.body.errors[0].field).toBe('bucket');
    // 30 days of minutes: 43,200 points.
    const tooMany = await get(
      admin,
      chamber.id,
      `from=${at(-30 * 24 * 60)}&to=${at(0)}&bucket=1m`,
    ).expect(422);
    expect(tooMany.body.errors[0].field).toBe('bucket');
    // A year of hours fits.
    await get(admin, chamber.id, `from=${at(-365 * 24 * 60)}&to=${at(0)}&bucket=1h`).expect(200);
  });

  it("answers 404 for another warehouse's chamber, for a client and for an unknown one", async () => {
    await get(operatorB, chamber.id, 'bucket=1h').expect(404);
    await get(client, chamber.id, 'bucket=1h').expect(404);
    await get(admin, MISSING, 'bucket=1h').expect(404);
    await get(admin, 'not-a-uuid', 'bucket=1h').expect(422);
  });
});
