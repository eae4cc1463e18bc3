import {
  documentLabels,
  DocumentLanguage,
  groupAmount,
  type DocumentLabels,
} from 'src/common/pdf/document-labels';
import { PDF_INK, PDF_MARGIN, PDF_MUTED } from 'src/common/pdf/pdf-style';
import {
  companyRows,
  contentBottom,
  continuationPage,
  createPdf,
  dayAsDate,
  drawFooters,
  drawRule,
  drawTable,
  drawTotals as drawFigures,
  headerColumns,
  MAX_BLOCK_HEIGHT,
  type PdfCompany,
  type Sheet,
  stack,
  type TableCell,
  type TableColumn,
  tableWidth,
} from './pdf-layout';

export interface InvoicePdfLine {
  description: string;
  lotNumber: string | null;
  /** Decimal string: "100" units or "1500.5" kg. */
  quantity: string;
  unit: string;
  /** Null for handling lines. */
  days: number | null;
  /** Decimal string, e.g. "0.5". */
  rate: string;
  /** e.g. "per BAG-day", "per KG-month (30 days)", "per BAG". */
  rateUnit: string;
  /** Formatted major units, e.g. "400.00". */
  amount: string;
}

export interface InvoicePdfDocument {
  company: PdfCompany;
  client: { companyName: string; billingAddress: string | null; email: string | null };
  /** Null while DRAFT. */
  number: string | null;
  status: 'DRAFT' | 'APPROVED' | 'PAID' | 'VOID';
  /** YYYY-MM-DD, the approval date. */
  issuedOn: string | null;
  periodStart: string;
  periodEnd: string;
  /** ISO 4217. */
  currency: string;
  lines: InvoicePdfLine[];
  subtotal: string;
  /** One entry per tax rate. */
  taxes: { ratePercent: string; exempt?: boolean; base: string; amount: string }[];
  /** Notes the tax treatment requires, printed under the totals. */
  taxNotes?: string[];
  tax: string;
  total: string;
  paidOn: string | null;
  paymentReference: string | null;
  voidReason: string | null;
  /** Where the client stands with each season the invoice bills rent for. */
  seasonAccounts?: { seasonName: string; billed: string; paid: string; balance: string }[];
}

const COLUMNS = {
  lot: { width: 86, align: 'left' },
  description: { width: 160, align: 'left' },
  quantity: { width: 70, align: 'right' },
  days: { width: 34, align: 'right' },
  rate: { width: 83, align: 'right' },
  amount: { width: 72, align: 'right', bold: true },
} satisfies Record<string, Omit<TableColumn, 'label'>>;

type ColumnKey = keyof typeof COLUMNS;
const COLUMN_KEYS = Object.keys(COLUMNS) as ColumnKey[];

/** The document's amounts as its language groups them (Indian grouping for Hindi and Bengali). */
function groupAmounts(doc: InvoicePdfDocument, language: DocumentLanguage): InvoicePdfDocument {
  const g = (amount: string) => groupAmount(amount, language);
  return {
    ...doc,
    lines: doc.lines.map((line) => ({ ...line, amount: g(line.amount) })),
    subtotal: g(doc.subtotal),
    taxes: doc.taxes.map((tax) => ({ ...tax, base: g(tax.base), amount: g(tax.amount) })),
    tax: g(doc.tax),
    total: g(doc.total),
    seasonAccounts: doc.seasonAccounts?.map((a) => ({
      ...a,
      billed: g(a.billed),
      paid: g(a.paid),
      balance: g(a.balance),
    })),
  };
}

/** What each drawing step needs: the PDF, its typesetter, the invoice and its labels. */
interface Page extends Sheet {
  doc: InvoicePdfDocument;
  l: DocumentLabels;
}

function title({ doc, l }: Page): string {
  return doc.status === 'DRAFT' ? l.draftNotTaxInvoice : l.taxInvoice;
}

