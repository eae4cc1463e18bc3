// eslint-disable-next-line no-restricted-imports -- test helpers live outside src/, beyond the alias
import {
  pdfActualTexts,
  pdfInfo,
  pdfPageCount,
  pdfPageTexts,
  pdfText,
} from '../../../test/helpers/pdf-text';
import { DocumentLanguage } from 'src/common/pdf/document-labels';
import { type InvoicePdfDocument, type InvoicePdfLine, renderInvoicePdf } from './invoice-pdf';

function makeLine(overrides: Partial<InvoicePdfLine> = {}): InvoicePdfLine {
  return {
    description: 'Storage, 100 BAG × 8 days, 2026-03-03 – 2026-03-10',
    lotNumber: 'PUNE-2026-000002',
    quantity: '100',
    unit: 'BAG',
    days: 8,
    rate: '0.5',
    rateUnit: 'per BAG-day',
    amount: '400.00',
    ...overrides,
  };
}

function makeInvoice(overrides: Partial<InvoicePdfDocument> = {}): InvoicePdfDocument {
  return {
    company: {
      name: 'Frostline Cold Storage Pvt Ltd',
      address: 'Plot 14, MIDC Chakan\nPune 410501, Maharashtra, India',
      taxId: '27AABCF1234K1Z5',
      email: 'billing@frostline.example',
    },
    client: {
      companyName: 'Sahyadri Farms Producer Co',
      billingAddress: 'Gat 314, Mohadi, Dindori\nNashik 422207',
      email: 'accounts@sahyadri.example',
    },
    number: 'INV-2026-000001',
    status: 'APPROVED',
    issuedOn: '2026-04-01',
    periodStart: '2026-03-01',
    periodEnd: '2026-03-31',
    currency: 'INR',
    lines: [
      makeLine(),
      makeLine({
        description: 'Storage, 1500.5 KG × 30 days, 2026-03-01 – 2026-03-31',
        lotNumber: 'PUNE-2026-000003',
        quantity: '1500.5',
        unit: 'KG',
        days: 30,
        rate: '0.2',
        rateUnit: 'per KG-month (30 days)',
        amount: '300.10',
      }),
      makeLine({
        description: 'Handling in',
        lotNumber: 'PUNE-2026-000004',
        days: null,
        rate: '1',
        rateUnit: 'per BAG',
        amount: '100.00',
      }),
    ],
    subtotal: '800.10',
    taxes: [
      { ratePercent: '18', base: '700.10', amount: '126.02' },
      { ratePercent: '5', base: '100.00', amount: '5.00' },
    ],
    tax: '131.02',
    total: '931.12',
    paidOn: null,
    paymentReference: null,
    voidReason: null,
    ...overrides,
  };
}

function manyLines(count: number): InvoicePdfLine[] {
  return Array.from({ length: count }, (_, index) =>
    makeLine({ lotNumber: `PUNE-2026-${String(index + 1).padStart(6, '0')}` }),
  );
}

