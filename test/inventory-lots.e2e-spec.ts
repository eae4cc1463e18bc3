import { makeWarehouse } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import {
  dayIn,
  daysAgo,
  type LotBody,
  MISSING,
  numbers,
  useReadingStock,
} from './helpers/reading-stock';
import { makeLot } from './helpers/stock-factories';

/** Lists and shows lots and their movements: filters, sorting, paging and validation. */
describe('reading stock: lots and movements', () => {
  const { t, stock, as } = useReadingStock();

  describe('GET /api/inventory/lots', () => {
    it('lists lots newest receipt first, with their commodity and chamber', async () => {
      const res = await as(stock.adminToken)
        .get('/api/inventory/lots')
        .query({ warehouse_id: stock.whA.id })
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
        id: stock.l1.id,
        lot_number: 'RDA-2026-000001',
        warehouse_id: stock.whA.id,
        client_id: stock.clientX,
        commodity_id: stock.pot.id,
        commodity_code: 'POT-R',
        commodity_name: 'Potato',
        unit: 'BAG',
        chamber_id: stock.a1.id,
        chamber_code: 'A1',
        position: 'R1-F1',
        grade: null,
        quantity: 40,
        weight_kg: '2000.5',
        received_at: stock.l1.receivedAt.toISOString(),
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
        as(stock.adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: stock.whA.id, ...query })
          .expect(200)
          .then((res) => numbers(res.body));
      expect(await list({ client_id: stock.clientY })).toEqual([
        'RDA-2026-000005',
        'RDA-2026-000003',
        'RDA-2025-000004',
      ]);
      expect(await list({ commodity_id: stock.apl.id })).toEqual([
        'RDA-2026-000002',
        'RDA-2025-000004',
      ]);
      expect(await list({ chamber_id: stock.a2.id })).toEqual([
        'RDA-2026-000005',
        'RDA-2026-000003',
      ]);
      expect(await list({ status: 'DEPLETED' })).toEqual(['RDA-2026-000005']);
      expect(await list({ status: 'ON_HOLD' })).toEqual(['RDA-2026-000002']);
      expect(await list({ client_id: stock.clientX, commodity_id: stock.pot.id })).toEqual([
        'RDA-2026-000001',
      ]);
    });

    it('filters by receipt window and expiry', async () => {
      const res = await as(stock.adminToken)
        .get('/api/inventory/lots')
        .query({
          warehouse_id: stock.whA.id,
          received_from: daysAgo(60).toISOString(),
          received_to: daysAgo(30).toISOString(),
        })
        .expect(200);
      expect(numbers(res.body)).toEqual(['RDA-2026-000002', 'RDA-2026-000005']);
      const expiring = await as(stock.adminToken)
        .get('/api/inventory/lots')
        .query({ warehouse_id: stock.whA.id, expiring_before: dayIn(10) })
        .expect(200);
      expect(numbers(expiring.body)).toEqual(['RDA-2026-000002']);
    });

    it('finds lots by lot number prefix, any case, with wildcards taken literally', async () => {
      const prefix = (lot_number: string) =>
        as(stock.adminToken)
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
      const whE = await makeWarehouse(t.dataSource, { code: 'RDE' });
      const e1 = await makeChamber(t.dataSource, whE.id, { code: 'E1' });
      const base = {
        warehouseId: whE.id,
        chamberId: e1.id,
        clientId: stock.clientY,
        commodityId: stock.pot.id,
      };
      await makeLot(t.dataSource, { ...base, quantity: 1, weightKg: '1', lotNumber: 'E_1-000001' });
      await makeLot(t.dataSource, { ...base, quantity: 1, weightKg: '1', lotNumber: 'EX1-000001' });
      await makeLot(t.dataSource, { ...base, quantity: 1, weightKg: '1', lotNumber: 'E%1-000001' });
      expect(await prefix('E_')).toEqual(['E_1-000001']);
      expect(await prefix('E%')).toEqual(['E%1-000001']);
      expect(await prefix('%')).toEqual([]);
    });

    it('sorts by each key, the id breaking ties', async () => {
      const sorted = (sort: string) =>
        as(stock.adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: stock.whA.id, sort })
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
      const noExpiry = [stock.l3.id, stock.l4.id, stock.l8.id].sort();
      expect((await sorted('expiry_date')).map((lot) => lot.id)).toEqual([
        stock.l2.id,
        stock.l1.id,
        ...noExpiry,
      ]);
      expect((await sorted('-expiry_date')).map((lot) => lot.id)).toEqual([
        stock.l1.id,
        stock.l2.id,
        ...noExpiry.reverse(),
      ]);
    });

    it('pages with skip and limit, the total in X-Total-Count', async () => {
      const page = (skip: number, limit: number) =>
        as(stock.adminToken)
          .get('/api/inventory/lots')
          .query({ warehouse_id: stock.whA.id, skip, limit })
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
        const res = await as(stock.adminToken).get('/api/inventory/lots').query(query).expect(422);
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
      const res = await as(stock.adminToken).get(`/api/inventory/lots/${stock.l4.id}`).expect(200);
      expect(res.body).toMatchObject({
        id: stock.l4.id,
        quantity: 3,
        weight_kg: '36',
        chamber_code: 'A1',
      });
      expect(res.body.movements).toEqual([
        expect.objectContaining({
          type: 'OUTWARD',
          quantity_delta: -2,
          weight_delta_kg: '-24',
          occurred_at: stock.l4OutwardAt.toISOString(),
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
      await as(stock.adminToken).get(`/api/inventory/lots/${MISSING}`).expect(404);
      await as(stock.adminToken).get('/api/inventory/lots/not-a-uuid').expect(422);
    });
  });

  describe('GET /api/inventory/movements', () => {
    it('lists movements newest first, filtered by lot, warehouse, client, type and time', async () => {
      const list = (query: Record<string, string>) =>
        as(stock.adminToken).get('/api/inventory/movements').query(query).expect(200);
      const ofLot = await list({ lot_id: stock.l4.id });
      expect(ofLot.body.map((m: { type: string }) => m.type)).toEqual(['OUTWARD', 'INWARD']);
      expect(ofLot.body[0]).toMatchObject({
        lot_id: stock.l4.id,
        lot_number: 'RDA-2025-000004',
        warehouse_id: stock.whA.id,
        client_id: stock.clientY,
      });
      const outwards = await list({ warehouse_id: stock.whA.id, type: 'OUTWARD' });
      expect(outwards.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([
        stock.l8.id,
        stock.l4.id,
      ]);
      expect(outwards.headers['x-total-count']).toBe('2');
      const ofX = await list({ client_id: stock.clientX });
      expect(ofX.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([
        stock.l1.id,
        stock.l5.id,
        stock.l2.id,
      ]);
      const window = await list({
        warehouse_id: stock.whA.id,
        from: daysAgo(60).toISOString(),
        to: daysAgo(40).toISOString(),
      });
      expect(window.body.map((m: { lot_id: string; type: string }) => [m.lot_id, m.type])).toEqual([
        [stock.l2.id, 'INWARD'],
        [stock.l8.id, 'OUTWARD'],
        [stock.l8.id, 'INWARD'],
      ]);
      const paged = await list({ warehouse_id: stock.whA.id, skip: '1', limit: '2' });
      expect(paged.body).toHaveLength(2);
      expect(paged.headers['x-total-count']).toBe('7');
      await as(stock.adminToken)
        .get('/api/inventory/movements')
        .query({ type: 'THEFT' })
        .expect(422);
    });
  });
});
