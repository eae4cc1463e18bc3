import request from 'supertest';
import type { DataSource } from 'typeorm';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import type { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import type { Lot } from 'src/inventory/lot.entity';
import { MovementType } from 'src/inventory/movement-type.enum';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Chamber } from 'src/warehouses/chamber.entity';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import {
  makeClient,
  makeLot,
  makeManyLots,
  moveStock,
  transferLot,
} from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const DAY = 86_400_000;
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
const dayIn = (days: number): string =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const MISSING = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';

interface LotBody {
  id: string;
  lot_number: string;
  quantity: number;
}
const numbers = (body: LotBody[]): string[] => body.map((lot) => lot.lot_number);

/** Statements of the data source that read inventory tables, while `work` runs. */
async function inventoryStatements(
  dataSource: DataSource,
  work: () => Promise<unknown>,
): Promise<string[]> {
  const seen: string[] = [];
  const spy = jest.spyOn(dataSource.logger, 'logQuery').mockImplementation((query: string) => {
    seen.push(query);
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  // The principal's load and the outbox worker run alongside; they touch none of these tables.
  return seen.filter((sql) => /\b(lots|stock_movements|commodities|chambers)\b/.test(sql));
}

describe('reading stock', () => {
  let t: TestApp;
  let ds: DataSource;
  let adminToken: string;
  let opAToken: string;
  let opBToken: string;
  let clientXToken: string;
  let clientZToken: string;
  let whA: Warehouse;
  let whB: Warehouse;
  let whC: Warehouse;
  let a1: Chamber;
  let a2: Chamber;
  let c1: Chamber;
  let c2: Chamber;
  let pot: Commodity;
  let apl: Commodity;
  let oni: Commodity;
  let clientX: string;
  let clientY: string;
  let clientZ: string;
  // Warehouse A: L1..L4 in stock, L8 dispatched empty; warehouse B: L5 (client X).
  let l1: Lot;
  let l2: Lot;
  let l3: Lot;
  let l4: Lot;
  let l5: Lot;
  let l8: Lot;
  let l4OutwardAt: Date;

  beforeAll(async () => {
    t = await createTestApp({ imports: [InventoryReadModule] });
    ds = t.dataSource;
    await seedRoles(ds);
    const admin = await makeUser(ds, { role: RoleName.Admin });
    adminToken = await login(t.server, admin.email);
    whA = await makeWarehouse(ds, { code: 'RDA' });
    whB = await makeWarehouse(ds, { code: 'RDB' });
    whC = await makeWarehouse(ds, { code: 'RDC' });
    a1 = await makeChamber(ds, whA.id, { code: 'A1', capacityUnits: 80 });
    a2 = await makeChamber(ds, whA.id, { code: 'A2', capacityUnits: null });
    const b1 = await makeChamber(ds, whB.id, { code: 'B1' });
    c1 = await makeChamber(ds, whC.id, { code: 'C1' });
    c2 = await makeChamber(ds, whC.id, { code: 'C2' });
    pot = await makeCommodity(ds, { code: 'POT-R', name: 'Potato', unit: CommodityUnit.Bag });
    apl = await makeCommodity(ds, { code: 'APL-R', name: 'Apple', unit: CommodityUnit.Crate });
    oni = await makeCommodity(ds, {
      code: 'ONI-R',
      name: 'Onions, "Red"',
      unit: CommodityUnit.Bag,
    });
    const x = await makeClient(ds, 'Alpha Foods');
    const y = await makeClient(ds, 'Beta Farms');
    const z = await makeClient(ds, 'Zeta Pharma');
    clientX = x.client.id;
    clientY = y.client.id;
    clientZ = z.client.id;
    clientXToken = await login(t.server, x.email);
    clientZToken = await login(t.server, z.email);
    const opA = await makeUser(ds, { role: RoleName.Operator, warehouseId: whA.id });
    const opB = await makeUser(ds, { role: RoleName.Operator, warehouseId: whB.id });
    opAToken = await login(t.server, opA.email);
    opBToken = await login(t.server, opB.email);

    const inA = { warehouseId: whA.id, chamberId: a1.id };
    l1 = await makeLot(ds, {
      ...inA,
      clientId: clientX,
      commodityId: pot.id,
      quantity: 40,
      weightKg: '2000.5',
      receivedAt: daysAgo(10),
      lotNumber: 'RDA-2026-000001',
      expiryDate: dayIn(100),
      position: 'R1-F1',
    });
    l2 = await makeLot(ds, {
      ...inA,
      clientId: clientX,
      commodityId: apl.id,
      quantity: 10,
      weightKg: '150.25',
      receivedAt: daysAgo(45),
      lotNumber: 'RDA-2026-000002',
      expiryDate: dayIn(5),
    });
    await ds.query(`UPDATE lots SET status = 'ON_HOLD', hold_reason = 'QC check' WHERE id = $1`, [
      l2.id,
    ]);
    l3 = await makeLot(ds, {
      ...inA,
      chamberId: a2.id,
      clientId: clientY,
      commodityId: pot.id,
      quantity: 25,
      weightKg: '1250',
      receivedAt: daysAgo(75),
      lotNumber: 'RDA-2026-000003',
    });
    l4 = await makeLot(ds, {
      ...inA,
      clientId: clientY,
      commodityId: apl.id,
      quantity: 5,
      weightKg: '60',
      receivedAt: daysAgo(120),
      lotNumber: 'RDA-2025-000004',
    });
    l4OutwardAt = daysAgo(100);
    await moveStock(ds, l4, {
      type: MovementType.Outward,
      quantityDelta: -2,
      weightDeltaKg: '-24',
      occurredAt: l4OutwardAt,
    });
    l8 = await makeLot(ds, {
      ...inA,
      chamberId: a2.id,
      clientId: clientY,
      commodityId: pot.id,
      quantity: 8,
      weightKg: '400',
      receivedAt: daysAgo(50),
      lotNumber: 'RDA-2026-000005',
    });
    await moveStock(ds, l8, {
      type: MovementType.Outward,
      quantityDelta: -8,
      weightDeltaKg: '-400',
      occurredAt: daysAgo(49),
    });
    l5 = await makeLot(ds, {
      warehouseId: whB.id,
      chamberId: b1.id,
      clientId: clientX,
      commodityId: pot.id,
      quantity: 30,
      weightKg: '1500',
      receivedAt: daysAgo(20),
      lotNumber: 'RDB-2026-000001',
    });
  });

  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
  });

  describe('GET /api/inventory/lots', () => {
    it('lists lots newest receipt first, with their commodity and chamber', async () => {
      const res = await as(adminToken)
        .get('/api/inventory/lots')
        .query({ warehouse_id: whA.id })
        .expect(200);
      expect(numbers(res.body)).toEqual([
        'RDA-2026-000001',
        'RDA-2026-000002',
        'RDA-2026-000005',
        'RDA-2026-000003',
        'RDA-2025-000004',
      ]);
      expect(res.headers['x-total-count']).toBe('5');
      expect(res.body[0]).toEqual({
        id: l1.id,
        lot_number: 'RDA-2026-000001',
        warehouse_id: whA.id,
        client_id: clientX,
        commodity_id: pot.id,
        commodity_code: 'POT-R',
        commodity_name: 'Potato',
        unit: 'BAG',
        chamber_id: a1.id,
        chamber_code: 'A1',
        position: 'R1-F1',
        quantity: 40,
        weight_kg: '2000.5',
        received_at: l1.receivedAt.toISOString(),
        expiry_date: dayIn(100),
        status: 'IN_STOCK',
        hold_reason: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(res.body[1]).toMatchObject({ status: 'ON_HOLD', hold_reason: 'QC check' });
      expect(res.body[2]).toMatchObject({ status: 'DEPLETED', quantity: 0, weight_kg: '0' });
    });

    it('filters by client, commodity, chamber and status', async () => {
      const list = (query: Record<string, string>) =>
        as(adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: whA.id, ...query })
          .expect(200)
          .then((res) => numbers(res.body));
      expect(await list({ client_id: clientY })).toEqual([
        'RDA-2026-000005',
        'RDA-2026-000003',
        'RDA-2025-000004',
      ]);
      expect(await list({ commodity_id: apl.id })).toEqual(['RDA-2026-000002', 'RDA-2025-000004']);
      expect(await list({ chamber_id: a2.id })).toEqual(['RDA-2026-000005', 'RDA-2026-000003']);
      expect(await list({ status: 'DEPLETED' })).toEqual(['RDA-2026-000005']);
      expect(await list({ status: 'ON_HOLD' })).toEqual(['RDA-2026-000002']);
      expect(await list({ client_id: clientX, commodity_id: pot.id })).toEqual(['RDA-2026-000001']);
    });

    it('filters by receipt window and expiry', async () => {
      const res = await as(adminToken)
        .get('/api/inventory/lots')
        .query({
          warehouse_id: whA.id,
          received_from: daysAgo(60).toISOString(),
          received_to: daysAgo(30).toISOString(),
        })
        .expect(200);
      expect(numbers(res.body)).toEqual(['RDA-2026-000002', 'RDA-2026-000005']);
      const expiring = await as(adminToken)
        .get('/api/inventory/lots')
        .query({ warehouse_id: whA.id, expiring_before: dayIn(10) })
        .expect(200);
      expect(numbers(expiring.body)).toEqual(['RDA-2026-000002']);
    });

    it('finds lots by lot number prefix, any case, with wildcards taken literally', async () => {
      const prefix = (lot_number: string) =>
        as(adminToken)
          .get('/api/inventory/lots')
          .query({ lot_number, sort: 'lot_number' })
          .expect(200)
          .then((res) => numbers(res.body));
      expect(await prefix('rda-2026-')).toEqual([
        'RDA-2026-000001',
        'RDA-2026-000002',
        'RDA-2026-000003',
        'RDA-2026-000005',
      ]);
      expect(await prefix('RDA-2025')).toEqual(['RDA-2025-000004']);
      const whE = await makeWarehouse(ds, { code: 'RDE' });
      const e1 = await makeChamber(ds, whE.id, { code: 'E1' });
      const base = {
        warehouseId: whE.id,
        chamberId: e1.id,
        clientId: clientY,
        commodityId: pot.id,
      };
      await makeLot(ds, { ...base, quantity: 1, weightKg: '1', lotNumber: 'E_1-000001' });
      await makeLot(ds, { ...base, quantity: 1, weightKg: '1', lotNumber: 'EX1-000001' });
      await makeLot(ds, { ...base, quantity: 1, weightKg: '1', lotNumber: 'E%1-000001' });
      expect(await prefix('E_')).toEqual(['E_1-000001']);
      expect(await prefix('E%')).toEqual(['E%1-000001']);
      expect(await prefix('%')).toEqual([]);
    });

    it('sorts by each key, the id breaking ties', async () => {
      const sorted = (sort: string) =>
        as(adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: whA.id, sort })
          .expect(200)
          .then((res) => res.body as LotBody[]);
      expect((await sorted('quantity')).map((lot) => lot.quantity)).toEqual([0, 3, 10, 25, 40]);
      expect((await sorted('-quantity')).map((lot) => lot.quantity)).toEqual([40, 25, 10, 3, 0]);
      expect(numbers(await sorted('received_at'))).toEqual([
        'RDA-2025-000004',
        'RDA-2026-000003',
        'RDA-2026-000005',
        'RDA-2026-000002',
        'RDA-2026-000001',
      ]);
      expect(numbers(await sorted('-lot_number'))).toEqual([
        'RDA-2026-000005',
        'RDA-2026-000003',
        'RDA-2026-000002',
        'RDA-2026-000001',
        'RDA-2025-000004',
      ]);
      // Lots without an expiry date come last either way, in id order.
      const noExpiry = [l3.id, l4.id, l8.id].sort();
      expect((await sorted('expiry_date')).map((lot) => lot.id)).toEqual([
        l2.id,
        l1.id,
        ...noExpiry,
      ]);
      expect((await sorted('-expiry_date')).map((lot) => lot.id)).toEqual([
        l1.id,
        l2.id,
        ...noExpiry.reverse(),
      ]);
    });

    it('pages with skip and limit, the total in X-Total-Count', async () => {
      const page = (skip: number, limit: number) =>
        as(adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: whA.id, skip, limit })
          .expect(200);
      const first = await page(0, 2);
      expect(numbers(first.body)).toEqual(['RDA-2026-000001', 'RDA-2026-000002']);
      expect(first.headers['x-total-count']).toBe('5');
      const second = await page(2, 2);
      expect(numbers(second.body)).toEqual(['RDA-2026-000005', 'RDA-2026-000003']);
      expect(second.headers['x-total-count']).toBe('5');
      const last = await page(4, 2);
      expect(numbers(last.body)).toEqual(['RDA-2025-000004']);
      expect(last.headers['x-total-count']).toBe('5');
      const past = await page(10, 2);
      expect(past.body).toEqual([]);
      expect(past.headers['x-total-count']).toBe('5');
    });

    it('answers 422 for a bad sort, date, status or an unknown parameter', async () => {
      const bad = async (query: Record<string, string>, field: string) => {
        const res = await as(adminToken).get('/api/inventory/lots').query(query).expect(422);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      };
      await bad({ sort: 'weight_kg' }, 'sort');
      await bad({ received_from: 'yesterday' }, 'received_from');
      await bad({ expiring_before: '2026-02-30' }, 'expiring_before');
      await bad({ status: 'LOST' }, 'status');
      await bad({ warehouse_id: 'nope' }, 'warehouse_id');
      await bad({ colour: 'red' }, 'colour');
      await bad({ limit: '201' }, 'limit');
    });
  });

  describe('GET /api/inventory/lots/:id', () => {
    it('shows a lot with its movements, newest first', async () => {
      const res = await as(adminToken).get(`/api/inventory/lots/${l4.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: l4.id,
        quantity: 3,
        weight_kg: '36',
        chamber_code: 'A1',
      });
      expect(res.body.movements).toEqual([
        expect.objectContaining({
          type: 'OUTWARD',
          quantity_delta: -2,
          weight_delta_kg: '-24',
          occurred_at: l4OutwardAt.toISOString(),
          dispatch_id: null,
          from_chamber_id: null,
          to_chamber_id: null,
          reason_code: null,
          reference: null,
          vehicle_number: null,
          notes: null,
          recorded_by_id: null,
        }),
        expect.objectContaining({ type: 'INWARD', quantity_delta: 5, weight_delta_kg: '60' }),
      ]);
      expect(Object.keys(res.body.movements[0]).sort()).toEqual(
        [
          'id',
          'type',
          'quantity_delta',
          'weight_delta_kg',
          'occurred_at',
          'dispatch_id',
          'from_chamber_id',
          'to_chamber_id',
          'reason_code',
          'reference',
          'vehicle_number',
          'notes',
          'recorded_by_id',
          'created_at',
        ].sort(),
      );
    });

    it('answers 404 for an unknown lot and 422 for a malformed id', async () => {
      await as(adminToken).get(`/api/inventory/lots/${MISSING}`).expect(404);
      await as(adminToken).get('/api/inventory/lots/not-a-uuid').expect(422);
    });
  });

  describe('GET /api/inventory/movements', () => {
    it('lists movements newest first, filtered by lot, warehouse, client, type and time', async () => {
      const list = (query: Record<string, string>) =>
        as(adminToken).get('/api/inventory/movements').query(query).expect(200);
      const ofLot = await list({ lot_id: l4.id });
      expect(ofLot.body.map((m: { type: string }) => m.type)).toEqual(['OUTWARD', 'INWARD']);
      expect(ofLot.body[0]).toMatchObject({
        lot_id: l4.id,
        lot_number: 'RDA-2025-000004',
        warehouse_id: whA.id,
        client_id: clientY,
      });
      const outwards = await list({ warehouse_id: whA.id, type: 'OUTWARD' });
      expect(outwards.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([l8.id, l4.id]);
      expect(outwards.headers['x-total-count']).toBe('2');
      const ofX = await list({ client_id: clientX });
      expect(ofX.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([l1.id, l5.id, l2.id]);
      const window = await list({
        warehouse_id: whA.id,
        from: daysAgo(60).toISOString(),
        to: daysAgo(40).toISOString(),
      });
      expect(window.body.map((m: { lot_id: string; type: string }) => [m.lot_id, m.type])).toEqual([
        [l2.id, 'INWARD'],
        [l8.id, 'OUTWARD'],
        [l8.id, 'INWARD'],
      ]);
      const paged = await list({ warehouse_id: whA.id, skip: '1', limit: '2' });
      expect(paged.body).toHaveLength(2);
      expect(paged.headers['x-total-count']).toBe('7');
      await as(adminToken).get('/api/inventory/movements').query({ type: 'THEFT' }).expect(422);
    });
  });

  describe('scope', () => {
    it('keeps an operator to its warehouse: other lots are not listed and not found', async () => {
      const lots = await as(opBToken).get('/api/inventory/lots').expect(200);
      expect(lots.body.map((lot: LotBody) => lot.id)).toEqual([l5.id]);
      expect(lots.headers['x-total-count']).toBe('1');
      const portal = await as(opBToken).get('/api/operator/inventory').expect(200);
      expect(portal.body.map((lot: LotBody) => lot.id)).toEqual([l5.id]);
      const asked = await as(opBToken)
        .get('/api/operator/inventory')
        .query({ warehouse_id: whA.id })
        .expect(200);
      expect(asked.body).toEqual([]);
      await as(opBToken).get(`/api/inventory/lots/${l1.id}`).expect(404);
      await as(opBToken).get(`/api/inventory/lots/${l5.id}`).expect(200);
      const movements = await as(opBToken).get('/api/inventory/movements').expect(200);
      expect(movements.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([l5.id]);
      const foreign = await as(opBToken)
        .get('/api/inventory/movements')
        .query({ lot_id: l1.id })
        .expect(200);
      expect(foreign.body).toEqual([]);
      const mine = await as(opAToken)
        .get('/api/operator/inventory')
        .query({ sort: 'lot_number' })
        .expect(200);
      expect(numbers(mine.body)).toEqual([
        'RDA-2025-000004',
        'RDA-2026-000001',
        'RDA-2026-000002',
        'RDA-2026-000003',
        'RDA-2026-000005',
      ]);
    });

    it('keeps a client to its own lots, in every warehouse', async () => {
      const portal = await as(clientXToken).get('/api/client/inventory').expect(200);
      expect(portal.body.map((lot: LotBody) => lot.id)).toEqual([l1.id, l5.id, l2.id]);
      expect(portal.headers['x-total-count']).toBe('3');
      const filtered = await as(clientXToken)
        .get('/api/client/inventory')
        .query({ warehouse_id: whB.id })
        .expect(200);
      expect(filtered.body.map((lot: LotBody) => lot.id)).toEqual([l5.id]);
      const others = await as(clientXToken)
        .get('/api/inventory/lots')
        .query({ client_id: clientY })
        .expect(200);
      expect(others.body).toEqual([]);
      await as(clientXToken).get(`/api/inventory/lots/${l3.id}`).expect(404);
      await as(clientXToken).get(`/api/inventory/lots/${l2.id}`).expect(200);
    });

    it('shows nothing to an operator without a warehouse, everything to a billing manager', async () => {
      const loose = await makeUser(ds, { role: RoleName.Operator });
      const looseToken = await login(t.server, loose.email);
      const none = await as(looseToken).get('/api/operator/inventory').expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['x-total-count']).toBe('0');
      const billing = await makeUser(ds, { role: RoleName.BillingManager });
      const billingToken = await login(t.server, billing.email);
      const all = await as(billingToken)
        .get('/api/inventory/lots')
        .query({ client_id: clientX })
        .expect(200);
      expect(all.body.map((lot: LotBody) => lot.id)).toEqual([l1.id, l5.id, l2.id]);
    });

    it('requires a token', async () => {
      await request(t.server).get('/api/inventory/lots').expect(401);
      await request(t.server).get('/api/client/inventory').expect(401);
    });
  });

  describe('GET /api/inventory/summary', () => {
    it('totals the stock on hand by client, commodity and chamber, with occupancy', async () => {
      const res = await as(adminToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: whA.id })
        .expect(200);
      expect(res.body).toEqual({
        warehouse_id: whA.id,
        totals: { lots: 4, quantity: 78, weight_kg: '3436.75' },
        by_client: [
          {
            client_id: clientX,
            company_name: 'Alpha Foods',
            lots: 2,
            quantity: 50,
            weight_kg: '2150.75',
          },
          {
            client_id: clientY,
            company_name: 'Beta Farms',
            lots: 2,
            quantity: 28,
            weight_kg: '1286',
          },
        ],
        by_commodity: [
          {
            commodity_id: apl.id,
            commodity_code: 'APL-R',
            commodity_name: 'Apple',
            unit: 'CRATE',
            lots: 2,
            quantity: 13,
            weight_kg: '186.25',
          },
          {
            commodity_id: pot.id,
            commodity_code: 'POT-R',
            commodity_name: 'Potato',
            unit: 'BAG',
            lots: 2,
            quantity: 65,
            weight_kg: '3250.5',
          },
        ],
        by_chamber: [
          {
            chamber_id: a1.id,
            chamber_code: 'A1',
            chamber_name: a1.name,
            warehouse_id: whA.id,
            lots: 3,
            quantity: 53,
            weight_kg: '2186.75',
          },
          {
            chamber_id: a2.id,
            chamber_code: 'A2',
            chamber_name: a2.name,
            warehouse_id: whA.id,
            lots: 1,
            quantity: 25,
            weight_kg: '1250',
          },
        ],
        chamber_occupancy: [
          {
            chamber_id: a1.id,
            chamber_code: 'A1',
            chamber_name: a1.name,
            warehouse_id: whA.id,
            active: true,
            capacity_units: 80,
            occupied_units: 53,
            percent: '66.25',
          },
          {
            chamber_id: a2.id,
            chamber_code: 'A2',
            chamber_name: a2.name,
            warehouse_id: whA.id,
            active: true,
            capacity_units: null,
            occupied_units: 25,
            percent: null,
          },
        ],
      });
    });

    it('summarises an operator’s own warehouse; another one is not found', async () => {
      const own = await as(opAToken).get('/api/inventory/summary').expect(200);
      expect(own.body.totals).toEqual({ lots: 4, quantity: 78, weight_kg: '3436.75' });
      expect(own.body.chamber_occupancy).toHaveLength(2);
      await as(opAToken).get('/api/inventory/summary').query({ warehouse_id: whB.id }).expect(404);
      await as(adminToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: MISSING })
        .expect(404);
    });

    it('summarises an existing warehouse without stock as zeros', async () => {
      const empty = await makeWarehouse(ds);
      const res = await as(adminToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: empty.id })
        .expect(200);
      expect(res.body).toEqual({
        warehouse_id: empty.id,
        totals: { lots: 0, quantity: 0, weight_kg: '0' },
        by_client: [],
        by_commodity: [],
        by_chamber: [],
        chamber_occupancy: [],
      });
    });

    it('gives a client its own figures and no chamber occupancy', async () => {
      const res = await as(clientXToken).get('/api/inventory/summary').expect(200);
      expect(res.body.totals).toEqual({ lots: 3, quantity: 80, weight_kg: '3650.75' });
      expect(res.body.by_client).toEqual([
        {
          client_id: clientX,
          company_name: 'Alpha Foods',
          lots: 3,
          quantity: 80,
          weight_kg: '3650.75',
        },
      ]);
      expect(res.body.chamber_occupancy).toEqual([]);
    });
  });

  describe('GET /api/inventory/aging', () => {
    it('buckets the stock on hand by days since receipt', async () => {
      const res = await as(adminToken)
        .get('/api/inventory/aging')
        .query({ warehouse_id: whA.id })
        .expect(200);
      expect(res.body).toMatchObject({ warehouse_id: whA.id, client_id: null });
      expect(res.body.buckets).toEqual([
        { bucket: '0-30', min_days: 0, max_days: 30, lots: 1, quantity: 40, weight_kg: '2000.5' },
        { bucket: '31-60', min_days: 31, max_days: 60, lots: 1, quantity: 10, weight_kg: '150.25' },
        { bucket: '61-90', min_days: 61, max_days: 90, lots: 1, quantity: 25, weight_kg: '1250' },
        { bucket: '90+', min_days: 91, max_days: null, lots: 1, quantity: 3, weight_kg: '36' },
      ]);
    });

    it('ages one client across warehouses, with empty buckets as zero', async () => {
      const res = await as(adminToken)
        .get('/api/inventory/aging')
        .query({ client_id: clientX })
        .expect(200);
      expect(
        res.body.buckets.map((b: { lots: number; quantity: number; weight_kg: string }) => [
          b.lots,
          b.quantity,
          b.weight_kg,
        ]),
      ).toEqual([
        [2, 70, '3500.5'],
        [1, 10, '150.25'],
        [0, 0, '0'],
        [0, 0, '0'],
      ]);
    });

    it('answers 404 for a client or warehouse outside the caller’s scope', async () => {
      await as(clientXToken).get('/api/inventory/aging').query({ client_id: clientY }).expect(404);
      await as(clientXToken).get('/api/inventory/aging').query({ client_id: clientX }).expect(200);
      await as(opAToken).get('/api/inventory/aging').query({ warehouse_id: whB.id }).expect(404);
      await as(opBToken).get('/api/inventory/aging').query({ client_id: clientY }).expect(404);
    });
  });

  describe('GET /api/inventory/statement', () => {
    let z1: Lot;

    beforeAll(async () => {
      const inC = { warehouseId: whC.id, clientId: clientZ };
      z1 = await makeLot(ds, {
        ...inC,
        chamberId: c1.id,
        commodityId: oni.id,
        quantity: 100,
        weightKg: '5000',
        receivedAt: new Date('2025-01-10T08:00:00Z'),
        lotNumber: 'RDC-2025-000001',
      });
      await moveStock(ds, z1, {
        type: MovementType.Outward,
        quantityDelta: -30,
        weightDeltaKg: '-1500',
        occurredAt: new Date('2025-02-01T09:00:00Z'),
      });
      await transferLot(ds, z1, c1.id, c2.id, new Date('2025-02-15T12:00:00Z'));
      const z2 = await makeLot(ds, {
        ...inC,
        chamberId: c2.id,
        commodityId: pot.id,
        quantity: 10,
        weightKg: '100',
        receivedAt: new Date('2025-02-20T08:00:00Z'),
        lotNumber: 'RDC-2025-000002',
      });
      await moveStock(ds, z2, {
        type: MovementType.Outward,
        quantityDelta: -10,
        weightDeltaKg: '-100',
        occurredAt: new Date('2025-02-25T08:00:00Z'),
      });
      await makeLot(ds, {
        ...inC,
        chamberId: c1.id,
        commodityId: apl.id,
        quantity: 7,
        weightKg: '70.5',
        receivedAt: new Date('2025-03-05T08:00:00Z'),
        lotNumber: 'RDC-2025-000003',
      });
      // The last minute of 10 March still counts for that day's statement.
      await moveStock(ds, z1, {
        type: MovementType.Outward,
        quantityDelta: -20,
        weightDeltaKg: '-1000',
        occurredAt: new Date('2025-03-10T23:59:30Z'),
      });
      await transferLot(ds, z1, c2.id, c1.id, new Date('2025-03-20T12:00:00Z'));
    });

    const statement = (token: string, query: Record<string, string>) =>
      as(token).get('/api/inventory/statement').query(query);

    const lotsOf = (body: {
      lots: { lot_number: string; chamber_code: string; quantity: number; weight_kg: string }[];
    }) => body.lots.map((lot) => [lot.lot_number, lot.chamber_code, lot.quantity, lot.weight_kg]);

    it('rebuilds a past day’s stock from the movements up to its end', async () => {
      const res = await statement(adminToken, { client_id: clientZ, as_of: '2025-03-01' }).expect(
        200,
      );
      expect(res.body).toMatchObject({
        client_id: clientZ,
        company_name: 'Zeta Pharma',
        as_of: '2025-03-01',
        warehouse_id: null,
        totals: { lots: 1, quantity: 70, weight_kg: '3500' },
      });
      // Dispatched empty by then (RDC-…02) or not yet received (RDC-…03): not listed.
      expect(lotsOf(res.body)).toEqual([['RDC-2025-000001', 'C2', 70, '3500']]);
      expect(res.body.lots[0]).toEqual({
        lot_id: z1.id,
        lot_number: 'RDC-2025-000001',
        warehouse_id: whC.id,
        warehouse_code: 'RDC',
        commodity_id: oni.id,
        commodity_code: 'ONI-R',
        commodity_name: 'Onions, "Red"',
        unit: 'BAG',
        chamber_id: c2.id,
        chamber_code: 'C2',
        received_at: '2025-01-10T08:00:00.000Z',
        quantity: 70,
        weight_kg: '3500',
      });
    });

    it('places each lot in the chamber it was in on that day', async () => {
      const before = await statement(adminToken, {
        client_id: clientZ,
        as_of: '2025-02-10',
      }).expect(200);
      expect(lotsOf(before.body)).toEqual([['RDC-2025-000001', 'C1', 70, '3500']]);
      const endOfDay = await statement(adminToken, {
        client_id: clientZ,
        as_of: '2025-03-10',
      }).expect(200);
      expect(lotsOf(endOfDay.body)).toEqual([
        ['RDC-2025-000001', 'C2', 50, '2500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
      expect(endOfDay.body.totals).toEqual({ lots: 2, quantity: 57, weight_kg: '2570.5' });
      const dayBefore = await statement(adminToken, {
        client_id: clientZ,
        as_of: '2025-03-09',
      }).expect(200);
      expect(lotsOf(dayBefore.body)).toEqual([
        ['RDC-2025-000001', 'C2', 70, '3500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
      const today = await statement(adminToken, { client_id: clientZ }).expect(200);
      expect(today.body.as_of).toBe(new Date().toISOString().slice(0, 10));
      expect(lotsOf(today.body)).toEqual([
        ['RDC-2025-000001', 'C1', 50, '2500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
    });

    const HEADER =
      '"lot_number","warehouse_code","commodity_code","commodity_name","unit","chamber_code","received_at","quantity","weight_kg"';

    it('answers CSV as an attachment, every text cell quoted (RFC 4180), numbers bare', async () => {
      const res = await statement(adminToken, {
        client_id: clientZ,
        as_of: '2025-03-10',
        format: 'csv',
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="statement-${clientZ}-2025-03-10.csv"`,
      );
      expect(res.text.split('\r\n')).toEqual([
        HEADER,
        '"RDC-2025-000001","RDC","ONI-R","Onions, ""Red""","BAG","C2","2025-01-10T08:00:00.000Z",50,2500',
        '"RDC-2025-000003","RDC","APL-R","Apple","CRATE","C1","2025-03-05T08:00:00.000Z",7,70.5',
        '',
      ]);
      const empty = await statement(adminToken, {
        client_id: clientZ,
        as_of: '2024-12-31',
        format: 'csv',
      }).expect(200);
      expect(empty.text).toBe(`${HEADER}\r\n`);
    });

    it('keeps text cells that look like formulas as text in the CSV, wherever they start', async () => {
      const q = await makeClient(ds, 'Quirky Co');
      const odd = await makeCommodity(ds, { code: 'ODD-R', name: '=HYPERLINK("http://x")' });
      const numberLike = await makeCommodity(ds, { code: 'ODD-S', name: '-1+cmd|calc' });
      for (const [commodity, lotNumber, quantity, weightKg] of [
        [odd, 'RDC-2025-000009', 1, '2.125'],
        [numberLike, '@RDC-2025-000010', 2, '4'],
      ] as const) {
        await makeLot(ds, {
          warehouseId: whC.id,
          chamberId: c1.id,
          clientId: q.client.id,
          commodityId: commodity.id,
          quantity,
          weightKg,
          receivedAt: new Date('2025-04-01T00:00:00Z'),
          lotNumber,
        });
      }
      const res = await statement(adminToken, {
        client_id: q.client.id,
        as_of: '2025-04-01',
        format: 'csv',
      }).expect(200);
      expect(res.text.split('\r\n').slice(1, 3).sort()).toEqual([
        `"'@RDC-2025-000010","RDC","ODD-S","'-1+cmd|calc","BAG","C1","2025-04-01T00:00:00.000Z",2,4`,
        `"RDC-2025-000009","RDC","ODD-R","'=HYPERLINK(""http://x"")","BAG","C1","2025-04-01T00:00:00.000Z",1,2.125`,
      ]);
    });

    it('gives a client its own statement and no one else’s', async () => {
      const own = await statement(clientZToken, { as_of: '2025-03-01' }).expect(200);
      expect(own.body.client_id).toBe(clientZ);
      expect(own.body.totals.quantity).toBe(70);
      await statement(clientZToken, { client_id: clientZ, as_of: '2025-03-01' }).expect(200);
      await statement(clientZToken, { client_id: clientX }).expect(404);
      await statement(clientXToken, { client_id: clientZ }).expect(404);
    });

    it('limits an operator to its warehouse’s part and its clients', async () => {
      const res = await statement(opAToken, { client_id: clientX }).expect(200);
      expect(res.body.warehouse_id).toBe(whA.id);
      expect(res.body.lots.map((lot: { lot_id: string }) => lot.lot_id)).toEqual([l1.id, l2.id]);
      expect(res.body.totals).toEqual({ lots: 2, quantity: 50, weight_kg: '2150.75' });
      await statement(opBToken, { client_id: clientZ }).expect(404);
    });

    it('requires client_id from staff and a real date', async () => {
      const missing = await statement(adminToken, {}).expect(422);
      expect(missing.body.errors).toEqual([
        { field: 'client_id', message: 'client_id is required' },
      ]);
      await statement(opAToken, {}).expect(422);
      await statement(adminToken, { client_id: clientZ, as_of: '2025-02-30' }).expect(422);
      await statement(adminToken, { client_id: clientZ, format: 'xlsx' }).expect(422);
      await statement(adminToken, { client_id: MISSING }).expect(404);
    });
  });

  it('documents the routes, the statement as JSON or CSV', async () => {
    const res = await request(t.server).get('/docs-json').expect(200);
    const paths = res.body.paths as Record<string, Record<string, unknown>>;
    for (const path of [
      '/api/inventory/lots',
      '/api/inventory/lots/{id}',
      '/api/inventory/movements',
      '/api/inventory/summary',
      '/api/inventory/aging',
      '/api/inventory/statement',
      '/api/operator/inventory',
      '/api/client/inventory',
    ]) {
      expect(paths[path]).toHaveProperty('get');
    }
    const ok = (
      paths['/api/inventory/statement'].get as { responses: Record<string, { content: object }> }
    ).responses['200'];
    expect(Object.keys(ok.content)).toEqual(['application/json', 'text/csv']);
  });

  describe('query count', () => {
    let whD: Warehouse;

    beforeAll(async () => {
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

    it('lists 200 lots in at most two statements', async () => {
      let res!: request.Response;
      const statements = await inventoryStatements(ds, async () => {
        res = await as(adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: whD.id, limit: 200 })
          .expect(200);
      });
      expect(res.body).toHaveLength(200);
      expect(res.headers['x-total-count']).toBe('230');
      expect(res.body[0]).toMatchObject({ lot_number: 'RDD-2026-000001', commodity_code: 'POT-R' });
      expect(statements.length).toBeGreaterThanOrEqual(1);
      expect(statements.length).toBeLessThanOrEqual(2);
    });

    it('lists 200 movements in at most two statements', async () => {
      let res!: request.Response;
      const statements = await inventoryStatements(ds, async () => {
        res = await as(adminToken)
          .get('/api/inventory/movements')
          .query({ warehouse_id: whD.id, limit: 200 })
          .expect(200);
      });
      expect(res.body).toHaveLength(200);
      expect(res.headers['x-total-count']).toBe('230');
      expect(statements.length).toBeGreaterThanOrEqual(1);
      expect(statements.length).toBeLessThanOrEqual(2);
    });

    it('answers a short page in one statement', async () => {
      const statements = await inventoryStatements(ds, () =>
        as(adminToken)
          .get('/api/operator/inventory')
          .query({ warehouse_id: whD.id, skip: 200, limit: 200 })
          .expect(200)
          .expect('X-Total-Count', '230'),
      );
      expect(statements).toHaveLength(1);
    });
  });
});
