import request from 'supertest';
import {
  approveInvoice,
  createRateCard,
  dispatchFromLot,
  generateInvoice,
  lineFigures,
  makeBillingClient,
  makeBillingSite,
  receiveLot,
  requestApproval,
  requestInvoice,
} from './helpers/billing-factories';
import { storageLine, useBillingCharges } from './helpers/billing-charges';

/** What one invoice period owes: local days of each warehouse, minimum stays across periods, no overlap. */
describe('billing charges: periods', () => {
  const { t, users, site, march } = useBillingCharges();

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
        storageLine(lot.lot_number, '10', 'BAG', 5, '2026-03-27', '2026-03-31', '1', 5000, '50.00'),
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
        storageLine(lot.lot_number, '10', 'BAG', 5, '2026-04-01', '2026-04-05', '1', 5000, '50.00'),
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
        storageLine(
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
        storageLine(
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
        storageLine(
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
        storageLine(lot.lot_number, '10', 'BAG', 1, '2026-03-31', '2026-03-31', '0.5', 500, '5.00'),
      ]);
      const april = await generateInvoice(
        t.server,
        users.billing,
        clientId,
        '2026-04-01',
        '2026-04-30',
      );
      expect(april.lines.map(lineFigures)).toEqual([
        storageLine(
          lot.lot_number,
          '10',
          'BAG',
          2,
          '2026-04-01',
          '2026-04-02',
          '0.5',
          1000,
          '10.00',
        ),
      ]);
    });
  });

  describe('refusals', () => {
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