function period(doc: InvoicePdfDocument): string {
  return `${doc.periodStart} – ${doc.periodEnd}`;
}

function columns({ doc, l }: Page): TableColumn[] {
  return COLUMN_KEYS.map((key) => ({
    ...COLUMNS[key],
    label: key === 'amount' ? `${l.columns[key]} (${doc.currency})` : l.columns[key],
  }));
}

function drawHeader(page: Page): number {
  const { pdf, doc, l } = page;
  const { left, top, contentWidth, leftWidth, rightX, rightWidth } = headerColumns(pdf);

  const companyBottom = stack(page, left, top, leftWidth, companyRows(doc.company, l));

  const statusLine =
    doc.status === 'PAID' ? l.paidOn(doc.paidOn ?? '—', doc.paymentReference) : null;
  const titleBottom = stack(
    page,
    rightX,
    top,
    rightWidth,
    [
      { text: title(page), bold: true, size: 15, gap: 6 },
      { text: statusLine, bold: true, size: 10, color: '#1e7a46', gap: 4 },
      { text: doc.number && `${l.invoiceNo} ${doc.number}`, bold: true, size: 10, gap: 2 },
      { text: doc.issuedOn && `${l.issueDate} ${doc.issuedOn}` },
      { text: `${l.billingPeriod} ${period(doc)}` },
    ],
    'right',
  );

  let y = Math.max(companyBottom, titleBottom) + 14;
  if (doc.status === 'VOID') y = drawVoidBanner(page, y, contentWidth);

  drawRule(pdf, y);
  y += 10;
  const billBottom = stack(page, left, y, leftWidth, [
    { text: l.billTo, bold: true, size: 8, color: PDF_MUTED, gap: 2 },
    { text: doc.client.companyName, bold: true, size: 11, gap: 2 },
    { text: doc.client.billingAddress, color: PDF_MUTED },
    { text: doc.client.email, color: PDF_MUTED },
  ]);
  const currencyBottom = stack(
    page,
    rightX,
    y,
    rightWidth,
    [{ text: l.amountsIn(doc.currency), color: PDF_MUTED }],
    'right',
  );
  return Math.max(billBottom, currencyBottom) + 16;
}

function drawVoidBanner({ pdf, t, doc, l }: Page, y: number, width: number): number {
  const text = l.voidBanner(doc.voidReason);
  pdf.fontSize(10);
  const options = { width: width - 16, height: MAX_BLOCK_HEIGHT, ellipsis: true };
  const height = Math.min(t.heightOf(text, options, true), MAX_BLOCK_HEIGHT) + 12;
  pdf.rect(PDF_MARGIN.left, y, width, height).lineWidth(1).strokeColor('#b42318').stroke();
  pdf.fillColor('#b42318');
  t.text(text, PDF_MARGIN.left + 8, y + 6, options, true);
  return y + height + 12;
}

function cells(line: InvoicePdfLine): TableCell[] {
  return [
    { text: line.lotNumber ?? '' },
    { text: line.description },
    { text: `${line.quantity} ${line.unit}` },
    { text: line.days === null ? '' : String(line.days) },
    { text: line.rate, sub: line.rateUnit },
    { text: line.amount },
  ];
}

/** Later pages open with a line naming the invoice, so a loose page is still identifiable. */
function continuation(page: Page): () => number {
  const { doc, l } = page;
  const label = `${title(page)}${doc.number ? ` ${doc.number}` : ''} ${l.continued}`;
  return () => continuationPage(page, label, tableWidth(columns(page)));
}

function drawTotals(page: Page, start: number): void {
  const { doc, l } = page;
  const rows: [string, string][] = [[l.subtotal, doc.subtotal]];
  for (const tax of doc.taxes)
    rows.push([l.taxLine(tax.ratePercent, tax.exempt === true, tax.base), tax.amount]);
  if (doc.taxes.length !== 1) rows.push([doc.taxes.length === 0 ? l.tax : l.totalTax, doc.tax]);
  const right = PDF_MARGIN.left + tableWidth(columns(page));
  const total: [string, string] = [l.total(doc.currency), doc.total];
  drawFigures(page, { rows, total, right, continuation: continuation(page) }, start);
}

