import request from 'supertest';
import type { DestinationStream } from 'pino';
import { RoleName } from 'src/rbac/role-name.enum';
import { createGateway, createSensor } from './helpers/cold-chain-factories';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface SensorBody {
  id: string;
  code: string;
  chamber_id: string;
  calibration_offset_c: string;
  expected_interval_seconds: number;
  active: boolean;
  last_reading_at: string | null;
}

describe('cold chain: sensors and gateways', () => {
  let t: TestApp;
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => lines.push(line) };
  let admin: string;
  let manager: string;
  let operator: string;
  let otherManager: string;
  let client: string;
  let warehouseId: string;
  let chamberId: string;
  let otherWarehouseId: string;
  let otherChamberId: string;

  beforeAll(async () => {
    t = await createTestApp({ logDestination: destination });
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource)).id;
    otherWarehouseId = (await makeWarehouse(t.dataSource)).id;
    chamberId = (await makeChamber(t.dataSource, warehouseId)).id;
    otherChamberId = (await makeChamber(t.dataSource, otherWarehouseId)).id;
    const users = await Promise.all([
      makeUser(t.dataSource, { role: RoleName.Admin }),
      makeUser(t.dataSource, { role: RoleName.InventoryManager, warehouseId }),
      makeUser(t.dataSource, { role: RoleName.Operator, warehouseId }),
      makeUser(t.dataSource, {
        role: RoleName.InventoryManager,
        warehouseId: otherWarehouseId,
      }),
      makeUser(t.dataSource, { role: RoleName.Client }),
    ]);
    [admin, manager, operator, otherManager, client] = await Promise.all(
      users.map((user) => login(t.server, user.email)),
    );
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(t.server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(t.server).patch(url).set('Authorization', `Bearer ${token}`),
  });
  const sensorsOf = (id: string): string => `/api/warehouses/${id}/sensors`;
  const gatewaysOf = (id: string): string => `/api/warehouses/${id}/gateways`;

  describe('sensors', () => {
    it('registers a sensor with its calibration and heartbeat, audited', async () => {
      const res = await as(manager)
        .post(sensorsOf(warehouseId))
        .send({
          code: ' t-ch01-a ',
          name: 'Door side',
          chamber_id: chamberId,
          calibration_offset_c: '-0.30',
          expected_interval_seconds: 30,
        })
        .expect(201);
      const body = res.body as SensorBody;
      expect(body).toMatchObject({
        code: 'T-CH01-A',
        chamber_id: chamberId,
        calibration_offset_c: '-0.3',
        expected_interval_seconds: 30,
        active: true,
        last_reading_at: null,
      });
      expect(await auditActions(t.dataSource, body.id)).toEqual(['sensor.created']);
    });

    it('applies the defaults: offset 0, every 60 s, active', async () => {
      const res = await as(admin)
        .post(sensorsOf(warehouseId))
        .send({ code: 'T-DEFAULTS', name: 'Defaults', chamber_id: chamberId })
        .expect(201);
      expect(res.body).toMatchObject({
        calibration_offset_c: '0',
        expected_interval_seconds: 60,
        active: true,
      });
    });

    it('refuses a code already used in the warehouse (409), but not in another', async () => {
      await createSensor(t.dataSource, { id: chamberId, warehouseId }, { code: 'T-DUP' });
      await as(admin)
        .post(sensorsOf(warehouseId))
        .send({ code: 't-dup', name: 'Again', chamber_id: chamberId })
        .expect(409);
      await as(admin)
        .post(sensorsOf(otherWarehouseId))
        .send({ code: 'T-DUP', name: 'Elsewhere', chamber_id: otherChamberId })
        .expect(201);
    });

    it("refuses another warehouse's chamber (422 on chamber_id)", async () => {
      const res = await as(admin)
        .post(sensorsOf(warehouseId))
        .send({ code: 'T-WRONG', name: 'Wrong room', chamber_id: otherChamberId })
        .expect(422);
      expect(res.body.errors).toEqual([
        { field: 'chamber_id', message: 'chamber_id must be a chamber of this warehouse' },
      ]);
    });

    it.each([
      ['an offset past 10 °C', { calibration_offset_c: '10.01' }, 'calibration_offset_c'],
      ['an offset as a number', { calibration_offset_c: 0.5 }, 'calibration_offset_c'],
      ['an offset with 3 decimals', { calibration_offset_c: '0.125' }, 'calibration_offset_c'],
      ['an interval of 0', { expected_interval_seconds: 0 }, 'expected_interval_seconds'],
      ['a code with a slash', { code: 'A/B' }, 'code'],
      ['a code with an MQTT wildcard', { code: 'A+' }, 'code'],
      ['a NUL in the name', { name: 'a\u0000b' }, 'name'],
    ])('refuses %s (422)', async (_case, change, field) => {
      const res = await as(admin)
        .post(sensorsOf(warehouseId))
        .send({ code: 'T-BAD', name: 'Bad', chamber_id: chamberId, ...change })
        .expect(422);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('lists the sensors of their warehouse to operators, by code, with a total', async () => {
      const res = await as(operator)
        .get(`${sensorsOf(warehouseId)}?limit=2`)
        .expect(200);
      const codes = (res.body as SensorBody[]).map((s) => s.code);
      expect(codes).toHaveLength(2);
      expect([...codes].sort()).toEqual(codes);
      expect(Number(res.headers['x-total-count'])).toBeGreaterThanOrEqual(3);
    });

    it("hides another warehouse's sensors (404) from warehouse staff and clients", async () => {
      const sensor = await createSensor(t.dataSource, { id: chamberId, warehouseId });
      await as(otherManager).get(sensorsOf(warehouseId)).expect(404);
      await as(otherManager)
        .get(`${sensorsOf(warehouseId)}/${sensor.id}`)
        .expect(404);
      await as(otherManager)
        .patch(`${sensorsOf(warehouseId)}/${sensor.id}`)
        .send({ name: 'Mine now' })
        .expect(404);
      await as(otherManager)
        .post(sensorsOf(warehouseId))
        .send({ code: 'T-X', name: 'X', chamber_id: chamberId })
        .expect(404);
      // The sensor through another warehouse's path is not found either.
      await as(admin)
        .get(`${sensorsOf(otherWarehouseId)}/${sensor.id}`)
        .expect(404);
      await as(client).get(sensorsOf(warehouseId)).expect(404);
    });

    it('lets only holders of telemetry.manage change sensors (403 for operators)', async () => {
      const sensor = await createSensor(t.dataSource, { id: chamberId, warehouseId });
      await as(operator)
        .post(sensorsOf(warehouseId))
        .send({ code: 'T-OP', name: 'Op', chamber_id: chamberId })
        .expect(403);
      await as(operator)
        .patch(`${sensorsOf(warehouseId)}/${sensor.id}`)
        .send({ active: false })
        .expect(403);
      const res = await as(operator)
        .get(`${sensorsOf(warehouseId)}/${sensor.id}`)
        .expect(200);
      expect((res.body as SensorBody).id).toBe(sensor.id);
    });

    it('changes the fields sent, audited; a PATCH changing nothing writes nothing', async () => {
      const sensor = await createSensor(t.dataSource, { id: chamberId, warehouseId });
      const second = await makeChamber(t.dataSource, warehouseId);
      const url = `${sensorsOf(warehouseId)}/${sensor.id}`;
      const res = await as(manager)
        .patch(url)
        .send({ calibration_offset_c: '0.25', chamber_id: second.id, active: false })
        .expect(200);
      expect(res.body).toMatchObject({
        calibration_offset_c: '0.25',
        chamber_id: second.id,
        active: false,
      });
      await as(manager).patch(url).send({ active: false }).expect(200);
      expect(await auditActions(t.dataSource, sensor.id)).toEqual(['sensor.updated']);
      await as(manager).patch(url).send({ chamber_id: otherChamberId }).expect(422);
      await as(manager).patch(url).send({ name: null }).expect(422);
    });
  });

  describe('gateways', () => {
    it('creates a gateway and shows its key once; only a hash is stored, never logged', async () => {
      lines.length = 0;
      const res = await as(manager)
        .post(gatewaysOf(warehouseId))
        .send({ name: 'Dock gateway' })
        .expect(201);
      const key = res.body.api_key as string;
      expect(key).toMatch(/^csg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(res.body.key_prefix).toBe(key.slice(4, 16));
      const [row] = await t.dataSource.query<{ key_hash: string }[]>(
        'SELECT key_hash FROM gateways WHERE id = $1',
        [res.body.id],
      );
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(key);
      const audit = await t.dataSource.query<{ after: unknown }[]>(
        'SELECT after FROM audit_events WHERE entity_id = $1',
        [res.body.id],
      );
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toContain(key.slice(17));
      expect(lines.join('')).not.toContain(key.slice(17));

      const list = await as(manager).get(gatewaysOf(warehouseId)).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(key.slice(17));
      expect(list.body).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: res.body.id, revoked_at: null })]),
      );
      expect(list.body[0]).not.toHaveProperty('api_key');
    });

    it('revokes a key, audited; revoking again changes nothing', async () => {
      const gateway = await createGateway(t.dataSource, warehouseId);
      const url = `${gatewaysOf(warehouseId)}/${gateway.id}/revoke`;
      const first = await as(admin).post(url).expect(200);
      expect(first.body.revoked_at).toEqual(expect.any(String));
      const second = await as(admin).post(url).expect(200);
      expect(second.body.revoked_at).toBe(first.body.revoked_at);
      expect(await auditActions(t.dataSource, gateway.id)).toEqual(['gateway.revoked']);
    });

    it('keeps gateways to telemetry.manage in scope (403 for operators, 404 elsewhere)', async () => {
      const gateway = await createGateway(t.dataSource, warehouseId);
      await as(operator).get(gatewaysOf(warehouseId)).expect(403);
      await as(operator).post(gatewaysOf(warehouseId)).send({ name: 'x' }).expect(403);
      await as(otherManager).get(gatewaysOf(warehouseId)).expect(404);
      await as(otherManager).post(gatewaysOf(warehouseId)).send({ name: 'x' }).expect(404);
      await as(otherManager)
        .post(`${gatewaysOf(warehouseId)}/${gateway.id}/revoke`)
        .expect(404);
      await as(admin)
        .post(`${gatewaysOf(otherWarehouseId)}/${gateway.id}/revoke`)
        .expect(404);
    });
  });
});
