import request from 'supertest';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { inventoryQueriesDuring, queriesSentBy } from './helpers/query-log';
import { makeClient, makeManyLots } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/** How many queries an inventory request sends to PostgreSQL, whatever the page or the change. */
describe('inventory: queries per request', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ imports: [InventoryReadModule] });
    await seedRoles(t.dataSource);
  });
  afterAll(() => t.close());

  describe('reading a page', () => {
    let adminToken: string;
    let whD: Warehouse;

    beforeAll(async () => {
      const ds = t.dataSource;
      adminToken = await login(t.server, (await makeUser(ds, { role: RoleName.Admin })).email);
      const pot = await makeCommodity(ds, {
        code: 'POT-R',
        name: 'Potato',
        unit: CommodityUnit.Bag,
      });
      whD = await makeWarehouse(ds, { code: 'RDD' });
      const d1 = await makeChamber(ds, whD.id, { code: 'D1' });
      const w = await makeClient(ds, 'Bulk Co');
      await makeManyLots(ds, 230, {
        warehouseId: whD.id,
        clientId: w.client.id,
        commodityId: pot.id,
        chamberId: d1.id,
        quantity: 12,
        weightKg: '600.5',
        prefix: 'RDD-2026',
      });
    });

    const get = (url: string) =>
      request(t.server).get(url).set('Authorization', `Bearer ${adminToken}`);

    it('lists 200 lots in at most two queries', async () => {
      let res!: request.Response;
      const queries = await inventoryQueriesDuring(t.dataSource, async () => {
        res = await get('/api/inventory/lots')
          .query({ warehouse_id: whD.id, limit: 200 })
          .expect(200);
      });
      expect(res.body).toHaveLength(200);
      expect(res.headers['x-total-count']).toBe('230');
      expect(res.body[0]).toMatchObject({ lot_number: 'RDD-2026-000001', commodity_code: 'POT-R' });
      expect(queries.length).toBeGreaterThanOrEqual(1);
      expect(queries.length).toBeLessThanOrEqual(2);
    });

    it('lists 200 movements in at most two queries', async () => {
      let res!: request.Response;
      const queries = await inventoryQueriesDuring(t.dataSource, async () => {
        res = await get('/api/inventory/movements')
          .query({ warehouse_id: whD.id, limit: 200 })
          .expect(200);
      });
      expect(res.body).toHaveLength(200);
      expect(res.headers['x-total-count']).toBe('230');
      expect(queries.length).toBeGreaterThanOrEqual(1);
      expect(queries.length).toBeLessThanOrEqual(2);
    });

    it('answers a short page in one query', async () => {
      const queries = await inventoryQueriesDuring(t.dataSource, () =>
        get('/api/operator/inventory')
          .query({ warehouse_id: whD.id, skip: 200, limit: 200 })
          .expect(200)
          .expect('X-Total-Count', '230'),
      );
      expect(queries).toHaveLength(1);
    });

    it('reads a full page by keyset in one query, with no count', async () => {
      const first = await get('/api/inventory/lots')
        .query({ warehouse_id: whD.id, limit: 100 })
        .expect(200);
      const after = first.headers['x-next-cursor'];
      let res!: request.Response;
      const queries = await inventoryQueriesDuring(t.dataSource, async () => {
        res = await get('/api/inventory/lots')
          .query({ warehouse_id: whD.id, limit: 100, after })
          .expect(200);
      });
      expect(res.body).toHaveLength(100);
      expect(res.body[0]).toMatchObject({ lot_number: 'RDD-2026-000101' });
      expect(res.headers['x-total-count']).toBeUndefined();
      expect(queries).toHaveLength(1);
    });
  });

  /**
   * Counted where the benchmark counts them (the pg driver's Client.query, BEGIN and COMMIT
   * included), besides those loading the caller.
   */
  describe('changing stock', () => {
    let operator: string;
    let warehouseId: string;
    let chamberId: string;
    let commodityId: string;
    let clientId: string;

    beforeAll(async () => {
      warehouseId = (await makeWarehouse(t.dataSource, { code: 'NASIK' })).id;
      chamberId = (await makeChamber(t.dataSource, warehouseId)).id;
      commodityId = (await makeCommodity(t.dataSource)).id;
      clientId = (await makeClient(t.dataSource)).client.id;
      operator = await login(
        t.server,
        (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId })).email,
      );
    });

    const post = (url: string, body: object): request.Test =>
      request(t.server).post(url).set('Authorization', `Bearer ${operator}`).send(body);

    /** The queries of one request once its caller is known. */
    const handlerQueries = (send: request.Test, status: number): Promise<string[]> =>
      queriesSentBy(t, send, status, { afterCaller: true });

    const receipt = (quantity: number): object => ({
      client_id: clientId,
      commodity_id: commodityId,
      chamber_id: chamberId,
      quantity,
      weight_kg: '100',
    });

    const receiveLot = async (quantity: number): Promise<{ id: string }> =>
      (await post('/api/inventory/inward', receipt(quantity)).expect(201)).body as { id: string };

    it('receives goods in two queries: what it is checked against, then the receipt', async () => {
      const queries = await handlerQueries(post('/api/inventory/inward', receipt(10)), 201);
      expect(queries).toHaveLength(2);
    });

    it('dispatches from one lot (outward) in one query', async () => {
      const lot = await receiveLot(10);
      const queries = await handlerQueries(
        post('/api/inventory/outward', { lot_id: lot.id, quantity: 1 }),
        201,
      );
      expect(queries).toHaveLength(1);
    });

    const gatePass = (lots: { id: string }[]): request.Test =>
      post('/api/inventory/dispatches', {
        client_id: clientId,
        lines: lots.map((lot) => ({ lot_id: lot.id, quantity: 2 })),
      });

    it('dispatches several lots on one gate pass in one query', async () => {
      const lots = [await receiveLot(4), await receiveLot(6)];
      expect(await handlerQueries(gatePass(lots), 201)).toHaveLength(1);
    });

    it('refuses a gate pass with a line larger than its lot in one query', async () => {
      const lots = [await receiveLot(4), await receiveLot(1)];
      expect(await handlerQueries(gatePass(lots), 409)).toHaveLength(1);
    });
  });
});
