import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser } from './helpers/factories';
import { type LotBody, numbers, useReadingStock } from './helpers/reading-stock';

/** Row access on the read routes: an operator sees its warehouse, a client its own lots. */
describe('reading stock: who sees which lots', () => {
  const { t, stock, as } = useReadingStock();

  describe('scope', () => {
    it('keeps an operator to its warehouse: other lots are not listed and not found', async () => {
      const lots = await as(stock.opBToken).get('/api/inventory/lots').expect(200);
      expect(lots.body.map((lot: LotBody) => lot.id)).toEqual([stock.l5.id]);
      expect(lots.headers['x-total-count']).toBe('1');
      const portal = await as(stock.opBToken).get('/api/operator/inventory').expect(200);
      expect(portal.body.map((lot: LotBody) => lot.id)).toEqual([stock.l5.id]);
      const asked = await as(stock.opBToken)
        .get('/api/operator/inventory')
        .query({ warehouse_id: stock.whA.id })
        .expect(200);
      expect(asked.body).toEqual([]);
      await as(stock.opBToken).get(`/api/inventory/lots/${stock.l1.id}`).expect(404);
      await as(stock.opBToken).get(`/api/inventory/lots/${stock.l5.id}`).expect(200);
      const movements = await as(stock.opBToken).get('/api/inventory/movements').expect(200);
      expect(movements.body.map((m: { lot_id: string }) => m.lot_id)).toEqual([stock.l5.id]);
      const foreign = await as(stock.opBToken)
        .get('/api/inventory/movements')
        .query({ lot_id: stock.l1.id })
        .expect(200);
      expect(foreign.body).toEqual([]);
      const mine = await as(stock.opAToken)
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
      const portal = await as(stock.clientXToken).get('/api/client/inventory').expect(200);
      expect(portal.body.map((lot: LotBody) => lot.id)).toEqual([
        stock.l1.id,
        stock.l5.id,
        stock.l2.id,
      ]);
      expect(portal.headers['x-total-count']).toBe('3');
      const filtered = await as(stock.clientXToken)
        .get('/api/client/inventory')
        .query({ warehouse_id: stock.whB.id })
        .expect(200);
      expect(filtered.body.map((lot: LotBody) => lot.id)).toEqual([stock.l5.id]);
      const others = await as(stock.clientXToken)
        .get('/api/inventory/lots')
        .query({ client_id: stock.clientY })
        .expect(200);
      expect(others.body).toEqual([]);
      await as(stock.clientXToken).get(`/api/inventory/lots/${stock.l3.id}`).expect(404);
      await as(stock.clientXToken).get(`/api/inventory/lots/${stock.l2.id}`).expect(200);
    });

    it('shows nothing to an operator without a warehouse, everything to a billing manager', async () => {
      const loose = await makeUser(t.dataSource, { role: RoleName.Operator });
      const looseToken = await login(t.server, loose.email);
      const none = await as(looseToken).get('/api/operator/inventory').expect(200);
      expect(none.body).toEqual([]);
      expect(none.headers['x-total-count']).toBe('0');
      const billing = await makeUser(t.dataSource, { role: RoleName.BillingManager });
      const billingToken = await login(t.server, billing.email);
      const all = await as(billingToken)
        .get('/api/inventory/lots')
        .query({ client_id: stock.clientX })
        .expect(200);
      expect(all.body.map((lot: LotBody) => lot.id)).toEqual([
        stock.l1.id,
        stock.l5.id,
        stock.l2.id,
      ]);
    });

    it('requires a token', async () => {
      await request(t.server).get('/api/inventory/lots').expect(401);
      await request(t.server).get('/api/client/inventory').expect(401);
    });
  });
});