/** Per season billed: billed to date with tax, paid, and the balance, under the totals. */
function drawSeasonAccounts(page: Page): void {
  const { pdf, doc, l } = page;
  const right = PDF_MARGIN.left + tableWidth(columns(page));
  for (const account of doc.seasonAccounts ?? []) {
    const rows: [string, string][] = [
      [l.seasonAccount(account.seasonName), ''],
      [l.billedToDate, account.billed],
      [l.paid, account.paid],
    ];
    const total: [string, string] = [l.balance, account.balance];
    drawFigures(page, { rows, total, right, continuation: continuation(page) }, pdf.y + 6);
  }
}

/** The notes the tax treatment requires (a GST exemption), in small print under the totals. */
function drawTaxNotes(page: Page): void {
  const { pdf, t, doc } = page;
  const notes = doc.taxNotes ?? [];
  if (notes.length === 0) return;
  let y = pdf.y + 18;
  if (y + notes.length * 24 > contentBottom(pdf)) y = continuation(page)();
  const width = tableWidth(columns(page));
  pdf.fontSize(8).fillColor(PDF_INK);
  for (const note of notes) {
    t.text(note, PDF_MARGIN.left, y, { width });
    y = pdf.y + 4;
  }
}

/** A large diagonal word behind the content, so a draft or void copy cannot pass for a live one. */
function drawMark({ pdf, t }: Page, word: string, color: string): void {
  const size = 110;
  pdf.save();
  pdf.fontSize(size).fillColor(color).fillOpacity(0.12);
  const width = t.widthOf(word, true);
  const cx = pdf.page.width / 2;
  const cy = pdf.page.height / 2;
  pdf.rotate(-40, { origin: [cx, cy] });
  t.text(word, cx - width / 2, cy - size / 2, { lineBreak: false }, true);
  pdf.restore();
}

/**
 * The invoice as a PDF, labelled in the client's language (English unless given). Names and
 * free text in Devanagari or Bengali print in an embedded Noto Sans font; the rest in Helvetica.
 */
export async function renderInvoicePdf(
  input: InvoicePdfDocument,
  language: DocumentLanguage = DocumentLanguage.English,
): Promise<Buffer> {
  const doc = groupAmounts(input, language);
  const l = documentLabels(language);
  const { sheet, finished } = createPdf(language, {
    Title: input.number ?? l.draftInvoice,
    Author: input.company.name,
    Subject: `Invoice for ${input.client.companyName}, ${period(input)}`,
    CreationDate: dayAsDate(input.issuedOn ?? input.periodEnd),
  });
  const { pdf } = sheet;
  const page: Page = { ...sheet, doc, l };

  // Drawn first on every page, so the mark lies under the content rather than over it.
  const mark = doc.status === 'DRAFT' || doc.status === 'VOID' ? doc.status : null;
  if (mark) {
    pdf.on('pageAdded', () => {
      const word = mark === 'VOID' ? l.voidMark : l.draftMark;
      drawMark(page, word, mark === 'VOID' ? '#b42318' : PDF_MUTED);
    });
  }
  pdf.addPage();

  const tableTop = drawHeader(page);
  const tableBottom = drawTable(
    page,
    {
      columns: columns(page),
      rows: doc.lines.map(cells),
      empty: l.noCharges,
      continuation: continuation(page),
    },
    tableTop,
  );
  drawTotals(page, tableBottom);
  drawSeasonAccounts(page);
  drawTaxNotes(page);
  drawFooters(page, `${doc.company.name} · ${doc.number ?? l.draftInvoice}`, l);
  pdf.end();
  return finished;
}
