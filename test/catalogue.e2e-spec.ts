import request from 'supertest';
import { CommoditiesModule } from 'src/inventory/catalogue/commodities.module';
import { RoleName } from 'src/rbac/role-name.enum';
import { ChambersModule } from 'src/warehouses/chambers.module';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { CatalogueForUnrestrictedRoles1795700413000 } from 'src/database/migrations/1795700413000-CatalogueForUnrestrictedRoles';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  warehouse_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('catalogue: chambers and commodities', () => {
  let t: TestApp;
  let adminToken: string;
  let adminId: string;
  let a: Warehouse;
  let b: Warehouse;
  let operatorB: string;
  let managerA: string;
  let clientToken: string;
  let billingToken: string;

  beforeAll(async () => {
    t = await createTestApp({ imports: [ChambersModule, CommoditiesModule] });
    await seedRoles(t.dataSource);
    a = await makeWarehouse(t.dataSource);
    b = await makeWarehouse(t.dataSource);
    const admin = await makeUser(t.dataSource, { role: RoleName.Admin });
    adminId = admin.user.id;
    adminToken = await login(t.server, admin.email);
    const operator = await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: b.id });
    operatorB = await login(t.server, operator.email);
    const manager = await makeUser(t.dataSource, {
      role: RoleName.InventoryManager,
      warehouseId: a.id,
    });
    managerA = await login(t.server, manager.email);
    const client = await makeUser(t.dataSource, { role: RoleName.Client });
    clientToken = await login(t.server, client.email);
    const billing = await makeUser(t.dataSource, { role: RoleName.BillingManager });
    billingToken = await login(t.server, billing.email);
  });

  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(t.server).post(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(t.server).patch(url).set('Authorization', `Bearer ${token}`),
  });

  const auditOf = (entityId: string): Promise<AuditRow[]> =>
    t.dataSource.query<AuditRow[]>(
      `SELECT action, actor_user_id, warehouse_id, before, after
         FROM audit_events WHERE entity_id = $1 ORDER BY created_at, id`,
      [entityId],
    );

  const fieldsOf = (body: { errors?: { field: string }[] }): string[] =>
    (body.errors ?? []).map((e) => e.field);

  const chambersOf = (warehouse: Warehouse): string => `/api/warehouses/${warehouse.id}/chambers`;
  const UNKNOWN_ID = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';

  describe('chambers', () => {
    it('creates a chamber: code upper-cased, temperatures as canonical decimal strings', async () => {
      const res = await as(adminToken)
        .post(chambersOf(a))
        .send({
          code: ' frz-1 ',
          name: 'Frozen room 1',
          min_temp_c: '-25',
          max_temp_c: '-18.50',
          capacity_units: 1200,
        })
        .expect(201);
      expect(res.body).toMatchObject({
        warehouse_id: a.id,
        code: 'FRZ-1',
        name: 'Frozen room 1',
        min_temp_c: '-25',
        max_temp_c: '-18.5',
        capacity_units: 1200,
        active: true,
      });
      const read = await as(adminToken)
        .get(`${chambersOf(a)}/${res.body.id}`)
        .expect(200);
      expect(read.body).toEqual(res.body);
      const stored = await t.dataSource.query<{ min: string; max: string }[]>(
        'SELECT min_temp_c::text AS min, max_temp_c::text AS max FROM chambers WHERE id = $1',
        [res.body.id],
      );
      expect(stored).toEqual([{ min: '-25.00', max: '-18.50' }]);
    });

    it('records chamber.created with the warehouse, in the audit trail', async () => {
      const res = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'AUD-1', name: 'Audited', min_temp_c: '2', max_temp_c: '4.5' })
        .expect(201);
      expect(await auditOf(res.body.id)).toEqual([
        {
          action: 'chamber.created',
          actor_user_id: adminId,
          warehouse_id: a.id,
          before: null,
          after: {
            code: 'AUD-1',
            name: 'Audited',
            min_temp_c: '2',
            max_temp_c: '4.5',
            capacity_units: null,
            active: true,
          },
        },
      ]);
    });

    it('patches only the fields sent and audits the changed ones before/after', async () => {
      const created = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'PAT-1', name: 'Old', min_temp_c: '-20', max_temp_c: '-10' })
        .expect(201);
      const url = `${chambersOf(a)}/${created.body.id}`;
      const patched = await as(adminToken)
        .patch(url)
        .send({ name: 'New', max_temp_c: '-12.25', active: false })
        .expect(200);
      expect(patched.body).toMatchObject({
        code: 'PAT-1',
        name: 'New',
        min_temp_c: '-20',
        max_temp_c: '-12.25',
        active: false,
      });
      // Sending the stored values again changes nothing and writes no event.
      await as(adminToken).patch(url).send({ name: 'New', min_temp_c: '-20.00' }).expect(200);
      const events = await auditOf(created.body.id);
      expect(events.map((e) => e.action)).toEqual(['chamber.created', 'chamber.updated']);
      expect(events[1]).toMatchObject({
        warehouse_id: a.id,
        before: { name: 'Old', max_temp_c: '-10', active: true },
        after: { name: 'New', max_temp_c: '-12.25', active: false },
      });
      const cleared = await as(adminToken).patch(url).send({ capacity_units: null }).expect(200);
      expect(cleared.body.capacity_units).toBeNull();
    });

    it('answers 409 for a duplicate code in the same warehouse, on create and on update', async () => {
      await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'DUP-1', name: 'One', min_temp_c: '0', max_temp_c: '4' })
        .expect(201);
      const dup = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'dup-1', name: 'Two', min_temp_c: '0', max_temp_c: '4' })
        .expect(409);
      expect(dup.headers['content-type']).toContain('application/problem+json');
      expect(dup.body.detail).toContain('DUP-1');
      // The same code in another warehouse is fine.
      await as(adminToken)
        .post(chambersOf(b))
        .send({ code: 'DUP-1', name: 'Elsewhere', min_temp_c: '0', max_temp_c: '4' })
        .expect(201);
      const other = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'DUP-2', name: 'Three', min_temp_c: '0', max_temp_c: '4' })
        .expect(201);
      await as(adminToken)
        .patch(`${chambersOf(a)}/${other.body.id}`)
        .send({ code: 'dup-1' })
        .expect(409);
    });

    it('refuses min >= max with 422 naming both fields, also on PATCH against the stored bound', async () => {
      const equal = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'RNG-1', name: 'R', min_temp_c: '-18', max_temp_c: '-18' })
        .expect(422);
      expect(fieldsOf(equal.body)).toEqual(['min_temp_c', 'max_temp_c']);
      const chamber = await makeChamber(t.dataSource, a.id);
      const url = `${chambersOf(a)}/${chamber.id}`;
      const above = await as(adminToken).patch(url).send({ min_temp_c: '-14' }).expect(422);
      expect(fieldsOf(above.body)).toEqual(['min_temp_c', 'max_temp_c']);
      expect(above.body.detail).toContain('-15');
      const below = await as(adminToken).patch(url).send({ max_temp_c: '-25' }).expect(422);
      expect(fieldsOf(below.body)).toEqual(['min_temp_c', 'max_temp_c']);
      // Moving both bounds together is checked against each other, not the stored ones.
      await as(adminToken).patch(url).send({ min_temp_c: '-5', max_temp_c: '0' }).expect(200);
      expect((await auditOf(chamber.id)).map((e) => e.action)).toEqual(['chamber.updated']);
    });

    it.each([
      ['a code with a space', { code: 'bad code' }, 'code'],
      ['a code longer than 20', { code: 'A'.repeat(21) }, 'code'],
      ['a temperature below -60', { min_temp_c: '-60.01' }, 'min_temp_c'],
      ['a temperature above 30', { max_temp_c: '30.5' }, 'max_temp_c'],
      ['a temperature as a JSON number', { max_temp_c: -10 }, 'max_temp_c'],
      ['three decimals', { max_temp_c: '-18.125' }, 'max_temp_c'],
      ['a temperature that is not a number', { min_temp_c: 'cold' }, 'min_temp_c'],
      ['a negative capacity', { capacity_units: -1 }, 'capacity_units'],
      ['a fractional capacity', { capacity_units: 1.5 }, 'capacity_units'],
      ['active as a string', { active: 'yes' }, 'active'],
      ['an unknown field', { colour: 'blue' }, 'colour'],
    ])('refuses %s with 422', async (_what, override, field) => {
      const res = await as(adminToken)
        .post(chambersOf(a))
        .send({ code: 'VAL-1', name: 'V', min_temp_c: '-20', max_temp_c: '-10', ...override })
        .expect(422);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('refuses null for the required fields on PATCH', async () => {
      const chamber = await makeChamber(t.dataSource, a.id);
      const res = await as(adminToken)
        .patch(`${chambersOf(a)}/${chamber.id}`)
        .send({ name: null, min_temp_c: null, active: null })
        .expect(422);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['name', 'min_temp_c', 'active']));
    });

    it('lists by code with skip/limit and X-Total-Count', async () => {
      const wh = await makeWarehouse(t.dataSource);
      for (const code of ['C-3', 'C-1', 'C-2']) await makeChamber(t.dataSource, wh.id, { code });
      const all = await as(adminToken).get(chambersOf(wh)).expect(200);
      expect(all.headers['x-total-count']).toBe('3');
      expect(all.body.map((c: { code: string }) => c.code)).toEqual(['C-1', 'C-2', 'C-3']);
      expect(all.body[0]).toMatchObject({ min_temp_c: '-25', max_temp_c: '-15', active: true });
      const page = await as(adminToken)
        .get(chambersOf(wh))
        .query({ skip: 1, limit: 1 })
        .expect(200);
      expect(page.headers['x-total-count']).toBe('3');
      expect(page.body.map((c: { code: string }) => c.code)).toEqual(['C-2']);
      await as(adminToken).get(chambersOf(wh)).query({ limit: 201 }).expect(422);
    });

    it('answers 404 for an unknown warehouse, an unknown chamber or a chamber of another warehouse', async () => {
      const chamberOfA = await makeChamber(t.dataSource, a.id);
      await as(adminToken).get(`/api/warehouses/${UNKNOWN_ID}/chambers`).expect(404);
      await as(adminToken)
        .post(`/api/warehouses/${UNKNOWN_ID}/chambers`)
        .send({ code: 'X', name: 'X', min_temp_c: '0', max_temp_c: '1' })
        .expect(404);
      await as(adminToken)
        .get(`${chambersOf(a)}/${UNKNOWN_ID}`)
        .expect(404);
      await as(adminToken)
        .get(`${chambersOf(b)}/${chamberOfA.id}`)
        .expect(404);
      await as(adminToken)
        .patch(`${chambersOf(b)}/${chamberOfA.id}`)
        .send({ name: 'Moved?' })
        .expect(404);
      const bad = await as(adminToken).get('/api/warehouses/not-a-uuid/chambers').expect(422);
      expect(fieldsOf(bad.body)).toEqual(['warehouse_id']);
    });

    it("shows a warehouse operator only its own warehouse's chambers; others are 404", async () => {
      const chamberOfA = await makeChamber(t.dataSource, a.id);
      const chamberOfB = await makeChamber(t.dataSource, b.id);
      const own = await as(operatorB).get(chambersOf(b)).expect(200);
      expect(own.body.map((c: { warehouse_id: string }) => c.warehouse_id)).toEqual(
        own.body.map(() => b.id),
      );
      expect(own.body.map((c: { id: string }) => c.id)).toContain(chamberOfB.id);
      await as(operatorB)
        .get(`${chambersOf(b)}/${chamberOfB.id}`)
        .expect(200);
      const hidden = await as(operatorB).get(chambersOf(a)).expect(404);
      expect(hidden.body.detail).toBe('Warehouse not found.');
      await as(operatorB)
        .get(`${chambersOf(a)}/${chamberOfA.id}`)
        .expect(404);
    });

    it('keeps operators and inventory managers from writing chambers (403), even in their warehouse', async () => {
      const chamberOfB = await makeChamber(t.dataSource, b.id);
      const body = { code: 'OPS-1', name: 'O', min_temp_c: '0', max_temp_c: '4' };
      await as(operatorB).post(chambersOf(b)).send(body).expect(403);
      await as(operatorB).post(chambersOf(a)).send(body).expect(403);
      await as(operatorB)
        .patch(`${chambersOf(b)}/${chamberOfB.id}`)
        .send({ name: 'N' })
        .expect(403);
      await as(managerA).post(chambersOf(a)).send(body).expect(403);
    });

    it('answers 404 to a client, which is scoped to its own goods, not to warehouses', async () => {
      const chamberOfA = await makeChamber(t.dataSource, a.id);
      await as(clientToken).get(chambersOf(a)).expect(404);
      await as(clientToken)
        .get(`${chambersOf(a)}/${chamberOfA.id}`)
        .expect(404);
    });

    it('lets an unrestricted viewer (billing manager) read but not write', async () => {
      await as(billingToken).get(chambersOf(a)).expect(200);
      await as(billingToken)
        .post(chambersOf(a))
        .send({ code: 'BIL-1', name: 'B', min_temp_c: '0', max_temp_c: '4' })
        .expect(403);
    });
  });

  describe('commodities', () => {
    const potato = {
      code: 'potato-jyoti',
      name: 'Potato (Jyoti)',
      category: 'Vegetables',
      unit: 'BAG',
      min_temp_c: '2',
      max_temp_c: '4.5',
      shelf_life_days: 240,
    };

    it('lets an admin create a commodity, audited as commodity.created', async () => {
      const res = await as(adminToken).post('/api/commodities').send(potato).expect(201);
      expect(res.body).toMatchObject({
        code: 'POTATO-JYOTI',
        name: 'Potato (Jyoti)',
        category: 'Vegetables',
        unit: 'BAG',
        min_temp_c: '2',
        max_temp_c: '4.5',
        shelf_life_days: 240,
      });
      const read = await as(operatorB).get(`/api/commodities/${res.body.id}`).expect(200);
      expect(read.body).toEqual(res.body);
      const [event] = await auditOf(res.body.id);
      expect(event).toMatchObject({
        action: 'commodity.created',
        warehouse_id: null,
        before: null,
        after: { code: 'POTATO-JYOTI', unit: 'BAG', min_temp_c: '2', max_temp_c: '4.5' },
      });
    });

    it('keeps everyone but unrestricted admins from writing the catalogue every warehouse shares (403)', async () => {
      const commodity = await makeCommodity(t.dataSource);
      const body = { ...potato, code: 'NOPE-1' };
      for (const token of [managerA, operatorB, billingToken, clientToken]) {
        await as(token).post('/api/commodities').send(body).expect(403);
        await as(token)
          .patch(`/api/commodities/${commodity.id}`)
          .send({ name: 'Renamed' })
          .expect(403);
      }
      expect(await auditOf(commodity.id)).toEqual([]);
    });

    it('is taken from scoped roles on databases migrated before, and never given back by the seed', async () => {
      await t.dataSource.query(
        `INSERT INTO role_permissions (role_id, permission_id)
         SELECT r.id, p.id FROM roles r, permissions p
          WHERE r.name IN ('INVENTORY_MANAGER', 'OPERATOR') AND p.code = 'commodity.manage'`,
      );
      const runner = t.dataSource.createQueryRunner();
      try {
        await new CatalogueForUnrestrictedRoles1795700413000().up(runner);
      } finally {
        await runner.release();
      }
      const holders = (): Promise<{ name: string }[]> =>
        t.dataSource.query(
          `SELECT r.name FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
             JOIN permissions p ON p.id = rp.permission_id
            WHERE p.code = 'commodity.manage' ORDER BY r.name`,
        );
      expect(await holders()).toEqual([{ name: 'ADMIN' }]);
      await seedRoles(t.dataSource);
      expect(await holders()).toEqual([{ name: 'ADMIN' }]);
      await as(managerA)
        .post('/api/commodities')
        .send({ ...potato, code: 'MGR-1' })
        .expect(403);
    });

    it('freezes the unit and temperature range once the commodity has lots (409), other fields stay editable', async () => {
      const commodity = await makeCommodity(t.dataSource, { unit: CommodityUnit.Bag });
      const url = `/api/commodities/${commodity.id}`;
      // Without lots everything may change.
      await as(adminToken).patch(url).send({ unit: 'CRATE', min_temp_c: '-28' }).expect(200);
      const client = await makeClient(t.dataSource);
      await makeLot(t.dataSource, {
        warehouseId: a.id,
        chamberId: (await makeChamber(t.dataSource, a.id)).id,
        clientId: client.client.id,
        commodityId: commodity.id,
        quantity: 5,
        weightKg: '250',
      });
      for (const change of [{ unit: 'KG' }, { min_temp_c: '-29' }, { max_temp_c: '-12' }]) {
        const res = await as(adminToken).patch(url).send(change).expect(409);
        expect(res.body.detail).toBe(
          `Commodity ${commodity.code} already has lots: its unit and temperature range can no longer change (create a new commodity instead).`,
        );
      }
      // Sending the stored values, and changing the rest, still work.
      await as(adminToken)
        .patch(url)
        .send({ unit: 'CRATE', min_temp_c: '-28.00', name: 'Renamed', shelf_life_days: 200 })
        .expect(200);
      const read = await as(adminToken).get(url).expect(200);
      expect(read.body).toMatchObject({
        unit: 'CRATE',
        min_temp_c: '-28',
        max_temp_c: '-10',
        name: 'Renamed',
      });
      expect((await auditOf(commodity.id)).map((e) => e.action)).toEqual([
        'commodity.updated',
        'commodity.updated',
      ]);
    });

    it('answers 409 for a duplicate code, on create and on update', async () => {
      await as(adminToken)
        .post('/api/commodities')
        .send({ ...potato, code: 'ONION-RED' })
        .expect(201);
      const dup = await as(adminToken)
        .post('/api/commodities')
        .send({ ...potato, code: 'onion-red' })
        .expect(409);
      expect(dup.body.detail).toContain('ONION-RED');
      const other = await makeCommodity(t.dataSource);
      await as(adminToken)
        .patch(`/api/commodities/${other.id}`)
        .send({ code: 'Onion-Red' })
        .expect(409);
    });

    it.each([
      ['an unknown unit', { unit: 'BARREL' }, 'unit'],
      ['a lower-case unit', { unit: 'bag' }, 'unit'],
      ['a code with a dot', { code: 'A.B' }, 'code'],
      ['a code longer than 30', { code: 'A'.repeat(31) }, 'code'],
      ['an empty code', { code: '' }, 'code'],
      ['a zero shelf life', { shelf_life_days: 0 }, 'shelf_life_days'],
      ['a temperature out of range', { min_temp_c: '-61' }, 'min_temp_c'],
      ['a temperature as a JSON number', { min_temp_c: 2 }, 'min_temp_c'],
      ['a missing name', { name: undefined }, 'name'],
    ])('refuses %s with 422', async (_what, override, field) => {
      const res = await as(adminToken)
        .post('/api/commodities')
        .send({ ...potato, code: 'VAL-C', ...override })
        .expect(422);
      expect(fieldsOf(res.body)).toContain(field);
    });

    it('refuses min >= max with 422 naming both fields, also on PATCH against the stored bound', async () => {
      const res = await as(adminToken)
        .post('/api/commodities')
        .send({ ...potato, code: 'RNG-C', min_temp_c: '5', max_temp_c: '4.99' })
        .expect(422);
      expect(fieldsOf(res.body)).toEqual(['min_temp_c', 'max_temp_c']);
      const commodity = await makeCommodity(t.dataSource); // -30..-10
      const patch = await as(adminToken)
        .patch(`/api/commodities/${commodity.id}`)
        .send({ min_temp_c: '-10' })
        .expect(422);
      expect(fieldsOf(patch.body)).toEqual(['min_temp_c', 'max_temp_c']);
      expect(await auditOf(commodity.id)).toEqual([]);
    });

    it('patches and audits commodity.updated with the changed fields; null clears optional ones', async () => {
      const commodity = await makeCommodity(t.dataSource);
      const res = await as(adminToken)
        .patch(`/api/commodities/${commodity.id}`)
        .send({ name: 'Peas, frozen', category: null, shelf_life_days: null, unit: 'KG' })
        .expect(200);
      expect(res.body).toMatchObject({
        code: commodity.code,
        name: 'Peas, frozen',
        category: null,
        shelf_life_days: null,
        unit: 'KG',
        min_temp_c: '-30',
        max_temp_c: '-10',
      });
      const events = await auditOf(commodity.id);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'commodity.updated',
          before: {
            name: commodity.name,
            category: 'Frozen',
            unit: 'BAG',
            shelf_life_days: 365,
          },
          after: { name: 'Peas, frozen', category: null, unit: 'KG', shelf_life_days: null },
        }),
      ]);
      await as(adminToken)
        .patch(`/api/commodities/${commodity.id}`)
        .send({ name: null })
        .expect(422);
      await as(adminToken)
        .patch(`/api/commodities/${UNKNOWN_ID}`)
        .send({ name: 'Ghost' })
        .expect(404);
      await as(adminToken).get(`/api/commodities/${UNKNOWN_ID}`).expect(404);
    });

    it('searches code or name case-insensitively, with LIKE wildcards taken literally, and filters by category', async () => {
      await makeCommodity(t.dataSource, {
        code: 'CREAM-50',
        name: 'Cream 50% fat',
        category: 'Dairy',
      });
      await makeCommodity(t.dataSource, {
        code: 'CREAM-LITE',
        name: 'Cream light',
        category: 'Dairy',
      });
      await makeCommodity(t.dataSource, {
        code: 'ICE-CREAM',
        name: 'Ice cream',
        category: 'Frozen',
      });
      await makeCommodity(t.dataSource, { code: 'MILK_X', name: 'Milk' });
      const codes = (body: { code: string }[]): string[] => body.map((c) => c.code);

      const cream = await as(clientToken).get('/api/commodities').query({ q: 'cReAm' }).expect(200);
      expect(codes(cream.body)).toEqual(['CREAM-50', 'CREAM-LITE', 'ICE-CREAM']);
      expect(cream.headers['x-total-count']).toBe('3');
      const percent = await as(adminToken).get('/api/commodities').query({ q: '50%' }).expect(200);
      expect(codes(percent.body)).toEqual(['CREAM-50']);
      const literalPercent = await as(adminToken)
        .get('/api/commodities')
        .query({ q: '%' })
        .expect(200);
      expect(codes(literalPercent.body)).toEqual(['CREAM-50']);
      const underscore = await as(adminToken)
        .get('/api/commodities')
        .query({ q: 'm_' })
        .expect(200);
      expect(codes(underscore.body)).toEqual([]);
      const literalUnderscore = await as(adminToken)
        .get('/api/commodities')
        .query({ q: 'k_x' })
        .expect(200);
      expect(codes(literalUnderscore.body)).toEqual(['MILK_X']);
      const dairy = await as(adminToken)
        .get('/api/commodities')
        .query({ category: 'dairy', q: 'cream' })
        .expect(200);
      expect(codes(dairy.body)).toEqual(['CREAM-50', 'CREAM-LITE']);
      const paged = await as(adminToken)
        .get('/api/commodities')
        .query({ q: 'cream', skip: 2, limit: 1 })
        .expect(200);
      expect(codes(paged.body)).toEqual(['ICE-CREAM']);
      expect(paged.headers['x-total-count']).toBe('3');
    });
  });

  it('documents both catalogues in OpenAPI, with tags and problem responses', async () => {
    const res = await request(t.server).get('/docs-json').expect(200);
    const paths = res.body.paths as Record<
      string,
      Record<string, { tags: string[]; summary: string; responses: Record<string, unknown> }>
    >;
    const chambers = paths['/api/warehouses/{warehouse_id}/chambers'];
    const chamber = paths['/api/warehouses/{warehouse_id}/chambers/{id}'];
    const commodities = paths['/api/commodities'];
    const commodity = paths['/api/commodities/{id}'];
    for (const operation of [chambers.get, chambers.post, chamber.get, chamber.patch]) {
      expect(operation.tags).toEqual(['chambers']);
      expect(operation.summary).toBeTruthy();
    }
    for (const operation of [commodities.get, commodities.post, commodity.get, commodity.patch]) {
      expect(operation.tags).toEqual(['commodities']);
      expect(operation.summary).toBeTruthy();
    }
    expect(Object.keys(chambers.post.responses)).toEqual(
      expect.arrayContaining(['201', '401', '403', '404', '409', '422']),
    );
    expect(Object.keys(commodity.patch.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409', '422']),
    );
    expect(res.body.components.schemas.CommodityUnit.enum).toEqual([
      'BAG',
      'CRATE',
      'BOX',
      'PALLET',
      'CARTON',
      'KG',
    ]);
  });
});
