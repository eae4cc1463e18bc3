import request from 'supertest';
import type { CommodityOutDto } from 'src/inventory/catalogue/dto/commodity.dto';
import { AGRICULTURAL_EXEMPTION_NOTE } from 'src/inventory/catalogue/commodity-tax';
import {
  approveInvoice,
  createRateCard,
  dispatchFromLot,
  makeBillingClient,
  receiveLot,
  requestApproval,
  type BillingSite,
  type InvoiceBody,
} from './helpers/billing-factories';
import { useBillingCharges } from './helpers/billing-charges';
import { binaryBody, pdfText } from './helpers/pdf-text';

describe('tax per commodity: exempt agricultural produce and taxable goods on one invoice', () => {
  const { t, users, site, march, hundredBagsInMarch } = useBillingCharges();

  /** 100 bags from 3 to 12 March = 1000 bag-days: 500.00 at 0.50. */
  const tenDaysOfHundredBags = async (where: BillingSite, clientId: string) => {
    const lot = await receiveLot(t.server, users.admin, where, clientId, {
      quantity: 100,
      receivedAt: '2026-03-03T09:00:00Z',
    });
    await dispatchFromLot(t.server, users.admin, lot, {
      quantity: 100,
      dispatchedAt: '2026-03-12T11:00:00Z',
    });
    return lot;
  };

  /** A client of its own, priced at 0.50 a bag-day by a card taxing `taxRatePercent`. */
  const clientWithCard = async (taxRatePercent: string) => {
    const clientId = await makeBillingClient(t.dataSource);
    await createRateCard(t.server, users.billing, {
      client_id: clientId,
      basis: 'PER_UNIT_PER_DAY',
      storage_rate: '0.5',
      tax_rate_percent: taxRatePercent,
      effective_from: '2026-01-01',
    });
    return clientId;
  };

  const postCommodity = (body: object) =>
    request(t.server)
      .post('/api/commodities')
      .set('Authorization', `Bearer ${users.admin}`)
      .send({ unit: 'BAG', min_temp_c: '-30', max_temp_c: '-10', ...body });

  const commodityCount = async () =>
    Number(
      (await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM commodities'))[0].n,
    );

  it('stores a commodity as TAXABLE at the card rate unless told, and refuses rates that cannot be', async () => {
    const plain = (await postCommodity({ code: 'ONION', name: 'Onion' }).expect(201))
      .body as CommodityOutDto;
    expect(plain).toMatchObject({ tax_category: 'TAXABLE', tax_rate_percent: null });

    const before = await commodityCount();
    for (const body of [
      { tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE', tax_rate_percent: '5' },
      { tax_category: 'TAXABLE', tax_rate_percent: '100.5' },
      { tax_category: 'TAXABLE', tax_rate_percent: 18 },
      { tax_category: 'ZERO' },
    ]) {
      const res = await postCommodity({ code: 'GARLIC', name: 'Garlic', ...body }).expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toMatch(/^tax_/);
    }
    expect(await commodityCount()).toBe(before);

    // Changing to exempt while a rate is set is refused; clearing the rate with it is not.
    const peas = (
      await postCommodity({ code: 'PEAS-X', name: 'Peas', tax_rate_percent: '12' }).expect(201)
    ).body as CommodityOutDto;
    const patch = (body: object) =>
      request(t.server)
        .patch(`/api/commodities/${peas.id}`)
        .set('Authorization', `Bearer ${users.admin}`)
        .send(body);
    await patch({ tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE' }).expect(422);
    const exempt = (
      await patch({ tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE', tax_rate_percent: null }).expect(
        200,
      )
    ).body as CommodityOutDto;
    expect(exempt).toMatchObject({
      tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE',
      tax_rate_percent: null,
    });
  });

  it('taxes potato storage at 0 with the exemption note and frozen peas at 18%, to the PDF', async () => {
    const potato = (
      await postCommodity({
        code: 'POTATO',
        name: 'Potato',
        tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE',
      }).expect(201)
    ).body as CommodityOutDto;
    const peas = (
      await postCommodity({
        code: 'PEAS-FROZEN',
        name: 'Frozen peas',
        tax_category: 'TAXABLE',
        tax_rate_percent: '18',
      }).expect(201)
    ).body as CommodityOutDto;
    expect(peas).toMatchObject({ tax_category: 'TAXABLE', tax_rate_percent: '18' });
    // The card says 5%: the exempt lot pays none, the peas their commodity's 18%.
    const clientId = await clientWithCard('5');
    const at = (commodityId: string): BillingSite => ({ ...site, commodityId });

    // Potato: 100 bags in on 3 March, 40 out on the 10th, 60 on the 20th:
    // 100 × 8 + 60 × 10 = 1400 bag-days × 0.50 = 700.00.
    const potatoLot = await hundredBagsInMarch(clientId, at(potato.id));
    // Peas: 100 bags from 3 to 12 March = 1000 bag-days × 0.50 = 500.00.
    const peasLot = await tenDaysOfHundredBags(at(peas.id), clientId);

    const invoice = await march(clientId);
    expect(
      invoice.lines.map((l) => [l.lot_number, l.amount_minor, l.tax_rate_percent, l.tax_exempt]),
    ).toEqual([
      [potatoLot.lot_number, 40_000, '0', true],
      [potatoLot.lot_number, 30_000, '0', true],
      [peasLot.lot_number, 50_000, '18', false],
    ]);
    // 500.00 × 18% = 90.00; 700.00 + 500.00 + 90.00 = 1,290.00
    expect(invoice).toMatchObject({
      subtotal_minor: 120_000,
      tax_minor: 9_000,
      total_minor: 129_000,
      total: '1290.00',
      tax_notes: [AGRICULTURAL_EXEMPTION_NOTE],
    });
    expect(invoice.taxes).toEqual([
      { rate_percent: '0', exempt: true, label: 'Exempt', base_minor: 70_000, tax_minor: 0 },
      { rate_percent: '18', exempt: false, label: 'GST 18%', base_minor: 50_000, tax_minor: 9_000 },
    ]);

    const approved = await approveInvoice(t.server, users.approver, invoice.id);
    expect(approved.tax_notes).toEqual([AGRICULTURAL_EXEMPTION_NOTE]);
    // Frozen with the figures once approved.
    await expect(
      t.dataSource.query(`UPDATE invoices SET tax_notes = '[]' WHERE id = $1`, [invoice.id]),
    ).rejects.toThrow(/frozen/);

    const pdf = await request(t.server)
      .get(`/api/billing/invoices/${invoice.id}/pdf`)
      .set('Authorization', `Bearer ${users.billing}`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = (await pdfText(pdf.body as Buffer)).replace(/\s+/g, ' ');
    expect(text).toContain(AGRICULTURAL_EXEMPTION_NOTE);
    expect(text).toContain('Tax 0% (exempt) on 700.00');
    expect(text).toContain('1290.00');
  }, 90_000);

  it('has no note, and the card rate, when nothing is exempt', async () => {
    const clientId = await clientWithCard('12');
    await tenDaysOfHundredBags(site, clientId);
    const invoice = await march(clientId);
    expect(invoice.lines.map((l) => [l.tax_rate_percent, l.tax_exempt])).toEqual([['12', false]]);
    expect(invoice).toMatchObject({ tax_minor: 6_000, tax_notes: [] });

    // The commodity turns out to be exempt: the draft no longer holds, a recompute applies it.
    await request(t.server)
      .patch(`/api/commodities/${site.commodityId}`)
      .set('Authorization', `Bearer ${users.admin}`)
      .send({ tax_category: 'EXEMPT_AGRICULTURAL_PRODUCE' })
      .expect(200);
    const refused = await requestApproval(t.server, users.approver, invoice.id).expect(409);
    expect((refused.body as { detail: string }).detail).toMatch(/changed since this draft/);
    const recomputed = (
      await request(t.server)
        .post(`/api/billing/invoices/${invoice.id}/recompute`)
        .set('Authorization', `Bearer ${users.billing}`)
        .expect(200)
    ).body as InvoiceBody;
    expect(recomputed).toMatchObject({
      tax_minor: 0,
      total_minor: 50_000,
      tax_notes: [AGRICULTURAL_EXEMPTION_NOTE],
    });
  }, 60_000);
});
