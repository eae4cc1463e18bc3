import PDFDocument from 'pdfkit';
import {
  documentLabels,
  DocumentLanguage,
  groupAmount,
  type DocumentLabels,
} from 'src/common/pdf/document-labels';
import { PDF_INK, PDF_MARGIN, PDF_MUTED, PDF_RULE } from 'src/common/pdf/pdf-style';
import { pdfBuffer } from 'src/common/pdf/pdf-buffer';
import { ScriptTypesetter } from 'src/common/pdf/script-fonts';

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
  company: { name: string; address: string | null; taxId: string | null; email: string | null };
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
}

type Pdf = PDFKit.PDFDocument;

const PAD_X = 4;
const PAD_Y = 4;
const TABLE_SIZE = 8.5;
// A single row never grows past this; longer descriptions end in an ellipsis instead.
const MAX_ROW_HEIGHT = 320;

interface Column {
  width: number;
  align: 'left' | 'right';
}

const COLUMNS = {
  lot: { width: 86, align: 'left' },
  description: { width: 160, align: 'left' },
  quantity: { width: 70, align: 'right' },
  days: { width: 34, align: 'right' },
  rate: { width: 83, align: 'right' },
  amount: { width: 72, align: 'right' },
} satisfies Record<string, Column>;

type ColumnKey = keyof typeof COLUMNS;
const COLUMN_KEYS = Object.keys(COLUMNS) as ColumnKey[];
const TABLE_WIDTH = COLUMN_KEYS.reduce((sum, key) => sum + COLUMNS[key].width, 0);

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
  };
}

/** What each drawing step needs: the PDF, its typesetter, the invoice and its labels. */
interface Page {
  pdf: Pdf;
  t: ScriptTypesetter;
  doc: InvoicePdfDocument;
  l: DocumentLabels;
}

function title({ doc, l }: Page): string {
  return doc.status === 'DRAFT' ? l.draftNotTaxInvoice : l.taxInvoice;
}

function period(doc: InvoicePdfDocument): string {
  return `${doc.periodStart} – ${doc.periodEnd}`;
}

interface StackRow {
  text: string | null;
  bold?: boolean;
  size?: number;
  color?: string;
  gap?: number;
}

// Addresses and names are free text: capped so the header always leaves room for the table.
const MAX_BLOCK_HEIGHT = 90;

/** Writes lines top-down from y in one column; returns the y below the last one. */
function stack(
  { pdf, t }: Page,
  x: number,
  y: number,
  width: number,
  rows: StackRow[],
  align: 'left' | 'right' = 'left',
): number {
  let cursor = y;
  for (const row of rows) {
    if (row.text === null || row.text === '') continue;
    pdf.fontSize(row.size ?? 9).fillColor(row.color ?? PDF_INK);
    t.text(
      row.text,
      x,
      cursor,
      { width, align, height: MAX_BLOCK_HEIGHT, ellipsis: true },
      row.bold,
    );
    cursor = pdf.y + (row.gap ?? 1);
  }
  return cursor;
}

