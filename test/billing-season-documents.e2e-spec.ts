import request from 'supertest';
import type { SeasonPaymentOutDto } from 'src/billing/seasons/dto/season-payment.dto';
import type { SeasonOutDto } from 'src/billing/seasons/dto/season.dto';
import {
  approveInvoice,
  type BillingSite,
  type BillingUsers,
  createRateCard,
  generateInvoice,
  type LotBody,
  makeBillingSite,
  makeBillingUsers,
} from './helpers/billing-factories';
import { login, seedRoles } from './helpers/factories';
import { binaryBody, pdfActualTexts, pdfText } from './helpers/pdf-text';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const NAME = 'रामप्रसाद शर्मा एंड संस';

/** Season receipts and statements as PDFs, in the client's script and language. */
describe('billing: season documents', () => {
  let t: TestApp;
  let users: BillingUsers;
  let site: BillingSite;

  const get = (token: string, url: string) =>
    request(t.server).get(url).set('Authorization', `Bearer ${token}`);
  const pdf = async (token: string, url: string) =>
    (await get(token, url).buffer(true).parse(binaryBody).expect(200)) as request.Response & {
      body: Buffer;
    };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    users = await makeBillingUsers(t.dataSource, t.server);
    site = await makeBillingSite(t.dataSource, t.server, users.admin);
  });
  afterAll(() => t.close());

  it('prints receipts and statements in Hindi with the Devanagari name, English on request, and nothing outside scope', async () => {
    const season = (
      await request(t.server)
        .post('/api/billing/seasons')
        .set('Authorization', `Bearer ${users.billing}`)
        .send({
          warehouse_id: site.warehouseId,
          name: 'Potato season 2026',
          start_date: '2026-02-01',
          end_date: '2026-10-31',
          vacate_by: '2026-11-30',
          extension_rate: '10',
          extension_basis: 'PER_UNIT',
          currency: 'INR',
        })
        .expect(201)
    ).body as SeasonOutDto;
    const owner = await makeClient(t.dataSource);
    const clientId = owner.client.id;
    await request(t.server)
      .patch(`/api/admin/clients/${clientId}`)
      .set('Authorization', `Bearer ${users.admin}`)
      .send({ company_name: NAME, document_language: 'hi' })
      .expect(200);
    await createRateCard(t.server, users.billing, {
      client_id: clientId,
      basis: 'PER_UNIT_PER_SEASON',
      storage_rate: '1400',
      effective_from: '2026-01-01',
    });
    const lot = (
      await request(t.server)
        .post('/api/inventory/inward')
        .set('Authorization', `Bearer ${users.admin}`)
        .send({
          client_id: clientId,
          commodity_id: site.commodityId,
          chamber_id: site.chamberId,
          quantity: 100,
          received_at: '2026-03-02T06:00:00Z',
        })
        .expect(201)
    ).body as LotBody;
    const march = await generateInvoice(
      t.server,
      users.billing,
      clientId,
      '2026-03-01',
      '2026-03-31',
    );
    await approveInvoice(t.server, users.approver, march.id);
    const payment = (
      await request(t.server)
        .post('/api/billing/season-payments')
        .set('Authorization', `Bearer ${users.approver}`)
        .send({
          season_id: season.id,
          client_id: clientId,
          amount: '129000.00',
          paid_at: '2026-11-02T10:00:00Z',
          reference: 'UPI 6123 4455 0021',
          bags_released: [{ lot_id: lot.id, bags: 40 }],
        })
        .expect(201)
    ).body as SeasonPaymentOutDto;

    const clientToken = await login(t.server, owner.email);
    const url = `/api/billing/season-payments/${payment.id}/pdf`;
    const hindi = await pdf(clientToken, url);
    expect(hindi.headers['content-type']).toMatch(/application\/pdf/);
    expect(hindi.headers['content-disposition']).toBe(
      `attachment; filename="${payment.receipt_number}.pdf"`,
    );
    expect(pdfActualTexts(hindi.body)).toEqual(expect.arrayContaining([NAME, 'भुगतान रसीद']));
    const hindiText = await pdfText(hindi.body);
    expect(hindiText).toContain('1,29,000.00');
    expect(hindiText).toContain(payment.receipt_number);
    expect(hindiText).toContain(lot.lot_number);

    const english = await pdf(clientToken, `${url}?lang=en`);
    expect(pdfActualTexts(english.body)).toContain(NAME);
    const englishText = await pdfText(english.body);
    expect(englishText).toContain('Payment receipt');
    expect(englishText).toContain('129000.00 INR');
    expect(pdfActualTexts(english.body)).not.toContain('भुगतान रसीद');

    const other = await makeClient(t.dataSource);
    const otherToken = await login(t.server, other.email);
    await get(otherToken, url).expect(404);
    await get(clientToken, `${url}?lang=xx`).expect(422);

    const staff = await pdf(
      users.billing,
      `/api/billing/seasons/${season.id}/statement?format=pdf&client_id=${clientId}&lang=en`,
    );
    expect(staff.headers['content-disposition']).toBe(
      `attachment; filename="season-statement-${season.id}-${clientId}.pdf"`,
    );
    const staffText = await pdfText(staff.body);
    expect(staffText).toContain('Season statement');
    expect(staffText).toContain(lot.lot_number);
    expect(staffText).toContain(payment.receipt_number);
    expect(pdfActualTexts(staff.body)).toContain(NAME);

    const own = await pdf(clientToken, `/api/client/seasons/${season.id}/statement?format=pdf`);
    expect(pdfActualTexts(own.body)).toEqual(expect.arrayContaining([NAME, 'सीज़न विवरण']));
    await get(clientToken, `/api/client/seasons/${season.id}/statement?format=pdf&lang=xx`).expect(
      422,
    );
    await get(
      users.billing,
      `/api/billing/seasons/${season.id}/statement?format=pdf&client_id=${clientId}&lang=xx`,
    ).expect(422);
    await get(otherToken, `/api/client/seasons/${season.id}/statement?format=pdf`).expect(404);
  });
});
