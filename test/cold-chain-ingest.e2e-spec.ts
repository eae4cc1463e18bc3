import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { ReadingPartitions } from 'src/cold-chain/readings/reading-partitions.service';
import { ReadingsWriter } from 'src/cold-chain/readings/readings-writer.service';
import type { Sensor } from 'src/cold-chain/sensors/sensor.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import {
  createGateway,
  createSensor,
  postReadings,
  reading,
  type WireReading,
} from './helpers/cold-chain-factories';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An instant `hoursAgo` before now, on a whole minute plus `second` seconds. */
function ago(hoursAgo: number, second = 0): Date {
  const at = new Date(Date.now() - hoursAgo * HOUR);
  at.setUTCMinutes(0, second, 0);
  return at;
}

describe('cold chain: readings over HTTP', () => {
  let t: TestApp;
  let warehouseId: string;
  let chamber: { id: string; warehouseId: string };
  let sensor: Sensor;
  let key: string;
  let otherKey: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
    chamber = await makeChamber(t.dataSource, warehouseId);
    sensor = await createSensor(t.dataSource, chamber, {
      code: 'T-MAIN',
      calibrationOffsetC: '-0.3',
    });
    key = (await createGateway(t.dataSource, warehouseId)).key;
    const other = await makeWarehouse(t.dataSource);
    const otherChamber = await makeChamber(t.dataSource, other.id);
    await createSensor(t.dataSource, otherChamber, { code: 'T-ELSEWHERE' });
    otherKey = (await createGateway(t.dataSource, other.id)).key;
  });
  afterAll(() => t.close());

  const readingsOf = (sensorId: string) =>
    t.dataSource.query<{ recorded_at: Date; temperature_c: number; raw_temperature_c: number }[]>(
      `SELECT recorded_at, temperature_c, raw_temperature_c FROM temperature_readings
        WHERE sensor_id = $1 ORDER BY recorded_at`,
      [sensorId],
    );
  const rollupsOf = (sensorId: string) =>
    t.dataSource.query<
      { hour: Date; reading_count: number; min_c: number; max_c: number; sum_c: number }[]
    >(
      `SELECT hour, reading_count, min_c, max_c, sum_c FROM temperature_rollups_hourly
        WHERE sensor_id = $1 ORDER BY hour`,
      [sensorId],
    );

  describe('storing', () => {
    it('stores readings corrected by the calibration offset, with hourly rollups', async () => {
      const s = await createSensor(t.dataSource, chamber, { calibrationOffsetC: '-0.3' });
      const result = await postReadings(t.server, key, [
        reading(s.code, ago(3, 0), -18.52, 80),
        reading(s.code.toLowerCase(), ago(3, 30), -17.5),
        reading(s.code, ago(2, 0), -20),
      ]);
      expect(result).toEqual({ accepted: 3, duplicates: 0, rejected: [] });
      const stored = await readingsOf(s.id);
      expect(stored.map((r) => [r.raw_temperature_c, r.temperature_c])).toEqual([
        [-18.52, -18.82],
        [-17.5, -17.8],
        [-20, -20.3],
      ]);
      const rollups = await rollupsOf(s.id);
      expect(rollups).toHaveLength(2);
      expect(rollups[0]).toMatchObject({ reading_count: 2, min_c: -18.82, max_c: -17.8 });
      expect(rollups[0].sum_c).toBeCloseTo(-36.62, 9);
      expect(rollups[1]).toMatchObject({ reading_count: 1, min_c: -20.3, max_c: -20.3 });
      const [row] = await t.dataSource.query<{ last_reading_at: Date }[]>(
        'SELECT last_reading_at FROM sensors WHERE id = $1',
        [s.id],
      );
      expect(row.last_reading_at.toISOString()).toBe(ago(2, 0).toISOString());
    });

    it('skips duplicates within a batch and across batches, counting them', async () => {
      const s = await createSensor(t.dataSource, chamber);
      const batch = [reading(s.code, ago(5, 0), -18), reading(s.code, ago(5, 10), -19)];
      expect(await postReadings(t.server, key, [...batch, batch[0]])).toEqual({
        accepted: 2,
        duplicates: 1,
        rejected: [],
      });
      // The same instant written another way is the same reading.
      const sameInstant = reading(s.code, ago(5, 10).toISOString().replace('Z', '+00:00'), -5);
      expect(await postReadings(t.server, key, [...batch, sameInstant])).toEqual({
        accepted: 0,
        duplicates: 3,
        rejected: [],
      });
      expect(await rollupsOf(s.id)).toEqual([
        expect.objectContaining({ reading_count: 2, min_c: -19, max_c: -18, sum_c: -37 }),
      ]);
    });

    it('accepts late readings and folds them into their hour', async () => {
      const s = await createSensor(t.dataSource, chamber);
      await postReadings(t.server, key, [reading(s.code, ago(1, 0), -18)]);
      const late = await postReadings(t.server, key, [
        reading(s.code, ago(30, 0), -10),
        reading(s.code, ago(1, 30), -22),
      ]);
      expect(late.accepted).toBe(2);
      const rollups = await rollupsOf(s.id);
      expect(rollups.map((r) => [r.reading_count, r.min_c, r.max_c])).toEqual([
        [1, -10, -10],
        [2, -22, -18],
      ]);
      // The sensor's heartbeat moves forward only.
      const [row] = await t.dataSource.query<{ last_reading_at: Date }[]>(
        'SELECT last_reading_at FROM sensors WHERE id = $1',
        [s.id],
      );
      expect(row.last_reading_at.toISOString()).toBe(ago(1, 30).toISOString());
    });

    it('refuses, one by one, readings it cannot store and stores the rest', async () => {
      const inactive = await createSensor(t.dataSource, chamber, { active: false });
      const result = await postReadings(t.server, key, [
        reading(sensor.code, ago(6, 0), -18),
        reading('T-NOBODY', ago(6, 0), -18),
        reading(inactive.code, ago(6, 0), -18),
        reading(sensor.code, new Date(Date.now() + 6 * 60_000), -18),
        reading(sensor.code, new Date(Date.now() + 4 * 60_000), -18),
        reading(sensor.code, new Date(Date.now() - 731 * DAY), -18),
        reading('T-ELSEWHERE', ago(6, 0), -18),
      ]);
      expect(result).toEqual({
        accepted: 2,
        duplicates: 0,
        rejected: [
          { index: 1, reason: 'UNKNOWN_SENSOR' },
          { index: 2, reason: 'SENSOR_INACTIVE' },
          { index: 3, reason: 'IN_FUTURE' },
          { index: 5, reason: 'PAST_RETENTION' },
          { index: 6, reason: 'UNKNOWN_SENSOR' },
        ],
      });
      expect(await readingsOf(inactive.id)).toEqual([]);
    });

    it('creates the partition of a month it has not seen before writing', async () => {
      const s = await createSensor(t.dataSource, chamber);
      const at = new Date(Date.now() - 400 * DAY);
      const month = `${at.getUTCFullYear()}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
      await t.dataSource.query(`DROP TABLE IF EXISTS temperature_readings_${month}`);
      expect((await postReadings(t.server, key, [reading(s.code, at, -18)])).accepted).toBe(1);
      const [{ partition }] = await t.dataSource.query<{ partition: string }[]>(
        'SELECT tableoid::regclass::text AS partition FROM temperature_readings WHERE sensor_id = $1',
        [s.id],
      );
      expect(partition).toBe(`temperature_readings_${month}`);
    });

    it('answers only once the listeners have evaluated the stored readings', async () => {
      const s = await createSensor(t.dataSource, chamber);
      const seen: string[] = [];
      t.app.get(ReadingsWriter).onStored(async (changes) => {
        await sleep(100);
        seen.push(...changes.map((c) => `${c.chamberId}:${c.stored}`));
      });
      await postReadings(t.server, key, [reading(s.code, ago(7, 0), -18)]);
      expect(seen).toContain(`${chamber.id}:1`);
    });

    it('stores a batch of 10,000 readings', async () => {
      const sensors = await Promise.all(
        Array.from({ length: 10 }, () => createSensor(t.dataSource, chamber)),
      );
      const start = Date.now() - 3 * DAY;
      const batch: WireReading[] = [];
      for (let i = 0; i < 1_000; i++) {
        for (const s of sensors) {
          batch.push(reading(s.code, new Date(start + i * 60_000), -18 + (i % 7) / 10, 80));
        }
      }
      const began = performance.now();
      const result = await postReadings(t.server, key, batch);
      const elapsed = performance.now() - began;
      expect(result).toEqual({ accepted: 10_000, duplicates: 0, rejected: [] });
      // Far under any limit; printed for the figures in docs/cold-chain.md.
      process.stdout.write(`10,000 readings over HTTP in ${elapsed.toFixed(0)} ms\n`);
    });
  });

  describe('authentication', () => {
    const post = () => request(t.server).post('/api/telemetry/readings');
    const body = { readings: [reading('T-MAIN', ago(8, 0), -18)] };

    it.each([
      ['no key', {}],
      ['a malformed key', { 'X-Api-Key': 'not-a-key' }],
      ['an unknown key', { 'X-Api-Key': `csg_0123456789ab_${'A'.repeat(43)}` }],
      ['a user token instead of a key', { Authorization: 'Bearer abc.def.ghi' }],
    ])('refuses %s with a 401 problem', async (_case, headers) => {
      const res = await post().set(headers).send(body).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe('A valid gateway API key is required (X-Api-Key).');
    });

    it('refuses a key whose secret is wrong, though its prefix is right', async () => {
      const forged = `${key.slice(0, 17)}${key.slice(17, 18) === 'A' ? 'B' : 'A'}${key.slice(18)}`;
      await post().set('X-Api-Key', forged).send(body).expect(401);
    });

    it('refuses a revoked key at once', async () => {
      const gateway = await createGateway(t.dataSource, warehouseId);
      await postReadings(t.server, gateway.key, body.readings);
      const admin = await makeUser(t.dataSource, { role: RoleName.Admin });
      await request(t.server)
        .post(`/api/warehouses/${warehouseId}/gateways/${gateway.id}/revoke`)
        .set('Authorization', `Bearer ${await login(t.server, admin.email)}`)
        .expect(200);
      await post().set('X-Api-Key', gateway.key).send(body).expect(401);
    });

    it("resolves codes only in the key's warehouse: another's sensors are unknown", async () => {
      const result = await postReadings(t.server, otherKey, [reading('T-MAIN', ago(9, 0), -18)]);
      expect(result.rejected).toEqual([{ index: 0, reason: 'UNKNOWN_SENSOR' }]);
    });

    it('checks the key before the body: a stranger learns nothing of the format', async () => {
      await post().send({ readings: 'nonsense' }).expect(401);
    });
  });

  describe('hostile input', () => {
    const raw = (text: string) =>
      request(t.server)
        .post('/api/telemetry/readings')
        .set('X-Api-Key', key)
        .set('Content-Type', 'application/json')
        .send(text);
    const fields = (res: request.Response): string[] =>
      (res.body.errors as { field: string }[]).map((e) => e.field);
    const at = ago(10, 0).toISOString();

    it.each([
      [
        'a NUL in sensor_code',
        `{"readings":[{"sensor_code":"T-\\u0000","recorded_at":"${at}","temperature_c":1}]}`,
        'readings[0].sensor_code',
      ],
      [
        'a number too large for a double',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":1e400}]}`,
        'readings[0].temperature_c',
      ],
      [
        'a temperature past 100 °C',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":100.01}]}`,
        'readings[0].temperature_c',
      ],
      [
        '"NaN" as the temperature',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":"NaN"}]}`,
        'readings[0].temperature_c',
      ],
      [
        'a temperature as a string',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":"-18"}]}`,
        'readings[0].temperature_c',
      ],
      [
        'humidity past 100 %',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":1,"humidity_pct":101}]}`,
        'readings[0].humidity_pct',
      ],
      [
        'a time without an offset',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"2026-01-01T00:00:00","temperature_c":1}]}`,
        'readings[0].recorded_at',
      ],
      [
        'a day the calendar lacks',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"2026-02-30T00:00:00Z","temperature_c":1}]}`,
        'readings[0].recorded_at',
      ],
      [
        'an unknown field in a reading',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":1,"x":1}]}`,
        'readings[0].x',
      ],
      [
        'an unknown top-level field',
        `{"readings":[{"sensor_code":"T-MAIN","recorded_at":"${at}","temperature_c":1}],"gateway":"x"}`,
        'gateway',
      ],
      ['an empty batch', '{"readings":[]}', 'readings'],
      ['a reading that is not an object', '{"readings":[42]}', 'readings[0]'],
      ['a body that is an array', '[]', 'readings'],
    ])('refuses %s (422 naming the field), storing nothing', async (_case, text, field) => {
      const res = await raw(text).expect(422);
      expect(fields(res)).toContain(field);
    });

    it('refuses the whole batch when one reading is malformed', async () => {
      const s = await createSensor(t.dataSource, chamber);
      const res = await postReadings(
        t.server,
        key,
        [
          reading(s.code, ago(11, 0), -18),
          { ...reading(s.code, ago(11, 1), -18), temperature_c: Number.NaN },
        ],
        422,
      );
      expect(res).toBeDefined();
      expect(await readingsOf(s.id)).toEqual([]);
    });

    it('refuses 10,001 readings with a clear 422', async () => {
      const batch = Array.from({ length: 10_001 }, (_, i) =>
        reading('T-MAIN', new Date(Date.now() - DAY - i * 1000), -18),
      );
      const res = await request(t.server)
        .post('/api/telemetry/readings')
        .set('X-Api-Key', key)
        .send({ readings: batch })
        .expect(422);
      expect(res.body.errors).toEqual([
        {
          field: 'readings',
          message: 'readings must hold at most 10,000 readings (10,001 sent); split the batch',
        },
      ]);
    });

    it('refuses a body over 4 MB with 413', async () => {
      const res = await raw(`{"readings":[${'1,'.repeat(2_200_000)}1]}`).expect(413);
      expect(res.body.detail).toBe('The request body is larger than the 4 MB limit.');
    });

    it('lists at most 100 field errors, and says how many more there were', async () => {
      const batch = Array.from({ length: 500 }, () => ({ sensor_code: '' }));
      const res = await request(t.server)
        .post('/api/telemetry/readings')
        .set('X-Api-Key', key)
        .send({ readings: batch })
        .expect(422);
      expect(res.body.errors).toHaveLength(100);
      expect(res.body.detail).toMatch(/\(and 1497 more\)\.$/);
    });
  });

  describe('storage maintenance', () => {
    it('creates partitions for this month and the next two', async () => {
      const now = new Date(Date.UTC(2031, 10, 15));
      const report = await t.app.get(ReadingPartitions).maintain(730, now);
      expect(report?.ensured).toEqual([
        'temperature_readings_203111',
        'temperature_readings_203112',
        'temperature_readings_203201',
      ]);
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM pg_class
          WHERE relname IN ('temperature_readings_203111', 'temperature_readings_203112', 'temperature_readings_203201')`,
      );
      expect(count).toBe(3);
    });

    it('drops whole months past retention and keeps their rollups', async () => {
      const s = await createSensor(t.dataSource, chamber);
      const old = new Date(Date.now() - 800 * DAY);
      const recent = new Date(Date.now() - 700 * DAY);
      const months = [old, recent].map(
        (d) =>
          `temperature_readings_${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`,
      );
      // Stored while they were within retention (a longer one, as if it had been changed).
      const writer = t.app.get(ReadingsWriter);
      await t.app.get(ReadingPartitions).ensureFor([old.getTime(), recent.getTime()]);
      await t.dataSource.transaction(() =>
        writer.write(
          [old, recent].map((recordedAt) => ({
            sensorId: s.id,
            chamberId: chamber.id,
            recordedAt,
            temperatureC: -18,
            rawTemperatureC: -18,
            humidityPct: null,
          })),
        ),
      );
      const report = await t.app.get(ReadingPartitions).maintain(730);
      expect(report?.dropped).toContain(months[0]);
      expect(report?.dropped).not.toContain(months[1]);
      const tables = await t.dataSource.query<{ relname: string }[]>(
        'SELECT relname FROM pg_class WHERE relname = ANY($1)',
        [months],
      );
      expect(tables.map((r) => r.relname)).toEqual([months[1]]);
      expect(await readingsOf(s.id)).toHaveLength(1);
      expect(await rollupsOf(s.id)).toHaveLength(2);
    });
  });
});
