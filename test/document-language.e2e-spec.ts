import request from 'supertest';
import type { ClientOutDto } from 'src/clients/dto/client.dto';
import {
  approveInvoice,
  type BillingSite,
  type BillingUsers,
  createRateCard,
  generateInvoice,
  makeBillingSite,
  makeBillingUsers,
  receiveLot,
} from './helpers/billing-factories';
import { auditActions, login, seedRoles } from './helpers/factories';
import { binaryBody, pdfActualTexts, pdfText } from './helpers/pdf-text';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * A depositor whose name is written in Devanagari, whose documents an administrator has set to
 * Hindi: the invoice PDF prints the name in its script, reading back exactly, under Hindi labels.
 */
describe('documents in the depositor’s script and language', () => {
  let t: TestApp;
  let users: BillingUsers;
  let site: BillingSite;
  let client: Awaited<ReturnType<typeof makeClient>>;
  let clientToken: string;
  const hindiName = 'रामप्रसाद शर्मा एंड संस';
  const hindiAddress = 'मंडी समिति के पास, आगरा, उत्तर प्रदेश';

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string, body: object) =>
      request(t.server).patch(url).set('Authorization', `Bearer ${token}`).send(body),
  });
  const pdf = (token: string, url: string) =>
    as(token).get(url).buffer(true).parse(binaryBody).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    users = await makeBillingUsers(t.dataSource, t.server);
    site = await makeBillingSite(t.dataSource, t.server, users.admin, { timezone: 'Asia/Kolkata' });
    client = await makeClient(t.dataSource, 'Ramprasad Sharma and Sons');
    clientToken = await login(t.server, client.email);
    await createRateCard(t.server, users.billing, {
      basis: 'PER_UNIT_PER_DAY',
      storage_rate: '1.5',
      currency: 'INR',
      tax_rate_percent: '18',
      effective_from: '2026-01-01',
    });
  });
  afterAll(() => t.close());

  it('lets an administrator write the name in Devanagari and choose Hindi documents, audited', async () => {
    const res = await as(users.admin)
      .patch(`/api/admin/clients/${client.client.id}`, {
        company_name: hindiName,
        billing_address: hindiAddress,
        document_language: 'hi',
      })
      .expect(200);
    expect(res.body).toMatchObject({
      id: client.client.id,
      company_name: hindiName,
      billing_address: hindiAddress,
      document_language: 'hi',
    });

    const me = await as(clientToken).get('/api/client/me').expect(200);
    expect(me.body).toMatchObject({ company_name: hindiName, document_language: 'hi' });
    const found = await as(users.admin)
      .get(`/api/admin/clients?company_name=${encodeURIComponent('शर्मा')}`)
      .expect(200);
    expect((found.body as ClientOutDto[]).map((c) => c.id)).toEqual([client.client.id]);
    expect(found.headers['x-total-count']).toBe('1');
    expect(await auditActions(t.dataSource, client.client.id)).toContain('client.updated');
    const [event] = await t.dataSource.query<{ before: object; after: object }[]>(
      `SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'client.updated'`,
      [client.client.id],
    );
    expect(event.before).toEqual({
      company_name: 'Ramprasad Sharma and Sons',
      billing_address: null,
      document_language: 'en',
    });
    expect(event.after).toEqual({
      company_name: hindiName,
      billing_address: hindiAddress,
      document_language: 'hi',
    });
  });

  it('refuses a language it has no labels for, a blank name and a stranger, changing nothing', async () => {
    const url = `/api/admin/clients/${client.client.id}`;
    const bad = await as(users.admin).patch(url, { document_language: 'fr' }).expect(422);
    expect(JSON.stringify(bad.body)).toContain('document_language must be one of: en, hi, bn');
    await as(users.admin).patch(url, { company_name: '   ' }).expect(422);
    await as(users.admin).patch(url, { company_name: null }).expect(422);
    await as(users.admin).patch(url, { company_name: 'A\u0000B' }).expect(422);
    await as(users.billing).patch(url, { document_language: 'en' }).expect(403);
    await as(clientToken).patch(url, { document_language: 'en' }).expect(403);
    await as(users.admin)
      .patch('/api/admin/clients/00000000-0000-4000-8000-000000000000', {
        document_language: 'en',
      })
      .expect(404);

    const me = await as(clientToken).get('/api/client/me').expect(200);
    expect(me.body).toMatchObject({ company_name: hindiName, document_language: 'hi' });
  });

  it('prints the invoice in Hindi with the name exactly as entered; ?lang=en switches the labels', async () => {
    // 100 bags from 1 to 30 Nov 2026 at ₹1.50 a bag-day: 30 days × 100 × 1.5 = ₹4,500, GST 18%.
    await receiveLot(t.server, users.admin, site, client.client.id, {
      quantity: 100,
      receivedAt: '2026-10-31T20:00:00Z',
    });
    const draft = await generateInvoice(
      t.server,
      users.billing,
      client.client.id,
      '2026-11-01',
      '2026-11-30',
    );
    const invoice = await approveInvoice(t.server, users.approver, draft.id);
    expect(invoice.total).toBe('5310.00');

    const hindi = await pdf(clientToken, `/api/billing/invoices/${invoice.id}/pdf`);
    const spans = pdfActualTexts(hindi.body as Buffer);
    expect(spans).toEqual(expect.arrayContaining([hindiName, hindiAddress, 'कर बीजक', 'कुल INR']));
    const text = await pdfText(hindi.body as Buffer);
    expect(text).toContain(invoice.number);
    expect(text).toMatch(/कुल INR\s+5,310\.00/);
    expect(text).not.toContain('?');

    const english = await pdf(clientToken, `/api/billing/invoices/${invoice.id}/pdf?lang=en`);
    const englishText = await pdfText(english.body as Buffer);
    expect(englishText).toContain('Tax invoice');
    expect(englishText).toMatch(/Total INR\s+5310\.00/);
    expect(pdfActualTexts(english.body as Buffer)).toEqual(
      expect.arrayContaining([hindiName, hindiAddress]),
    );

    await as(clientToken).get(`/api/billing/invoices/${invoice.id}/pdf?lang=xx`).expect(422);
  });

  it('keeps the name an approved invoice was issued to when the client is renamed', async () => {
    const [invoice] = (await as(clientToken).get('/api/client/invoices').expect(200)).body as {
      id: string;
    }[];
    await as(users.admin)
      .patch(`/api/admin/clients/${client.client.id}`, { company_name: 'शर्मा कोल्ड' })
      .expect(200);

    const res = await pdf(clientToken, `/api/billing/invoices/${invoice.id}/pdf`);
    const spans = pdfActualTexts(res.body as Buffer);
    expect(spans).toContain(hindiName);
    expect(spans).not.toContain('शर्मा कोल्ड');
  });

  it('prints English documents for a client left at the default, a Bengali name in its script', async () => {
    const bengali = await makeClient(t.dataSource, 'শ্রী দুর্গা শীতল ভাণ্ডার');
    await receiveLot(t.server, users.admin, site, bengali.client.id, {
      quantity: 10,
      receivedAt: '2026-10-31T20:00:00Z',
    });
    const draft = await generateInvoice(
      t.server,
      users.billing,
      bengali.client.id,
      '2026-11-01',
      '2026-11-30',
    );

    const res = await pdf(users.billing, `/api/billing/invoices/${draft.id}/pdf`);
    const text = await pdfText(res.body as Buffer);
    expect(text).toContain('DRAFT');
    expect(text).toContain('Bill to');
    expect(pdfActualTexts(res.body as Buffer)).toContain('শ্রী দুর্গা শীতল ভাণ্ডার');

    const bn = await pdf(users.billing, `/api/billing/invoices/${draft.id}/pdf?lang=bn`);
    expect(pdfActualTexts(bn.body as Buffer)).toEqual(
      expect.arrayContaining(['খসড়া — কর চালান নয়', 'প্রাপক']),
    );
  });
});
