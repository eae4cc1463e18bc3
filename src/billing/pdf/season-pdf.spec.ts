// eslint-disable-next-line no-restricted-imports -- test helpers live outside src/, beyond the alias
import {
  pdfActualTexts,
  pdfPageCount,
  pdfPageTexts,
  pdfText,
} from '../../../test/helpers/pdf-text';
import { DocumentLanguage } from 'src/common/pdf/document-labels';
import {
  renderSeasonReceiptPdf,
  renderSeasonStatementPdf,
  type SeasonReceiptPdfDocument,
  type SeasonStatementPdfDocument,
} from './season-pdf';

const company = {
  name: 'Frostline Cold Storage Pvt Ltd',
  address: 'Plot 14, MIDC Chakan\nPune 410501',
  taxId: '27AABCF1234K1Z5',
  email: 'billing@frostline.example',
};
const season = { name: 'Potato season 2026', startDate: '2026-02-01', endDate: '2026-10-31' };
const HINDI_NAME = 'रामप्रसाद शर्मा एंड संस';

function receipt(overrides: Partial<SeasonReceiptPdfDocument> = {}): SeasonReceiptPdfDocument {
  return {
    company,
    client: { companyName: HINDI_NAME, billingAddress: 'Agra 282001' },
    season,
    receiptNumber: 'RCPT-2026-000042',
    paidOn: '2026-11-02',
    currency: 'INR',
    amount: '129000.00',
    reference: 'UPI 6123 4455 0021',
    bagsReleased: [{ lotNumber: 'AGRA-2026-000007', bags: 40 }],
    ...overrides,
  };
}

function statement(lots = 2): SeasonStatementPdfDocument {
  return {
    company,
    client: { companyName: 'Sahyadri Farms Producer Co', billingAddress: null },
    season,
    currency: 'INR',
    asOf: '2026-11-30',
    lots: Array.from({ length: lots }, (_, i) => ({
      lotNumber: `AGRA-2026-${String(i + 1).padStart(6, '0')}`,
      rent: '14000.00',
      extension: '0.00',
      bookingCredit: '-5000.00',
      charged: '9000.00',
      bagsReleased: 50,
    })),
    subtotal: '17000.00',
    tax: '0.00',
    total: '17000.00',
    paid: '11000.00',
    balance: '6000.00',
    payments: [
      {
        receiptNumber: 'RCPT-2026-000042',
        paidOn: '2026-11-02',
        reference: 'UPI',
        amount: '11000.00',
      },
    ],
  };
}

describe('season PDFs', () => {
  it('prints a Hindi receipt with the exact Devanagari name, its number and the amount grouped Indian style', async () => {
    const pdf = await renderSeasonReceiptPdf(receipt(), DocumentLanguage.Hindi);
    const actual = pdfActualTexts(pdf);
    expect(actual).toContain(HINDI_NAME);
    expect(actual).toContain('भुगतान रसीद');
    const text = await pdfText(pdf);
    expect(text).toContain('RCPT-2026-000042');
    expect(text).toContain('1,29,000.00');
    expect(text).toContain('AGRA-2026-000007');
  });

  it('keeps an English receipt in the standard fonts and says when no bags were released', async () => {
    const pdf = await renderSeasonReceiptPdf(
      receipt({
        client: { companyName: 'Sahyadri Farms', billingAddress: null },
        bagsReleased: [],
      }),
    );
    expect(pdf.toString('latin1')).not.toMatch(/FontFile2|NotoSans/);
    const text = await pdfText(pdf);
    expect(text).toContain('Payment receipt');
    expect(text).toContain('129000.00 INR');
    expect(text).toContain('No bags released by this payment.');
  });

  it('renders the same bytes for the same input', async () => {
    const a = await renderSeasonReceiptPdf(receipt(), DocumentLanguage.Hindi);
    const b = await renderSeasonReceiptPdf(receipt(), DocumentLanguage.Hindi);
    expect(a.equals(b)).toBe(true);
    const c = await renderSeasonStatementPdf(statement(), DocumentLanguage.Bengali);
    const d = await renderSeasonStatementPdf(statement(), DocumentLanguage.Bengali);
    expect(c.equals(d)).toBe(true);
  });

  it('labels a statement in Bengali', async () => {
    const pdf = await renderSeasonStatementPdf(statement(), DocumentLanguage.Bengali);
    const actual = pdfActualTexts(pdf);
    expect(actual).toContain('মরসুমের বিবরণী');
    expect(actual).toContain('বকেয়া');
    expect(await pdfText(pdf)).toContain('17,000.00');
  });

  it('continues a long statement on new pages with the header repeated', async () => {
    const pdf = await renderSeasonStatementPdf(statement(120));
    expect(await pdfPageCount(pdf)).toBeGreaterThan(2);
    const pages = await pdfPageTexts(pdf);
    expect(pages[1]).toContain('Season statement Potato season 2026 (continued)');
    expect(pages[1]).toContain('Season rent');
    const text = pages.join('\n');
    expect(text).toContain('AGRA-2026-000120');
    expect(text).toContain('Balance due');
    expect(text).toContain('RCPT-2026-000042');
    expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
  });
});
