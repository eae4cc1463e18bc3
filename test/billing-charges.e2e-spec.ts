import request from 'supertest';
import { InvoiceLineKind } from 'src/billing/billing.enums';
import { seedRoles } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import {
  adjustLot,
  approveInvoice,
  type BillingSite,
  type BillingUsers,
  createRateCard,
  dispatchFromLot,
  generateInvoice,
  type InvoiceBody,
  lineFigures,
  linesOfKind,
  makeBillingClient,
  makeBillingSite,
  makeBillingUsers,
  makeOperatorToken,
  makeSiteCommodity,
  patchRateCard,
  postRateCard,
  receiveLot,
  replaceRateCard,
  requestApproval,
  requestInvoice,
  transferLotTo,
} from './helpers/billing-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * Invoices computed by hand, each generated through the API from receipts and dispatches made
 * through the API. Every scenario bills a client of its own, priced by cards keyed to that
 * client, so scenarios never price each other's stock.
 */
describe('billing charges', () => {
  let t: TestApp;
  let users: BillingUsers;
  let site: BillingSite;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    users = await makeBillingUsers(t.dataSource, t.server);
    site = await makeBillingSite(t.dataSource, t.server, users.admin);
  });
  afterAll(() => t.close());

  const march = (clientId: string): Promise<InvoiceBody> =>
    generateInvoice(t.server, users.billing, clientId, '2026-03-01', '2026-03-31');

  /** The example of the rules: 100 bags in on the 3rd, 40 out on the 10th, 60 out on the 20th. */
  async function hundredBagsInMarch(clientId: string, where: BillingSite = site) {
    const lot = await receiveLot(t.server, users.admin, where, clientId, {
      quantity: 100,
      receivedAt: '2026-03-03T09:00:00Z',
    });
    await dispatchFromLot(t.server, users.admin, lot, {
      quantity: 40,
      dispatchedAt: '2026-03-10T11:00:00Z',
    });
    await dispatchFromLot(t.server, users.admin, lot, {
      quantity: 60,
      dispatchedAt: '2026-03-20T15:00:00Z',
    });
    return lot;
  }

  const storage = (
    lotNumber: string,
    quantity: string,
    unit: string,
    days: number,
    from: string,
    to: string,
    rate: string,
    amountMinor: number,
    amount: string,
  ) => ({
    kind: 'STORAGE',
    lot_number: lotNumber,
    quantity,
    unit,
    days,
    from_date: from,
    to_date: to,
    rate,
    amount_minor: amountMinor,
    amount,
  });

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
        storage(
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
        storage(
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
        storage(lot.lot_number, '100', 'BAG', 8, '2026-03-03', '2026-03-10', '15', 40000, '400.00'),
        storage(lot.lot_number, '60', 'BAG', 10, '2026-03-11', '2026-03-20', '15', 30000, '300.00'),
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
        storage(
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
        storage(
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
        storage(
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
        storage(
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
        storage(
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
        storage(
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
        storage(
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

  describe('minimum stay', () => {
    it('tops a short stay up in the period the lot leaves, less what the approved earlier invoice charged', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '1',
        grace_days: 2,
        min_billable_days: 30,
        effective_from: '2026-01-01',
      });
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 10,
        receivedAt: '2026-03-25T10:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, lot, {
        quantity: 10,
        dispatchedAt: '2026-04-05T10:00:00Z',
      });

      // March: 25th and 26th free, 27th–31st charged; the lot has not left yet, so no top-up.
      const marchInvoice = await march(clientId);
      expect(marchInvoice.lines.map(lineFigures)).toEqual([
        storage(lot.lot_number, '10', 'BAG', 5, '2026-03-27', '2026-03-31', '1', 5000, '50.00'),
      ]);
      const own = await requestApproval(t.server, users.billing, marchInvoice.id).expect(409);
      expect(own.body.detail).toMatch(/Four-eyes/);
      const approved = await approveInvoice(t.server, users.approver, marchInvoice.id);
      expect(approved).toMatchObject({
        status: 'APPROVED',
        approved_by_id: users.approverUserId,
        generated_by_id: users.billingUserId,
        total_minor: 5000,
      });
      expect(approved.number).toMatch(/^INV-2026-\d{6}$/);

      // History inside the approved period is closed.
      const closed = await request(t.server)
        .post('/api/inventory/inward')
        .set('Authorization', `Bearer ${users.admin}`)
        .send({
          client_id: clientId,
          commodity_id: site.commodityId,
          chamber_id: site.chamberId,
          quantity: 1,
          received_at: '2026-03-30T10:00:00Z',
        })
        .expect(409);
      expect(closed.body.detail).toContain(approved.number);

      // April: 1st–5th charged; minimum 10 × (30 − 2) days × 1 = 280.00, less 50 + 50 charged.
      const april = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-04-01',
        '2026-04-30',
      );
      expect(april.lines.map(lineFigures)).toEqual([
        storage(lot.lot_number, '10', 'BAG', 5, '2026-04-01', '2026-04-05', '1', 5000, '50.00'),
        {
          kind: 'MINIMUM_STAY',
          lot_number: lot.lot_number,
          quantity: '10',
          unit: 'BAG',
          days: 28,
          from_date: '2026-03-25',
          to_date: '2026-04-05',
          rate: '1',
          amount_minor: 18000,
          amount: '180.00',
        },
      ]);
      expect(april).toMatchObject({ subtotal_minor: 23000, total: '230.00' });
    });
  });

  describe('time zones', () => {
    it('counts the days of a warehouse in Asia/Kolkata: 20:00 UTC on 31 March is 1 April there', async () => {
      const kolkata = await makeBillingSite(t.dataSource, t.server, users.admin, {
        timezone: 'Asia/Kolkata',
      });
      expect(kolkata.timezone).toBe('Asia/Kolkata');
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-01-01',
      });
      // 23:30 on 31 March in Kolkata.
      const lastOfMarch = await receiveLot(t.server, users.admin, kolkata, clientId, {
        quantity: 10,
        receivedAt: '2026-03-31T18:00:00Z',
      });
      // 01:30 on 1 April in Kolkata.
      const firstOfApril = await receiveLot(t.server, users.admin, kolkata, clientId, {
        quantity: 20,
        receivedAt: '2026-03-31T20:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, lastOfMarch, {
        quantity: 10,
        dispatchedAt: '2026-04-01T10:00:00Z',
      });
      // 00:30 on 11 April in Kolkata (still the 10th in UTC).
      await dispatchFromLot(t.server, users.admin, firstOfApril, {
        quantity: 20,
        dispatchedAt: '2026-04-10T19:00:00Z',
      });

      const marchInvoice = await march(clientId);
      expect(marchInvoice.lines.map(lineFigures)).toEqual([
        storage(
          lastOfMarch.lot_number,
          '10',
          'BAG',
          1,
          '2026-03-31',
          '2026-03-31',
          '0.5',
          500,
          '5.00',
        ),
      ]);
      expect(marchInvoice.lines.map((l) => l.lot_id)).not.toContain(firstOfApril.id);

      const april = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-04-01',
        '2026-04-30',
      );
      expect(april.lines.map(lineFigures)).toEqual([
        storage(
          lastOfMarch.lot_number,
          '10',
          'BAG',
          1,
          '2026-04-01',
          '2026-04-01',
          '0.5',
          500,
          '5.00',
        ),
        storage(
          firstOfApril.lot_number,
          '20',
          'BAG',
          11,
          '2026-04-01',
          '2026-04-11',
          '0.5',
          11000,
          '110.00',
        ),
      ]);
      expect(april).toMatchObject({ subtotal_minor: 11500, total: '115.00' });
    });

    it('counts the days of a warehouse in America/New_York: 02:00 UTC on 1 April is still 31 March there', async () => {
      const newYork = await makeBillingSite(t.dataSource, t.server, users.admin, {
        timezone: 'America/New_York',
      });
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        effective_from: '2026-01-01',
      });
      // 22:00 on 31 March in New York (EDT, UTC−4).
      const lot = await receiveLot(t.server, users.admin, newYork, clientId, {
        quantity: 10,
        receivedAt: '2026-04-01T02:00:00Z',
      });
      // 23:30 on 2 April in New York (the 3rd in UTC).
      await dispatchFromLot(t.server, users.admin, lot, {
        quantity: 10,
        dispatchedAt: '2026-04-03T03:30:00Z',
      });

      const marchInvoice = await march(clientId);
      expect(marchInvoice.lines.map(lineFigures)).toEqual([
        storage(lot.lot_number, '10', 'BAG', 1, '2026-03-31', '2026-03-31', '0.5', 500, '5.00'),
      ]);
      const april = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-04-01',
        '2026-04-30',
      );
      expect(april.lines.map(lineFigures)).toEqual([
        storage(lot.lot_number, '10', 'BAG', 2, '2026-04-01', '2026-04-02', '0.5', 1000, '10.00'),
      ]);
    });
  });

  describe('rounding', () => {
    it('rounds each line half-up to the paisa with 4-decimal rates, and the tax half-up too', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const halfPaisa = await makeSiteCommodity(t.dataSource, site);
      const twoAndAHalf = await makeSiteCommodity(t.dataSource, site);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        commodity_id: halfPaisa.commodityId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.005',
        tax_rate_percent: '18',
        effective_from: '2026-01-01',
      });
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        commodity_id: twoAndAHalf.commodityId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.0125',
        tax_rate_percent: '18',
        effective_from: '2026-01-01',
      });
      const one = await receiveLot(t.server, users.admin, halfPaisa, clientId, {
        quantity: 1,
        receivedAt: '2026-05-05T08:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, one, {
        quantity: 1,
        dispatchedAt: '2026-05-05T16:00:00Z',
      });
      const two = await receiveLot(t.server, users.admin, twoAndAHalf, clientId, {
        quantity: 2,
        receivedAt: '2026-05-06T08:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, two, {
        quantity: 2,
        dispatchedAt: '2026-05-06T16:00:00Z',
      });

      const invoice = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-05-01',
        '2026-05-31',
      );

      // 1 × 1 × 0.005 = 0.005 → 0.01; 2 × 1 × 0.0125 = 0.025 → 0.03; tax 18% of 0.04 = 0.0072 → 0.01.
      expect(invoice.lines.map(lineFigures)).toEqual([
        storage(one.lot_number, '1', 'BAG', 1, '2026-05-05', '2026-05-05', '0.005', 1, '0.01'),
        storage(two.lot_number, '2', 'BAG', 1, '2026-05-06', '2026-05-06', '0.0125', 3, '0.03'),
      ]);
      expect(invoice).toMatchObject({
        subtotal_minor: 4,
        tax_minor: 1,
        total_minor: 5,
        subtotal: '0.04',
        tax: '0.01',
        total: '0.05',
      });
    });

    it('uses the minor unit of the currency: JPY has none, so 2.5 yen rounds to 3', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '2.5',
        currency: 'JPY',
        tax_rate_percent: '10',
        effective_from: '2026-01-01',
      });
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 1,
        receivedAt: '2026-05-05T08:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, lot, {
        quantity: 1,
        dispatchedAt: '2026-05-05T16:00:00Z',
      });

      const invoice = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-05-01',
        '2026-05-31',
      );

      expect(invoice.lines.map(lineFigures)).toEqual([
        storage(lot.lot_number, '1', 'BAG', 1, '2026-05-05', '2026-05-05', '2.5', 3, '3'),
      ]);
      // Tax 10% of 3 yen = 0.3 → 0.
      expect(invoice).toMatchObject({
        currency: 'JPY',
        subtotal_minor: 3,
        tax_minor: 0,
        total_minor: 3,
        total: '3',
      });
    });
  });

  describe('handling', () => {
    it('charges units received in the period at the inward rate and units dispatched at the outward rate', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        inward_handling_rate: '2',
        outward_handling_rate: '3.25',
        effective_from: '2026-01-01',
      });
      // Received in February: its inward handling belongs to February, its dispatch to March.
      const february = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 10,
        receivedAt: '2026-02-20T09:00:00Z',
      });
      await dispatchFromLot(t.server, users.admin, february, {
        quantity: 5,
        dispatchedAt: '2026-03-05T09:00:00Z',
      });
      const lot = await hundredBagsInMarch(clientId);

      const invoice = await march(clientId);

      const handling = (
        kind: string,
        lotNumber: string,
        quantity: string,
        from: string,
        to: string,
        rate: string,
        amountMinor: number,
        amount: string,
      ) => ({
        kind,
        lot_number: lotNumber,
        quantity,
        unit: 'BAG',
        days: null,
        from_date: from,
        to_date: to,
        rate,
        amount_minor: amountMinor,
        amount,
      });
      expect(invoice.lines.map(lineFigures)).toEqual([
        storage(
          february.lot_number,
          '10',
          'BAG',
          5,
          '2026-03-01',
          '2026-03-05',
          '0.5',
          2500,
          '25.00',
        ),
        storage(
          february.lot_number,
          '5',
          'BAG',
          26,
          '2026-03-06',
          '2026-03-31',
          '0.5',
          6500,
          '65.00',
        ),
        handling(
          'OUTWARD_HANDLING',
          february.lot_number,
          '5',
          '2026-03-05',
          '2026-03-05',
          '3.25',
          1625,
          '16.25',
        ),
        storage(
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
        storage(
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
        handling(
          'INWARD_HANDLING',
          lot.lot_number,
          '100',
          '2026-03-03',
          '2026-03-03',
          '2',
          20000,
          '200.00',
        ),
        handling(
          'OUTWARD_HANDLING',
          lot.lot_number,
          '100',
          '2026-03-10',
          '2026-03-20',
          '3.25',
          32500,
          '325.00',
        ),
      ]);
      expect(linesOfKind(invoice, InvoiceLineKind.InwardHandling)[0]).toMatchObject({
        basis: null,
        rate_unit: 'per BAG',
      });
      expect(invoice).toMatchObject({ subtotal_minor: 133125, total: '1331.25' });
    });
  });

  describe('other movements', () => {
    it('counts adjustments as stock in or out but not as handling, and keeps a run across a transfer', async () => {
      const clientId = await makeBillingClient(t.dataSource);
      await createRateCard(t.server, users.billing, {
        client_id: clientId,
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        inward_handling_rate: '2',
        outward_handling_rate: '3',
        effective_from: '2026-01-01',
      });
      const otherChamber = await makeChamber(t.dataSource, site.warehouseId);
      const lot = await receiveLot(t.server, users.admin, site, clientId, {
        quantity: 100,
        receivedAt: '2026-07-01T09:00:00Z',
      });
      await transferLotTo(t.server, users.admin, lot.id, otherChamber.id, '2026-07-05T09:00:00Z');
      await adjustLot(t.server, users.admin, lot.id, {
        quantityDelta: -10,
        reason: 'DAMAGE',
        occurredAt: '2026-07-10T09:00:00Z',
      });
      await adjustLot(t.server, users.admin, lot.id, {
        quantityDelta: 5,
        occurredAt: '2026-07-15T09:00:00Z',
      });

      const invoice = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-07-01',
        '2026-07-31',
      );

      expect(invoice.lines.map(lineFigures)).toEqual([
        storage(
          lot.lot_number,
          '100',
          'BAG',
          10,
          '2026-07-01',
          '2026-07-10',
          '0.5',
          50000,
          '500.00',
        ),
        storage(lot.lot_number, '90', 'BAG', 4, '2026-07-11', '2026-07-14', '0.5', 18000, '180.00'),
        storage(
          lot.lot_number,
          '95',
          'BAG',
          17,
          '2026-07-15',
          '2026-07-31',
          '0.5',
          80750,
          '807.50',
        ),
        {
          kind: 'INWARD_HANDLING',
          lot_number: lot.lot_number,
          quantity: '100',
          unit: 'BAG',
          days: null,
          from_date: '2026-07-01',
          to_date: '2026-07-01',
          rate: '2',
          amount_minor: 20000,
          amount: '200.00',
        },
      ]);
      expect(invoice).toMatchObject({ subtotal_minor: 168750, total: '1687.50' });
    });
  });

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

    it("refuses a period overlapping another invoice of the same client (409), not another client's", async () => {
      const clientId = await makeBillingClient(t.dataSource);
      const otherId = await makeBillingClient(t.dataSource);
      for (const id of [clientId, otherId]) {
        await createRateCard(t.server, users.billing, {
          client_id: id,
          basis: 'PER_UNIT_PER_DAY',
          storage_rate: '0.5',
          effective_from: '2026-01-01',
        });
        await receiveLot(t.server, users.admin, site, id, {
          quantity: 10,
          receivedAt: '2026-02-02T10:00:00Z',
        });
      }
      const february = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-02-01',
        '2026-02-28',
      );

      const res = await requestInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-02-15',
        '2026-03-15',
      ).expect(409);
      expect(res.body.detail).toContain(february.id);

      await generateInvoice(t.server, users.billing, otherId, '2026-02-15', '2026-03-15');
      const next = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-03-01',
        '2026-03-31',
      );
      expect(next.lines.map(lineFigures)).toEqual([
        expect.objectContaining({ days: 31, from_date: '2026-03-01', to_date: '2026-03-31' }),
      ]);
    });
  });
});
