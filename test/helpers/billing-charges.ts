import {
  type BillingSite,
  type BillingUsers,
  dispatchFromLot,
  generateInvoice,
  type InvoiceBody,
  type LotBody,
  makeBillingSite,
  makeBillingUsers,
  receiveLot,
} from './billing-factories';
import { seedRoles } from './factories';
import { createTestApp, type TestApp } from './test-app';

/** A storage line as `lineFigures` shows it. */
export const storageLine = (
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

export interface BillingCharges {
  t: TestApp;
  users: BillingUsers;
  /** A warehouse with a chamber and a commodity, in the default time zone. */
  site: BillingSite;
  /** The client's March 2026 invoice, generated through the API. */
  march: (clientId: string) => Promise<InvoiceBody>;
  /** The example of the rules: 100 bags in on the 3rd, 40 out on the 10th, 60 out on the 20th. */
  hundredBagsInMarch: (clientId: string, where?: BillingSite) => Promise<LotBody>;
}

/**
 * For a describe block of invoices computed by hand, each generated through the API from receipts
 * and dispatches made through the API: boots the app on a database of its own with the billing
 * users and a site before the block's tests, and closes it after. Every scenario bills a client of
 * its own, priced by cards keyed to that client, so scenarios never price each other's stock.
 */
export function useBillingCharges(): BillingCharges {
  const t = {} as TestApp;
  const users = {} as BillingUsers;
  const site = {} as BillingSite;
  beforeAll(async () => {
    Object.assign(t, await createTestApp());
    await seedRoles(t.dataSource);
    Object.assign(users, await makeBillingUsers(t.dataSource, t.server));
    Object.assign(site, await makeBillingSite(t.dataSource, t.server, users.admin));
  });
  afterAll(() => t.close());

  return {
    t,
    users,
    site,
    march: (clientId) =>
      generateInvoice(t.server, users.billing, clientId, '2026-03-01', '2026-03-31'),
    hundredBagsInMarch: async (clientId, where = site) => {
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
    },
  };
}
