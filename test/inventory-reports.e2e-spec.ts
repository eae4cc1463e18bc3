import { makeWarehouse } from './helpers/factories';
import { MISSING, useReadingStock } from './helpers/reading-stock';

/** The stock on hand totalled by client, commodity and chamber, and bucketed by age. */
describe('reading stock: summary and aging', () => {
  const { t, stock, as } = useReadingStock();

  describe('GET /api/inventory/summary', () => {
    it('totals the stock on hand by client, commodity and chamber, with occupancy', async () => {
      const res = await as(stock.adminToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: stock.whA.id })
        .expect(200);
      expect(res.body).toEqual({
        warehouse_id: stock.whA.id,
        totals: { lots: 4, quantity: 78, weight_kg: '3436.75' },
        by_client: [
          {
            client_id: stock.clientX,
            company_name: 'Alpha Foods',
            lots: 2,
            quantity: 50,
            weight_kg: '2150.75',
          },
          {
            client_id: stock.clientY,
            company_name: 'Beta Farms',
            lots: 2,
            quantity: 28,
            weight_kg: '1286',
          },
        ],
        by_commodity: [
          {
            commodity_id: stock.apl.id,
            commodity_code: 'APL-R',
            commodity_name: 'Apple',
            unit: 'CRATE',
            lots: 2,
            quantity: 13,
            weight_kg: '186.25',
          },
          {
            commodity_id: stock.pot.id,
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
            chamber_id: stock.a1.id,
            chamber_code: 'A1',
            chamber_name: stock.a1.name,
            warehouse_id: stock.whA.id,
            lots: 3,
            quantity: 53,
            weight_kg: '2186.75',
          },
          {
            chamber_id: stock.a2.id,
            chamber_code: 'A2',
            chamber_name: stock.a2.name,
            warehouse_id: stock.whA.id,
            lots: 1,
            quantity: 25,
            weight_kg: '1250',
          },
        ],
        chamber_occupancy: [
          {
            chamber_id: stock.a1.id,
            chamber_code: 'A1',
            chamber_name: stock.a1.name,
            warehouse_id: stock.whA.id,
            active: true,
            capacity_units: 80,
            occupied_units: 53,
            percent: '66.25',
          },
          {
            chamber_id: stock.a2.id,
            chamber_code: 'A2',
            chamber_name: stock.a2.name,
            warehouse_id: stock.whA.id,
            active: true,
            capacity_units: null,
            occupied_units: 25,
            percent: null,
          },
        ],
      });
    });

    it('summarises an operator’s own warehouse; another one is not found', async () => {
      const own = await as(stock.opAToken).get('/api/inventory/summary').expect(200);
      expect(own.body.totals).toEqual({ lots: 4, quantity: 78, weight_kg: '3436.75' });
      expect(own.body.chamber_occupancy).toHaveLength(2);
      await as(stock.opAToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: stock.whB.id })
        .expect(404);
      await as(stock.adminToken)
        .get('/api/inventory/summary')
        .query({ warehouse_id: MISSING })
        .expect(404);
    });

    it('summarises an existing warehouse without stock as zeros', async () => {
      const empty = await makeWarehouse(t.dataSource);
      const res = await as(stock.adminToken)
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
      const res = await as(stock.clientXToken).get('/api/inventory/summary').expect(200);
      expect(res.body.totals).toEqual({ lots: 3, quantity: 80, weight_kg: '3650.75' });
      expect(res.body.by_client).toEqual([
        {
          client_id: stock.clientX,
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
      const res = await as(stock.adminToken)
        .get('/api/inventory/aging')
        .query({ warehouse_id: stock.whA.id })
        .expect(200);
      expect(res.body).toMatchObject({ warehouse_id: stock.whA.id, client_id: null });
      expect(res.body.buckets).toEqual([
        { bucket: '0-30', min_days: 0, max_days: 30, lots: 1, quantity: 40, weight_kg: '2000.5' },
        { bucket: '31-60', min_days: 31, max_days: 60, lots: 1, quantity: 10, weight_kg: '150.25' },
        { bucket: '61-90', min_days: 61, max_days: 90, lots: 1, quantity: 25, weight_kg: '1250' },
        { bucket: '90+', min_days: 91, max_days: null, lots: 1, quantity: 3, weight_kg: '36' },
      ]);
    });

    it('ages one client across warehouses, with empty buckets as zero', async () => {
      const res = await as(stock.adminToken)
        .get('/api/inventory/aging')
        .query({ client_id: stock.clientX })
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
      await as(stock.clientXToken)
        .get('/api/inventory/aging')
        .query({ client_id: stock.clientY })
        .expect(404);
      await as(stock.clientXToken)
        .get('/api/inventory/aging')
        .query({ client_id: stock.clientX })
        .expect(200);
      await as(stock.opAToken)
        .get('/api/inventory/aging')
        .query({ warehouse_id: stock.whB.id })
        .expect(404);
      await as(stock.opBToken)
        .get('/api/inventory/aging')
        .query({ client_id: stock.clientY })
        .expect(404);
    });
  });
});