describe('renderInvoicePdf', () => {
  it('renders an approved invoice whose text holds the parties, period, lines and totals', async () => {
    const invoice = makeInvoice();
    const pdf = await renderInvoicePdf(invoice);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Tax invoice');
    expect(text).toContain('INV-2026-000001');
    expect(text).toContain('Frostline Cold Storage Pvt Ltd');
    expect(text).toContain('Tax ID: 27AABCF1234K1Z5');
    expect(text).toContain('Sahyadri Farms Producer Co');
    expect(text).toContain('Nashik 422207');
    expect(text).toContain('2026-03-01 – 2026-03-31');
    expect(text).toContain('Issue date 2026-04-01');
    for (const line of invoice.lines) {
      expect(text).toContain(line.lotNumber);
      expect(text).toContain(line.amount);
    }
    expect(text).toContain('per KG-month');
    expect(text).toContain('1500.5 KG');
    expect(text).toMatch(/Subtotal\s+800\.10/);
    expect(text).toMatch(/Tax 18% on 700\.10\s+126\.02/);
    expect(text).toMatch(/Tax 5% on 100\.00\s+5\.00/);
    expect(text).toMatch(/Total INR\s+931\.12/);
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Page 1 of 1');
  });

  it('names the invoice and its issuer in the document metadata', async () => {
    const info = await pdfInfo(await renderInvoicePdf(makeInvoice()));

    expect(info.Title).toBe('INV-2026-000001');
    expect(info.Author).toBe('Frostline Cold Storage Pvt Ltd');
  });

  it('marks a draft as not a tax invoice and shows no number', async () => {
    const pdf = await renderInvoicePdf(
      makeInvoice({ status: 'DRAFT', number: null, issuedOn: null }),
    );

    const text = await pdfText(pdf);
    expect(text).toContain('DRAFT — not a tax invoice');
    // The diagonal mark is a text run of its own.
    expect(text).toMatch(/^DRAFT$/m);
    expect(text).not.toContain('INV-');
    expect(text).not.toContain('Issue date');
    expect((await pdfInfo(pdf)).Title).toBe('Draft invoice');
  });

  it('shows the payment date and reference on a paid invoice', async () => {
    const pdf = await renderInvoicePdf(
      makeInvoice({ status: 'PAID', paidOn: '2026-04-10', paymentReference: 'UTR 998877' }),
    );

    expect(await pdfText(pdf)).toContain('PAID on 2026-04-10, ref UTR 998877');
  });

  it('marks a void invoice and gives the reason', async () => {
    const pdf = await renderInvoicePdf(
      makeInvoice({ status: 'VOID', voidReason: 'Issued twice; replaced by INV-2026-000002' }),
    );

    const text = await pdfText(pdf);
    expect(text).toMatch(/^VOID$/m);
    expect(text).toContain('Reason: Issued twice; replaced by INV-2026-000002');
  });

  it('paginates 120 lines, repeating the table header and numbering the pages', async () => {
    const lines = manyLines(120);
    const pdf = await renderInvoicePdf(makeInvoice({ lines }));

    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const texts = await pdfPageTexts(pdf);
    expect(texts).toHaveLength(pages);
    texts.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages}`);
      if (page.includes('PUNE-2026-')) expect(page).toContain('Amount (INR)');
    });
    const text = texts.join('\n');
    for (const line of lines) expect(text).toContain(line.lotNumber);
    expect(text).toContain('PUNE-2026-000120');
    expect(texts[pages - 1]).toMatch(/Total INR\s+931\.12/);
  });

  it('wraps a long description and cuts one longer than a page instead of overflowing', async () => {
    const long = 'Blast freezing and repacking of mixed produce '.repeat(300);
    const pdf = await renderInvoicePdf(
      makeInvoice({ lines: [makeLine({ description: long }), ...manyLines(3)] }),
    );

    const texts = await pdfPageTexts(pdf);
    expect(texts.join('\n')).toContain('PUNE-2026-000003');
    expect(texts.join('\n')).toMatch(/Total INR\s+931\.12/);
    expect(texts.length).toBeLessThanOrEqual(2);
  });

  it('replaces characters the standard fonts cannot encode instead of failing', async () => {
    const name = 'Ōsaka Cold 冷蔵';
    const pdf = await renderInvoicePdf(
      makeInvoice({
        company: { ...makeInvoice().company, name },
        client: { companyName: 'Łódź Agro Sp. z o.o. 🥔', billingAddress: null, email: null },
        currency: 'JPY',
      }),
    );

    const text = await pdfText(pdf);
    expect(text).toContain('Osaka Cold ??');
    expect(text).toContain('Lódz Agro Sp. z o.o. ?');
    expect(text).toMatch(/Total JPY\s+931\.12/);
    // Metadata strings are Unicode: the name stays whole there.
    expect((await pdfInfo(pdf)).Author).toBe(name);
  });

  it('renders the same invoice to the same bytes', async () => {
    const invoice = makeInvoice();

    const [first, second] = await Promise.all([
      renderInvoicePdf(invoice),
      renderInvoicePdf(invoice),
    ]);

    expect(first.equals(second)).toBe(true);
  });

  it('shows where the client stands with each season under the totals', async () => {
    const account = { billed: '35600.00', paid: '10000.00', balance: '25600.00' };
    const pdf = await renderInvoicePdf(
      makeInvoice({ seasonAccounts: [{ seasonName: 'Potato season 2026', ...account }] }),
    );

    const text = await pdfText(pdf);
    expect(text).toContain('Season account: Potato season 2026');
    expect(text).toMatch(/Billed to date, with tax\s+35600\.00/);
    expect(text).toMatch(/Paid\s+10000\.00/);
    expect(text).toMatch(/Balance due\s+25600\.00/);

    const hindi = await renderInvoicePdf(
      makeInvoice({ seasonAccounts: [{ seasonName: 'आलू सीज़न 2026', ...account }] }),
      DocumentLanguage.Hindi,
    );
    expect(pdfActualTexts(hindi)).toEqual(
      expect.arrayContaining(['सीज़न खाता: आलू सीज़न 2026', 'शेष देय']),
    );
    expect(await pdfText(hindi)).toContain('25,600.00');
  });

  describe("in the depositor's script and language", () => {
    const hindiName = 'रामप्रसाद शर्मा एंड संस';
    const hindiAddress = 'मंडी समिति के पास, आगरा, उत्तर प्रदेश';
    const bengaliName = 'শ্রী দুর্গা শীতল ভাণ্ডার';

    it('prints a Hindi name in Devanagari that reads back exactly, with Hindi labels and lakh grouping', async () => {
      const pdf = await renderInvoicePdf(
        makeInvoice({
          client: { companyName: hindiName, billingAddress: hindiAddress, email: null },
          subtotal: '129000.00',
          taxes: [{ ratePercent: '0', exempt: true, base: '129000.00', amount: '0.00' }],
          tax: '0.00',
          total: '129000.00',
        }),
        DocumentLanguage.Hindi,
      );

      // Reading order, exactly as entered: what a reader copies or extracts.
      const spans = pdfActualTexts(pdf);
      expect(spans).toContain(hindiName);
      expect(spans).toContain(hindiAddress);
      expect(spans).toContain('कर बीजक');
      expect(spans).toContain('कुल INR');
      // The glyphs are Devanagari, in an embedded font: nothing printed as "?".
      const text = await pdfText(pdf);
      expect(text).toContain('संस');
      expect(text).toContain('कर बीजक');
      expect(text).not.toContain('?');
      expect(text).toMatch(/कुल INR\s+1,29,000\.00/);
      expect(pdf.toString('latin1')).toContain('NotoSansDevanagari');
      expect(pdf.toString('latin1')).not.toContain('NotoSansBengali');
    });

    it('prints a Bengali name in Bengali script under Bengali labels', async () => {
      const pdf = await renderInvoicePdf(
        makeInvoice({ client: { companyName: bengaliName, billingAddress: null, email: null } }),
        DocumentLanguage.Bengali,
      );

      const spans = pdfActualTexts(pdf);
      expect(spans).toContain(bengaliName);
      expect(spans).toContain('কর চালান');
      expect(spans).toContain('প্রাপক');
      expect(await pdfText(pdf)).not.toContain('?');
      expect(pdf.toString('latin1')).toContain('NotoSansBengali');
    });

    it('prints a Devanagari name on an English invoice, the labels staying English', async () => {
      const pdf = await renderInvoicePdf(
        makeInvoice({ client: { companyName: hindiName, billingAddress: null, email: null } }),
      );

      expect(pdfActualTexts(pdf)).toEqual([hindiName]);
      const text = await pdfText(pdf);
      expect(text).toContain('Tax invoice');
      expect(text).toContain('Bill to');
      expect(text).toMatch(/Total INR\s+931\.12/);
    });

    it('marks a Hindi draft with a Hindi word and numbers its pages in Hindi', async () => {
      const pdf = await renderInvoicePdf(
        makeInvoice({ status: 'DRAFT', number: null, issuedOn: null }),
        DocumentLanguage.Hindi,
      );

      const spans = pdfActualTexts(pdf);
      expect(spans).toEqual(expect.arrayContaining(['प्रारूप', 'प्रारूप — कर बीजक नहीं', 'पृष्ठ 1 / 1']));
    });

    it('keeps English invoices in the standard fonts, with nothing embedded', async () => {
      const pdf = await renderInvoicePdf(makeInvoice());

      expect(pdfActualTexts(pdf)).toEqual([]);
      expect(pdf.toString('latin1')).not.toMatch(/FontFile2|NotoSans/);
    });

    it('prints letters of a script it has no font for as "?", beside the ones it has', async () => {
      const pdf = await renderInvoicePdf(
        makeInvoice({
          client: { companyName: 'राम ট্রেডার্স 冷蔵', billingAddress: null, email: null },
        }),
      );

      // One "?" per code point of the Bengali word (letters and vowel signs) and of the kanji.
      const unprintable = '?'.repeat(Array.from('ট্রেডার্স').length);
      expect(pdfActualTexts(pdf)).toContain(`राम ${unprintable} ??`);
    });
  });
});