function drawHeader(page: Page): number {
  const { pdf, doc, l } = page;
  const left = PDF_MARGIN.left;
  const contentWidth = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const leftWidth = contentWidth * 0.5;
  const rightX = left + contentWidth * 0.52;
  const rightWidth = contentWidth * 0.48;
  const top = PDF_MARGIN.top;

  const companyBottom = stack(page, left, top, leftWidth, [
    { text: doc.company.name, bold: true, size: 15, gap: 4 },
    { text: doc.company.address, color: PDF_MUTED },
    { text: doc.company.taxId && `${l.taxId}: ${doc.company.taxId}`, color: PDF_MUTED },
    { text: doc.company.email, color: PDF_MUTED },
  ]);

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

  pdf
    .moveTo(left, y)
    .lineTo(left + contentWidth, y)
    .lineWidth(0.5)
    .strokeColor(PDF_RULE)
    .stroke();
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

function cellText(line: InvoicePdfLine, key: ColumnKey): string {
  switch (key) {
    case 'lot':
      return line.lotNumber ?? '';
    case 'description':
      return line.description;
    case 'quantity':
      return `${line.quantity} ${line.unit}`;
    case 'days':
      return line.days === null ? '' : String(line.days);
    case 'rate':
      return line.rate;
    case 'amount':
      return line.amount;
  }
}

const RATE_UNIT_SIZE = 7.5;

function rowHeight({ pdf, t }: Page, line: InvoicePdfLine): number {
  pdf.fontSize(TABLE_SIZE);
  let height = 0;
  for (const key of COLUMN_KEYS) {
    const width = COLUMNS[key].width - 2 * PAD_X;
    let cell = t.heightOf(cellText(line, key) || ' ', { width });
    if (key === 'rate') {
      pdf.fontSize(RATE_UNIT_SIZE);
      cell += t.heightOf(line.rateUnit || ' ', { width });
      pdf.fontSize(TABLE_SIZE);
    }
    height = Math.max(height, cell);
  }
  return Math.min(height, MAX_ROW_HEIGHT) + 2 * PAD_Y;
}

function drawTableHeader({ pdf, t, doc, l }: Page, y: number): number {
  const height = TABLE_SIZE + 2 * PAD_Y + 4;
  pdf.rect(PDF_MARGIN.left, y, TABLE_WIDTH, height).fillColor('#eef2f5').fill();
  pdf.fontSize(TABLE_SIZE).fillColor(PDF_INK);
  let x = PDF_MARGIN.left;
  for (const key of COLUMN_KEYS) {
    const column = COLUMNS[key];
    const label = key === 'amount' ? `${l.columns[key]} (${doc.currency})` : l.columns[key];
    const options = { width: column.width - 2 * PAD_X, align: column.align, lineBreak: false };
    t.text(label, x + PAD_X, y + PAD_Y + 2, options, true);
    x += column.width;
  }
  return y + height;
}

function drawRow({ pdf, t }: Page, line: InvoicePdfLine, y: number, height: number): void {
  let x = PDF_MARGIN.left;
  for (const key of COLUMN_KEYS) {
    const column = COLUMNS[key];
    const options = {
      width: column.width - 2 * PAD_X,
      height: height - 2 * PAD_Y,
      align: column.align,
      ellipsis: true,
    };
    pdf.fontSize(TABLE_SIZE).fillColor(PDF_INK);
    t.text(cellText(line, key), x + PAD_X, y + PAD_Y, options, key === 'amount');
    if (key === 'rate' && line.rateUnit) {
      pdf.fontSize(RATE_UNIT_SIZE).fillColor(PDF_MUTED);
      t.text(line.rateUnit, x + PAD_X, pdf.y, { ...options, height: undefined });
    }
    x += column.width;
  }
  pdf
    .moveTo(PDF_MARGIN.left, y + height)
    .lineTo(PDF_MARGIN.left + TABLE_WIDTH, y + height)
    .lineWidth(0.4)
    .strokeColor(PDF_RULE)
    .stroke();
}

function contentBottom(pdf: Pdf): number {
  return pdf.page.height - PDF_MARGIN.bottom;
}

/** Later pages open with a line naming the invoice, so a loose page is still identifiable. */
function continuationPage(page: Page): number {
  const { pdf, t, doc, l } = page;
  pdf.addPage();
  const label = `${title(page)}${doc.number ? ` ${doc.number}` : ''} ${l.continued}`;
  pdf.fontSize(8).fillColor(PDF_MUTED);
  t.text(label, PDF_MARGIN.left, PDF_MARGIN.top, { width: TABLE_WIDTH, lineBreak: false });
  return PDF_MARGIN.top + 16;
}

function drawLines(page: Page, start: number): number {
  const { pdf, t, doc, l } = page;
  let y = drawTableHeader(page, start);
  if (doc.lines.length === 0) {
    pdf.fontSize(TABLE_SIZE).fillColor(PDF_MUTED);
    t.text(l.noCharges, PDF_MARGIN.left + PAD_X, y + PAD_Y, {});
    return pdf.y + PAD_Y;
  }
  for (const line of doc.lines) {
    const height = rowHeight(page, line);
    if (y + height > contentBottom(pdf)) y = drawTableHeader(page, continuationPage(page));
    drawRow(page, line, y, height);
    y += height;
  }
  return y;
}

function drawTotals(page: Page, start: number): void {
  const { pdf, t, doc, l } = page;
  const rows: [string, string][] = [[l.subtotal, doc.subtotal]];
  for (const tax of doc.taxes)
    rows.push([l.taxLine(tax.ratePercent, tax.exempt === true, tax.base), tax.amount]);
  if (doc.taxes.length !== 1) rows.push([doc.taxes.length === 0 ? l.tax : l.totalTax, doc.tax]);

  const rowHeightPt = 15;
  const needed = (rows.length + 1) * rowHeightPt + 24;
  let y = start + 12;
  if (y + needed > contentBottom(pdf)) y = continuationPage(page);
  const valueWidth = 100;
  const labelWidth = 190;
  const right = PDF_MARGIN.left + TABLE_WIDTH;
  const labelX = right - valueWidth - labelWidth;
  const write = (label: string, value: string, bold: boolean, size: number): void => {
    pdf.fontSize(size).fillColor(PDF_INK);
    const labelOptions = { width: labelWidth - 8, align: 'right' as const, lineBreak: false };
    t.text(label, labelX, y, labelOptions, bold);
    const valueOptions = { width: valueWidth, align: 'right' as const, lineBreak: false };
    t.text(value, right - valueWidth, y, valueOptions, bold);
    y += rowHeightPt;
  };
  for (const [label, value] of rows) write(label, value, false, 9);
  pdf.moveTo(labelX, y).lineTo(right, y).lineWidth(0.8).strokeColor(PDF_INK).stroke();
  y += 6;
  write(l.total(doc.currency), doc.total, true, 11);
}

/** The notes the tax treatment requires (a GST exemption), in small print under the totals. */
function drawTaxNotes(page: Page): void {
  const { pdf, t, doc } = page;
  const notes = doc.taxNotes ?? [];
  if (notes.length === 0) return;
  let y = pdf.y + 18;
  if (y + notes.length * 24 > contentBottom(pdf)) y = continuationPage(page);
  pdf.fontSize(8).fillColor(PDF_INK);
  for (const note of notes) {
    t.text(note, PDF_MARGIN.left, y, { width: TABLE_WIDTH });
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

function drawFooter({ pdf, t, doc, l }: Page, page: number, pages: number): void {
  const y = pdf.page.height - PDF_MARGIN.bottom + 25;
  const width = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const label = `${doc.company.name} · ${doc.number ?? l.draftInvoice}`;
  pdf.fontSize(8).fillColor(PDF_MUTED);
  t.text(label, PDF_MARGIN.left, y, { width: width * 0.7, height: 10, ellipsis: true });
  t.text(l.page(page, pages), PDF_MARGIN.left, y, { width, align: 'right', lineBreak: false });
}

function drawFooters(page: Page): void {
  const { pdf } = page;
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // The footer sits below the content box; without this pdfkit would open a new page.
    pdf.page.margins.bottom = 0;
    drawFooter(page, index - start + 1, count);
  }
}

/** Fixed from the invoice's own dates so the same invoice renders to the same bytes. */
function creationDate(doc: InvoicePdfDocument): Date {
  const date = new Date(`${doc.issuedOn ?? doc.periodEnd}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
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
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: language,
    displayTitle: true,
    info: {
      Title: input.number ?? l.draftInvoice,
      Author: input.company.name,
      Subject: `Invoice for ${input.client.companyName}, ${period(input)}`,
      CreationDate: creationDate(input),
    },
  });
  const finished = pdfBuffer(pdf);
  const page: Page = { pdf, t: new ScriptTypesetter(pdf), doc, l };

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
  const tableBottom = drawLines(page, tableTop);
  drawTotals(page, tableBottom);
  drawTaxNotes(page);
  drawFooters(page);
  pdf.end();
  return finished;
}
