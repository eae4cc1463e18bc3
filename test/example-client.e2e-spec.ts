import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { RoleName } from 'src/rbac/role-name.enum';
import {
  ApiProblem,
  createColdStoreClient,
  type ColdStoreClient,
  type ProblemDetails,
  type Receipt,
} from '../examples/typed-client/client';
import {
  createRateCard,
  generateInvoice,
  makeBillingClient,
  makeBillingSite,
} from './helpers/billing-factories';
import { login, makeUser, seedRoles, type MadeUser } from './helpers/factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/** The problem details a call was refused with; fails when the call succeeds. */
async function refusal(call: Promise<unknown>): Promise<ProblemDetails> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ApiProblem) return error.problem;
    throw error;
  }
  throw new Error('The call was not refused');
}

describe('the typed example client (examples/typed-client) against the running API', () => {
  let t: TestApp;
  let baseUrl: string;
  let api: ColdStoreClient;
  let admin: MadeUser;
  let receipt: Receipt;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.server.address() as AddressInfo).port}`;
    await seedRoles(t.dataSource);
    admin = await makeUser(t.dataSource, { role: RoleName.Admin });
    const site = await makeBillingSite(t.dataSource, t.server, await login(t.server, admin.email));
    receipt = {
      client_id: await makeBillingClient(t.dataSource),
      commodity_id: site.commodityId,
      chamber_id: site.chamberId,
      quantity: 40,
      received_at: '2026-03-02T08:00:00.000Z',
    };
    api = createColdStoreClient(baseUrl);
  });
  afterAll(() => t.close());

  it('signs in with email and password', async () => {
    const session = await api.signIn(admin.email, admin.password);
    expect(session).toMatchObject({ token_type: 'bearer', user_id: admin.user.id });
    expect(session.roles).toEqual([RoleName.Admin]);
  });

  it('receives goods once per idempotency key, and lists lots a page at a time', async () => {
    const key = randomUUID();
    const first = await api.receiveGoods(receipt, key);
    expect(await api.receiveGoods(receipt, key)).toEqual(first);
    const second = await api.receiveGoods(
      { ...receipt, quantity: 25, received_at: '2026-03-05T08:00:00.000Z' },
      randomUUID(),
    );
    expect(second).toMatchObject({ quantity: 25, status: 'IN_STOCK' });

    const page = await api.listLots({ client_id: receipt.client_id, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.lots.map((lot) => lot.lot_number)).toEqual([second.lot_number]);
  });

  it('downloads an invoice as a PDF blob', async () => {
    const token = await login(t.server, admin.email);
    await createRateCard(t.server, token, {
      basis: 'PER_UNIT_PER_DAY',
      storage_rate: '0.5',
      effective_from: '2026-01-01',
    });
    const invoice = await generateInvoice(
      t.server,
      token,
      receipt.client_id,
      '2026-03-01',
      '2026-03-31',
    );

    const pdf = await api.downloadInvoicePdf(invoice.id);
    expect(pdf.type).toBe('application/pdf');
    expect(await pdf.slice(0, 5).text()).toBe('%PDF-');
  });

  it('reads refusals as typed problem details', async () => {
    const invalid = await refusal(api.receiveGoods({ ...receipt, quantity: 0 }, randomUUID()));
    expect(invalid).toMatchObject({ status: 422, title: 'Unprocessable Entity' });
    expect(invalid.errors?.map((error) => error.field)).toEqual(['quantity']);

    const missing = await refusal(api.downloadInvoicePdf(randomUUID()));
    expect(missing).toMatchObject({ status: 404, title: 'Not Found' });
    expect(missing.detail).toMatch(/not found/i);

    const signedOut = await refusal(createColdStoreClient(baseUrl).listLots());
    expect(signedOut.status).toBe(401);
  });
});
