import request from 'supertest';
import { MovementType } from 'src/inventory/movement-type.enum';
import type { Lot } from 'src/inventory/lot.entity';
import { makeCommodity } from './helpers/inventory-factories';
import { MISSING, useReadingStock } from './helpers/reading-stock';
import { makeClient, makeLot, moveStock, transferLot } from './helpers/stock-factories';

/** A client’s stock as of a day, rebuilt from the movements, as JSON or CSV. */
describe('reading stock: the client stock statement', () => {
  const { t, stock, as } = useReadingStock();

  describe('GET /api/inventory/statement', () => {
    let z1: Lot;

    beforeAll(async () => {
      const inC = { warehouseId: stock.whC.id, clientId: stock.clientZ };
      z1 = await makeLot(t.dataSource, {
        ...inC,
        chamberId: stock.c1.id,
        commodityId: stock.oni.id,
        quantity: 100,
        weightKg: '5000',
        receivedAt: new Date('2025-01-10T08:00:00Z'),
        lotNumber: 'RDC-2025-000001',
      });
      await moveStock(t.dataSource, z1, {
        type: MovementType.Outward,
        quantityDelta: -30,
        weightDeltaKg: '-1500',
        occurredAt: new Date('2025-02-01T09:00:00Z'),
      });
      await transferLot(
        t.dataSource,
        z1,
        stock.c1.id,
        stock.c2.id,
        new Date('2025-02-15T12:00:00Z'),
      );
      const z2 = await makeLot(t.dataSource, {
        ...inC,
        chamberId: stock.c2.id,
        commodityId: stock.pot.id,
        quantity: 10,
        weightKg: '100',
        receivedAt: new Date('2025-02-20T08:00:00Z'),
        lotNumber: 'RDC-2025-000002',
      });
      await moveStock(t.dataSource, z2, {
        type: MovementType.Outward,
        quantityDelta: -10,
        weightDeltaKg: '-100',
        occurredAt: new Date('2025-02-25T08:00:00Z'),
      });
      await makeLot(t.dataSource, {
        ...inC,
        chamberId: stock.c1.id,
        commodityId: stock.apl.id,
        quantity: 7,
        weightKg: '70.5',
        receivedAt: new Date('2025-03-05T08:00:00Z'),
        lotNumber: 'RDC-2025-000003',
      });
      // The last minute of 10 March still counts for that day's statement.
      await moveStock(t.dataSource, z1, {
        type: MovementType.Outward,
        quantityDelta: -20,
        weightDeltaKg: '-1000',
        occurredAt: new Date('2025-03-10T23:59:30Z'),
      });
      await transferLot(
        t.dataSource,
        z1,
        stock.c2.id,
        stock.c1.id,
        new Date('2025-03-20T12:00:00Z'),
      );
    });

    const statement = (token: string, query: Record<string, string>) =>
      as(token).get('/api/inventory/statement').query(query);

    const lotsOf = (body: {
      lots: { lot_number: string; chamber_code: string; quantity: number; weight_kg: string }[];
    }) => body.lots.map((lot) => [lot.lot_number, lot.chamber_code, lot.quantity, lot.weight_kg]);

    it('rebuilds a past day’s stock from the movements up to its end', async () => {
      const res = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2025-03-01',
      }).expect(200);
      expect(res.body).toMatchObject({
        client_id: stock.clientZ,
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
        warehouse_id: stock.whC.id,
        warehouse_code: 'RDC',
        commodity_id: stock.oni.id,
        commodity_code: 'ONI-R',
        commodity_name: 'Onions, "Red"',
        unit: 'BAG',
        chamber_id: stock.c2.id,
        chamber_code: 'C2',
        received_at: '2025-01-10T08:00:00.000Z',
        quantity: 70,
        weight_kg: '3500',
      });
    });

    it('places each lot in the chamber it was in on that day', async () => {
      const before = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2025-02-10',
      }).expect(200);
      expect(lotsOf(before.body)).toEqual([['RDC-2025-000001', 'C1', 70, '3500']]);
      const endOfDay = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2025-03-10',
      }).expect(200);
      expect(lotsOf(endOfDay.body)).toEqual([
        ['RDC-2025-000001', 'C2', 50, '2500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
      expect(endOfDay.body.totals).toEqual({ lots: 2, quantity: 57, weight_kg: '2570.5' });
      const dayBefore = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2025-03-09',
      }).expect(200);
      expect(lotsOf(dayBefore.body)).toEqual([
        ['RDC-2025-000001', 'C2', 70, '3500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
      const today = await statement(stock.adminToken, { client_id: stock.clientZ }).expect(200);
      expect(today.body.as_of).toBe(new Date().toISOString().slice(0, 10));
      expect(lotsOf(today.body)).toEqual([
        ['RDC-2025-000001', 'C1', 50, '2500'],
        ['RDC-2025-000003', 'C1', 7, '70.5'],
      ]);
    });

    const HEADER =
      '"lot_number","warehouse_code","commodity_code","commodity_name","unit","chamber_code","received_at","quantity","weight_kg"';

    it('answers CSV as an attachment, every text cell quoted (RFC 4180), numbers bare', async () => {
      const res = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2025-03-10',
        format: 'csv',
      }).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="statement-${stock.clientZ}-2025-03-10.csv"`,
      );
      expect(res.text.split('\r\n')).toEqual([
        HEADER,
        '"RDC-2025-000001","RDC","ONI-R","Onions, ""Red""","BAG","C2","2025-01-10T08:00:00.000Z",50,2500',
        '"RDC-2025-000003","RDC","APL-R","Apple","CRATE","C1","2025-03-05T08:00:00.000Z",7,70.5',
        '',
      ]);
      const empty = await statement(stock.adminToken, {
        client_id: stock.clientZ,
        as_of: '2024-12-31',
        format: 'csv',
      }).expect(200);
      expect(empty.text).toBe(`${HEADER}\r\n`);
    });

    it('keeps text cells that look like formulas as text in the CSV, wherever they start', async () => {
      const q = await makeClient(t.dataSource, 'Quirky Co');
      const odd = await makeCommodity(t.dataSource, {
        code: 'ODD-R',
        name: '=HYPERLINK("http://x")',
      });
      const numberLike = await makeCommodity(t.dataSource, { code: 'ODD-S', name: '-1+cmd|calc' });
      for (const [commodity, lotNumber, quantity, weightKg] of [
        [odd, 'RDC-2025-000009', 1, '2.125'],
        [numberLike, '@RDC-2025-000010', 2, '4'],
      ] as const) {
        await makeLot(t.dataSource, {
          warehouseId: stock.whC.id,
          chamberId: stock.c1.id,
          clientId: q.client.id,
          commodityId: commodity.id,
          quantity,
          weightKg,
          receivedAt: new Date('2025-04-01T00:00:00Z'),
          lotNumber,
        });
      }
      const res = await statement(stock.adminToken, {
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
      const own = await statement(stock.clientZToken, { as_of: '2025-03-01' }).expect(200);
      expect(own.body.client_id).toBe(stock.clientZ);
      expect(own.body.totals.quantity).toBe(70);
      await statement(stock.clientZToken, { client_id: stock.clientZ, as_of: '2025-03-01' }).expect(
        200,
      );
      await statement(stock.clientZToken, { client_id: stock.clientX }).expect(404);
      await statement(stock.clientXToken, { client_id: stock.clientZ }).expect(404);
    });

    it('limits an operator to its warehouse’s part and its clients', async () => {
      const res = await statement(stock.opAToken, { client_id: stock.clientX }).expect(200);
      expect(res.body.warehouse_id).toBe(stock.whA.id);
      expect(res.body.lots.map((lot: { lot_id: string }) => lot.lot_id)).toEqual([
        stock.l1.id,
        stock.l2.id,
      ]);
      expect(res.body.totals).toEqual({ lots: 2, quantity: 50, weight_kg: '2150.75' });
      await statement(stock.opBToken, { client_id: stock.clientZ }).expect(404);
    });

    it('requires client_id from staff and a real date', async () => {
      const missing = await statement(stock.adminToken, {}).expect(422);
      expect(missing.body.errors).toEqual([
        { field: 'client_id', message: 'client_id is required' },
      ]);
      await statement(stock.opAToken, {}).expect(422);
      await statement(stock.adminToken, { client_id: stock.clientZ, as_of: '2025-02-30' }).expect(
        422,
      );
      await statement(stock.adminToken, { client_id: stock.clientZ, format: 'xlsx' }).expect(422);
      await statement(stock.adminToken, { client_id: MISSING }).expect(404);
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
});
