import request from 'supertest';
import {
  type BillingSite,
  createRateCard,
  dispatchFromLot,
  generateInvoice,
  type InvoiceBody,
  makeBillingClient,
  makeBillingSite,
  makeOperatorToken,
  makeSiteCommodity,
  patchRateCard,
  postRateCard,
  receiveLot,
  requestInvoice,
} from './helpers/billing-factories';
import { useBillingCharges } from './helpers/billing-charges';

/** Which card prices a lot on a day, and how cards are kept. */
describe('billing: rate cards', () => {
  const { t, users, site } = useBillingCharges();

  describe('card choice', () => {
    it('prices each lot at the most specific card: client, then commodity, then warehouse, then the default', async () => {
      const january = { effective_from: '2026-01-01', effective_to: '2026-01-31' };
      const store = await makeBillingSite(t.dataSource, t.server, users.admin);
      const special = await makeSiteCommodity(t.dataSource, store);
      const elsewhere = await makeBillingSite(t.dataSource, t.server, users.admin);
      const favoured = await makeBillingClient(t.dataSource);
      const ordinary = await makeBillingClient(t.dataSource);
      const base = { basis: 'PER_UNIT_PER_DAY', ...january };
      const fallback = await createRateCard(t.server, users.billing, {
        ...base,
        storage_rate: '1',
      });
      const byWarehouse = await createRateCard(t.server, users.billing, {
        ...base,
        warehouse_id: store.warehouseId,
        storage_rate: '2',
      });
      const byCommodity = await createRateCard(t.server, users.billing, {
        ...base,
        commodity_id: special.commodityId,
        storage_rate: '3',
      });
      const byClient = await createRateCard(t.server, users.billing, {
        ...base,
        client_id: favoured,
        storage_rate: '4',
      });

      // One bag each, 5th to 14th January: 10 days.
      const tenDays = async (where: BillingSite, clientId: string) => {
        const lot = await receiveLot(t.server, users.admin, where, clientId, {
          quantity: 1,
          receivedAt: '2026-01-05T10:00:00Z',
        });
        await dispatchFromLot(t.server, users.admin, lot, {
          quantity: 1,
          dispatchedAt: '2026-01-14T10:00:00Z',
        });
        return lot;
      };
      const commodityLot = await tenDays(special, ordinary);
      const warehouseLot = await tenDays(store, ordinary);
      const defaultLot = await tenDays(elsewhere, ordinary);
      const clientLot = await tenDays(special, favoured);

      const priced = (invoice: InvoiceBody) =>
        Object.fromEntries(
          invoice.lines.map((l) => [
            l.lot_id,
            { card: l.rate_card_id, rate: l.rate, days: l.days, amount: l.amount },
          ]),
        );
      const ordinaryInvoice = await generateInvoice(
        t.server,
        users.billing,
        ordinary,
        '2026-01-01',
        '2026-01-31',
      );
      expect(priced(ordinaryInvoice)).toEqual({
        [commodityLot.id]: { card: byCommodity.id, rate: '3', days: 10, amount: '30.00' },
        [warehouseLot.id]: { card: byWarehouse.id, rate: '2', days: 10, amount: '20.00' },
        [defaultLot.id]: { card: fallback.id, rate: '1', days: 10, amount: '10.00' },
      });
      const favouredInvoice = await generateInvoice(
        t.server,
        users.billing,
        favoured,
        '2026-01-01',
        '2026-01-31',
      );
      expect(priced(favouredInvoice)).toEqual({
        [clientLot.id]: { card: byClient.id, rate: '4', days: 10, amount: '40.00' },
      });
    });
  });

  describe('rate-card API', () => {
    it('refuses a card overlapping another of the same key (409), allows other keys and adjacent dates', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const june = await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-06-01',
        effective_to: '2026-06-30',
      });
      expect(june).toMatchObject({
        client_id: clientId,
        warehouse_id: null,
        commodity_id: null,
        currency: 'INR',
        storage_rate: '0.5',
        grace_days: 0,
        min_billable_days: 0,
        effective_from: '2026-06-01',
        effective_to: '2026-06-30',
      });

      const clash = await postRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.6',
        currency: 'INR',
        effective_from: '2026-06-30',
      }).expect(409);
      expect(clash.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(clash.body.detail).toContain(june.id);

      // Another key (the client in one warehouse) may overlap; the same key from the next day too.
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        warehouse_id: site.warehouseId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.4',
        effective_from: '2026-06-15',
      });
      const july = await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.6',
        effective_from: '2026-07-01',
      });

      // Stretching June into July is an overlap too.
      await patchRateCard(t.server, users.billing, june.id, { effective_to: '2026-07-01' }).expect(
        409,
      );

      const listed = await request(t.server)
        .get('/api/billing/rate-cards')
        .query({ client_id: clientId })
        .set('Authorization', `Bearer ${users.billing}`)
        .expect(200);
      expect(listed.headers['x-total-count']).toBe('3');
      expect((listed.body as { id: string }[]).map((c) => c.id)).toContain(july.id);
    });

    it('refuses a currency that is not ISO 4217 and an effective_to before effective_from (422)', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const card = {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-08-01',
      };
      const currency = await postRateCard(t.server, users.billing, {
        ...card,
        currency: 'XYZ',
      }).expect(422);
      expect(currency.body.errors).toEqual([expect.objectContaining({ field: 'currency' })]);

      const backwards = await postRateCard(t.server, users.billing, {
        ...card,
        currency: 'INR',
        effective_to: '2026-07-31',
      }).expect(422);
      expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'effective_to' })]);
    });

    it('is forbidden to an operator (403)', async () => {
      const operator = await makeOperatorToken(t.dataSource, t.server, site.warehouseId);
      const refused = await postRateCard(t.server, operator, {
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        currency: 'INR',
        effective_from: '2026-09-01',
      }).expect(403);
      expect(refused.body.detail).not.toMatch(/billing\.rate\.manage/);
      await request(t.server)
        .get('/api/billing/rate-cards')
        .set('Authorization', `Bearer ${operator}`)
        .expect(403);
    });
  });

  describe('refusals', () => {
    it('refuses to bill a day without a card (422), naming the lot and the day', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-01-01',
        effective_to: '2026-03-15',
      });
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 10,
        receivedAt: '2026-03-05T10:00:00Z',
      });

      const res = await requestInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-03-01',
        '2026-03-31',
      ).expect(422);

      expect(res.body.detail).toContain(lot.lot_number);
      expect(res.body.detail).toContain('2026-03-16');
    });
  });
});
