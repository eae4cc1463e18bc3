import request from 'supertest';
import {
  createRateCard,
  dispatchFromLot,
  lineFigures,
  makeBillingClient,
  receiveLot,
  replaceRateCard,
} from './helpers/billing-factories';
import { storageLine, useBillingCharges } from './helpers/billing-charges';

/** Storage is charged per unit or kg and day, from the local day of receipt to the day out. */
describe('billing charges: storage', () => {
  const { t, users, site, march, hundredBagsInMarch } = useBillingCharges();

  describe('storage', () => {
    it('charges every day a unit was in storage, the day in and the day out included, and taxes the subtotal', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const card = await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.50',
        tax_rate_percent: '18',
        effective_from: '2026-01-01',
      });
      const lot = await hundredBagsInMarch(clientId);

      const invoice = await march(clientId);

      expect(invoice).toMatchObject({
        status: 'DRAFT',
        number: null,
        client_id: clientId,
        period_start: '2026-03-01',
        period_end: '2026-03-31',
        currency: 'INR',
        subtotal_minor: 70000,
        tax_minor: 12600,
        total_minor: 82600,
        subtotal: '700.00',
        tax: '126.00',
        total: '826.00',
        taxes: [{ rate_percent: '18', base_minor: 70000, tax_minor: 12600 }],
      });
      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          8,
          '2026-03-03',
          '2026-03-10',
          '0.5',
          40000,
          '400.00',
        ),
        storageLine(
          lot.lot_number,
          '60',
          'BAG',
          10,
          '2026-03-11',
          '2026-03-20',
          '0.5',
          30000,
          '300.00',
        ),
      ]);
      expect(invoice.lines[0]).toMatchObject({
        position: 1,
        lot_id: lot.id,
        warehouse_id: site.warehouseId,
        commodity_id: site.commodityId,
        rate_card_id: card.id,
        basis: 'PER_UNIT_PER_DAY',
        rate_unit: 'per BAG-day',
        tax_rate_percent: '18',
      });
    });

    it('prorates a monthly rate per 30 days: 15 per bag-month gives the same 700.00', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_MONTH',
        storage_rate: '15',
        effective_from: '2026-01-01',
      });
      const lot = await hundredBagsInMarch(clientId);

      const invoice = await march(clientId);

      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          8,
          '2026-03-03',
          '2026-03-10',
          '15',
          40000,
          '400.00',
        ),
        storageLine(
          lot.lot_number,
          '60',
          'BAG',
          10,
          '2026-03-11',
          '2026-03-20',
          '15',
          30000,
          '300.00',
        ),
      ]);
      expect(invoice.lines[0]).toMatchObject({
        basis: 'PER_UNIT_PER_MONTH',
        rate_unit: 'per BAG per 30 days',
      });
      expect(invoice).toMatchObject({ subtotal_minor: 70000, tax_minor: 0, total: '700.00' });
    });

    it('charges kg on a kg basis, following a dispatch by weight, and rounds each line half-up', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_KG_PER_DAY',
        storage_rate: '0.0125',
        effective_from: '2026-01-01',
      });
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 100,
        weightKg: '1500.5',
        receivedAt: '2026-03-03T08:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, lot, {
        quantity: 40,
        weightKg: '600.2',
        dispatchedAt: '2026-03-06T10:00:00Z',
      });
      // The last 60 bags take the rest of the weight: 900.3 kg.
      await dispatchFromLot(t.server, users.admin, lot, {
        quantity: 60,
        dispatchedAt: '2026-03-20T10:00:00Z',
      });

      const invoice = await march(clientId);

      // 1500.5 × 4 × 0.0125 = 75.025 → 75.03 (half-up); 900.3 × 14 × 0.0125 = 157.5525 → 157.55.
      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '1500.5',
          'KG',
          4,
          '2026-03-03',
          '2026-03-06',
          '0.0125',
          7503,
          '75.03',
        ),
        storageLine(
          lot.lot_number,
          '900.3',
          'KG',
          14,
          '2026-03-07',
          '2026-03-20',
          '0.0125',
          15755,
          '157.55',
        ),
      ]);
      expect(invoice.lines[0]).toMatchObject({ basis: 'PER_KG_PER_DAY', rate_unit: 'per KG-day' });
      expect(invoice).toMatchObject({ subtotal_minor: 23258, total_minor: 23258, total: '232.58' });
    });

    it('gives grace days from the local day of receipt, also when they run into the period', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        grace_days: 5,
        effective_from: '2026-01-01',
      });
      // Received on 27 February: free until 3 March, charged from the 4th.
      const early = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 10,
        receivedAt: '2026-02-27T12:00:00Z',
      });
      // Received on 3 March: free until the 7th, charged from the 8th.
      const lot = await hundredBagsInMarch(clientId);

      const invoice = await march(clientId);

      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          early.lot_number,
          '10',
          'BAG',
          28,
          '2026-03-04',
          '2026-03-31',
          '0.5',
          14000,
          '140.00',
        ),
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          3,
          '2026-03-08',
          '2026-03-10',
          '0.5',
          15000,
          '150.00',
        ),
        storageLine(
          lot.lot_number,
          '60',
          'BAG',
          10,
          '2026-03-11',
          '2026-03-20',
          '0.5',
          30000,
          '300.00',
        ),
      ]);
      expect(invoice).toMatchObject({ subtotal_minor: 59000, total: '590.00' });
    });

    it('prices each day at the card in effect that day: a rate change mid-period gives two lines', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const first = await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-01-01',
      });
      const second = await replaceRateCard(t.server, users.billing, first, '2026-03-15', {
        storage_rate: '0.75',
        effective_from: '2026-03-16',
      });
      const ended = await request(t.server)
        .get(`/api/billing/rate-cards/${first.id}`)
        .set('Authorization', `Bearer ${users.billing}`)
        .expect(200);
      expect(ended.body).toMatchObject({ effective_to: '2026-03-15', storage_rate: '0.5' });
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 100,
        receivedAt: '2026-03-03T09:00:00Z',
      });

      const invoice = await march(clientId);

      expect(invoice.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          13,
          '2026-03-03',
          '2026-03-15',
          '0.5',
          65000,
          '650.00',
        ),
        storageLine(
          lot.lot_number,
          '100',
          'BAG',
          16,
          '2026-03-16',
          '2026-03-31',
          '0.75',
          120000,
          '1200.00',
        ),
      ]);
      expect(invoice.lines.map((l) => l.rate_card_id)).toEqual([first.id, second.id]);
      expect(invoice).toMatchObject({ subtotal_minor: 185000, total: '1850.00' });
    });
  });
});
