import PDFDocument from 'pdfkit';
import { PDF_BOLD, PDF_FONT, PDF_INK, PDF_MARGIN, PDF_MUTED, PDF_RULE } from 'src/common/pdf-style';
import { pdfBuffer } from 'src/common/pdf-buffer';
import { toWinAnsi } from 'src/common/win-ansi';

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
  title: string;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS = {
  lot: { title: 'Lot', width: 86, align: 'left' },
  description: { title: 'Description', width: 160, align: 'left' },
  quantity: { title: 'Quantity', width: 70, align: 'right' },
  days: { title: 'Days', width: 34, align: 'right' },
  rate: { title: 'Rate', width: 83, align: 'right' },
  amount: { title: 'Amount', width: 72, align: 'right' },
} satisfies Record<string, Column>;

type ColumnKey = keyof typeof COLUMNS;
const COLUMN_KEYS = Object.keys(COLUMNS) as ColumnKey[];
const TABLE_WIDTH = COLUMN_KEYS.reduce((sum, key) => sum + COLUMNS[key].width, 0);

function cleanDocument(doc: InvoicePdfDocument): InvoicePdfDocument {
  const s = toWinAnsi;
  const n = (value: string | null): string | null => (value === null ? null : s(value));
  return {
    ...doc,
    company: {
      name: s(doc.company.name),
      address: n(doc.company.address),
      taxId: n(doc.company.taxId),
      email: n(doc.company.email),
    },
    client: {
      companyName: s(doc.client.companyName),
      billingAddress: n(doc.client.billingAddress),
      email: n(doc.client.email),
    },
    number: n(doc.number),
    issuedOn: n(doc.issuedOn),
    periodStart: s(doc.periodStart),
    periodEnd: s(doc.periodEnd),
    currency: s(doc.currency),
    lines: doc.lines.map((line) => ({
      ...line,
      description: s(line.description),
      lotNumber: n(line.lotNumber),
      quantity: s(line.quantity),
      unit: s(line.unit),
      rate: s(line.rate),
      rateUnit: s(line.rateUnit),
      amount: s(line.amount),
    })),
    subtotal: s(doc.subtotal),
    taxes: doc.taxes.map((tax) => ({
      ...tax,
      ratePercent: s(tax.ratePercent),
      base: s(tax.base),
      amount: s(tax.amount),
    })),
    taxNotes: doc.taxNotes?.map(s),
    tax: s(doc.tax),
    total: s(doc.total),
    paidOn: n(doc.paidOn),
    paymentReference: n(doc.paymentReference),
    voidReason: n(doc.voidReason),
  };
}

function title(doc: InvoicePdfDocument): string {
  return doc.status === 'DRAFT' ? 'DRAFT — not a tax invoice' : 'Tax invoice';
}

function period(doc: InvoicePdfDocument): string {
  return `${doc.periodStart} – ${doc.periodEnd}`;
}

interface StackRow {
  text: string | null;
  font?: string;
  size?: number;
  color?: string;
  gap?: number;
}

// Addresses and names are free text: capped so the header always leaves room for the table.
const MAX_BLOCK_HEIGHT = 90;

/** Writes lines top-down from y in one column; returns the y below the last one. */
function stack(
  pdf: Pdf,
  x: number,
  y: number,
  width: number,
  rows: StackRow[],
  align: 'left' | 'right' = 'left',
): number {
  let cursor = y;
  for (const row of rows) {
    if (row.text === null || row.text === '') continue;
    pdf
      .font(row.font ?? PDF_FONT)
      .fontSize(row.size ?? 9)
      .fillColor(row.color ?? PDF_INK);
    pdf.text(row.text, x, cursor, { width, align, height: MAX_BLOCK_HEIGHT, ellipsis: true });
    cursor = pdf.y + (row.gap ?? 1);
  }
  return cursor;
}

function drawHeader(pdf: Pdf, doc: InvoicePdfDocument): number {
  const left = PDF_MARGIN.left;
  const contentWidth = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const leftWidth = contentWidth * 0.5;
  const rightX = left + contentWidth * 0.52;
  const rightWidth = contentWidth * 0.48;
  const top = PDF_MARGIN.top;

  const companyBottom = stack(pdf, left, top, leftWidth, [
    { text: doc.company.name, font: PDF_BOLD, size: 15, gap: 4 },
    { text: doc.company.address, color: PDF_MUTED },
    { text: doc.company.taxId && `Tax ID: ${doc.company.taxId}`, color: PDF_MUTED },
    { text: doc.company.email, color: PDF_MUTED },
  ]);

  const statusLine =
    doc.status === 'PAID'
      ? `PAID on ${doc.paidOn ?? '—'}${doc.paymentReference ? `, ref ${doc.paymentReference}` : ''}`
      : null;
  const titleBottom = stack(
    pdf,
    rightX,
    top,
    rightWidth,
    [
      { text: title(doc), font: PDF_BOLD, size: 15, gap: 6 },
      { text: statusLine, font: PDF_BOLD, size: 10, color: '#1e7a46', gap: 4 },
      { text: doc.number && `Invoice no. ${doc.number}`, font: PDF_BOLD, size: 10, gap: 2 },
      { text: doc.issuedOn && `Issue date ${doc.issuedOn}` },
      { text: `Billing period ${period(doc)}` },
    ],
    'right',
  );

  let y = Math.max(companyBottom, titleBottom) + 14;
  if (doc.status === 'VOID') y = drawVoidBanner(pdf, doc, y, contentWidth);

  pdf
    .moveTo(left, y)
    .lineTo(left + contentWidth, y)
    .lineWidth(0.5)
    .strokeColor(PDF_RULE)
    .stroke();
  y += 10;
  const billBottom = stack(pdf, left, y, leftWidth, [
    { text: 'Bill to', font: PDF_BOLD, size: 8, color: PDF_MUTED, gap: 2 },
    { text: doc.client.companyName, font: PDF_BOLD, size: 11, gap: 2 },
    { text: doc.client.billingAddress, color: PDF_MUTED },
    { text: doc.client.email, color: PDF_MUTED },
  ]);
  const currencyBottom = stack(
    pdf,
    rightX,
    y,
    rightWidth,
    [{ text: `Amounts in ${doc.currency}`, color: PDF_MUTED }],
    'right',
  );
  return Math.max(billBottom, currencyBottom) + 16;
}

function drawVoidBanner(pdf: Pdf, doc: InvoicePdfDocument, y: number, width: number): number {
  const text = `VOID — this invoice has been cancelled.${doc.voidReason ? ` Reason: ${doc.voidReason}` : ''}`;
  pdf.font(PDF_BOLD).fontSize(10);
  const options = { width: width - 16, height: MAX_BLOCK_HEIGHT, ellipsis: true };
  const height = Math.min(pdf.heightOfString(text, options), MAX_BLOCK_HEIGHT) + 12;
  pdf.rect(PDF_MARGIN.left, y, width, height).lineWidth(1).strokeColor('#b42318').stroke();
  pdf.fillColor('#b42318').text(text, PDF_MARGIN.left + 8, y + 6, options);
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

function rowHeight(pdf: Pdf, line: InvoicePdfLine): number {
  pdf.font(PDF_FONT).fontSize(TABLE_SIZE);
  let height = 0;
  for (const key of COLUMN_KEYS) {
    const width = COLUMNS[key].width - 2 * PAD_X;
    let cell = pdf.heightOfString(cellText(line, key) || ' ', { width });
    if (key === 'rate') {
      pdf.fontSize(RATE_UNIT_SIZE);
      cell += pdf.heightOfString(line.rateUnit || ' ', { width });
      pdf.fontSize(TABLE_SIZE);
    }
    height = Math.max(height, cell);
  }
  return Math.min(height, MAX_ROW_HEIGHT) + 2 * PAD_Y;
}

function drawTableHeader(pdf: Pdf, y: number, currency: string): number {
  const height = TABLE_SIZE + 2 * PAD_Y + 4;
  pdf.rect(PDF_MARGIN.left, y, TABLE_WIDTH, height).fillColor('#eef2f5').fill();
  pdf.font(PDF_BOLD).fontSize(TABLE_SIZE).fillColor(PDF_INK);
  let x = PDF_MARGIN.left;
  for (const key of COLUMN_KEYS) {
    const column = COLUMNS[key];
    const label = key === 'amount' ? `${column.title} (${currency})` : column.title;
    pdf.text(label, x + PAD_X, y + PAD_Y + 2, {
      width: column.width - 2 * PAD_X,
      align: column.align,
      lineBreak: false,
    });
    x += column.width;
  }
  return y + height;
}

function drawRow(pdf: Pdf, line: InvoicePdfLine, y: number, height: number): void {
  let x = PDF_MARGIN.left;
  for (const key of COLUMN_KEYS) {
    const column = COLUMNS[key];
    const options = {
      width: column.width - 2 * PAD_X,
      height: height - 2 * PAD_Y,
      align: column.align,
      ellipsis: true,
    };
    pdf
      .font(key === 'amount' ? PDF_BOLD : PDF_FONT)
      .fontSize(TABLE_SIZE)
      .fillColor(PDF_INK);
    pdf.text(cellText(line, key), x + PAD_X, y + PAD_Y, options);
    if (key === 'rate' && line.rateUnit) {
      pdf.font(PDF_FONT).fontSize(RATE_UNIT_SIZE).fillColor(PDF_MUTED);
      pdf.text(line.rateUnit, x + PAD_X, pdf.y, { ...options, height: undefined });
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
function continuationPage(pdf: Pdf, doc: InvoicePdfDocument): number {
  pdf.addPage();
  const label = `${title(doc)}${doc.number ? ` ${doc.number}` : ''} (continued)`;
  pdf.font(PDF_FONT).fontSize(8).fillColor(PDF_MUTED);
  pdf.text(label, PDF_MARGIN.left, PDF_MARGIN.top, { width: TABLE_WIDTH, lineBreak: false });
  return PDF_MARGIN.top + 16;
}

function drawLines(pdf: Pdf, doc: InvoicePdfDocument, start: number): number {
  let y = drawTableHeader(pdf, start, doc.currency);
  if (doc.lines.length === 0) {
    pdf.font(PDF_FONT).fontSize(TABLE_SIZE).fillColor(PDF_MUTED);
    pdf.text('No charges in this period.', PDF_MARGIN.left + PAD_X, y + PAD_Y);
    return pdf.y + PAD_Y;
  }
  for (const line of doc.lines) {
    const height = rowHeight(pdf, line);
    if (y + height > contentBottom(pdf)) {
      y = drawTableHeader(pdf, continuationPage(pdf, doc), doc.currency);
    }
    drawRow(pdf, line, y, height);
    y += height;
  }
  return y;
}

function drawTotals(pdf: Pdf, doc: InvoicePdfDocument, start: number): void {
  const rows: [string, string][] = [['Subtotal', doc.subtotal]];
  for (const tax of doc.taxes)
    rows.push([
      `Tax ${tax.ratePercent}%${tax.exempt ? ' (exempt)' : ''} on ${tax.base}`,
      tax.amount,
    ]);
  if (doc.taxes.length !== 1) rows.push([doc.taxes.length === 0 ? 'Tax' : 'Total tax', doc.tax]);

  const rowHeightPt = 15;
  const needed = (rows.length + 1) * rowHeightPt + 24;
  let y = start + 12;
  if (y + needed > contentBottom(pdf)) y = continuationPage(pdf, doc);
  const valueWidth = 100;
  const labelWidth = 190;
  const right = PDF_MARGIN.left + TABLE_WIDTH;
  const labelX = right - valueWidth - labelWidth;
  const write = (label: string, value: string, font: string, size: number): void => {
    pdf.font(font).fontSize(size).fillColor(PDF_INK);
    pdf.text(label, labelX, y, { width: labelWidth - 8, align: 'right', lineBreak: false });
    pdf.text(value, right - valueWidth, y, { width: valueWidth, align: 'right', lineBreak: false });
    y += rowHeightPt;
  };
  for (const [label, value] of rows) write(label, value, PDF_FONT, 9);
  pdf.moveTo(labelX, y).lineTo(right, y).lineWidth(0.8).strokeColor(PDF_INK).stroke();
  y += 6;
  write(`Total ${doc.currency}`, doc.total, PDF_BOLD, 11);
}

/** The notes the tax treatment requires (a GST exemption), in small print under the totals. */
function drawTaxNotes(pdf: Pdf, doc: InvoicePdfDocument): void {
  const notes = doc.taxNotes ?? [];
  if (notes.length === 0) return;
  let y = pdf.y + 18;
  if (y + notes.length * 24 > contentBottom(pdf)) y = continuationPage(pdf, doc);
  pdf.font(PDF_FONT).fontSize(8).fillColor(PDF_INK);
  for (const note of notes) {
    pdf.text(note, PDF_MARGIN.left, y, { width: TABLE_WIDTH });
    y = pdf.y + 4;
  }
}

/** A large diagonal word behind the content, so a draft or void copy cannot pass for a live one. */
function drawMark(pdf: Pdf, word: string, color: string): void {
  const size = 110;
  pdf.save();
  pdf.font(PDF_BOLD).fontSize(size).fillColor(color).fillOpacity(0.12);
  const width = pdf.widthOfString(word);
  const cx = pdf.page.width / 2;
  const cy = pdf.page.height / 2;
  pdf.rotate(-40, { origin: [cx, cy] });
  pdf.text(word, cx - width / 2, cy - size / 2, { lineBreak: false });
  pdf.restore();
}

function drawFooter(pdf: Pdf, doc: InvoicePdfDocument, page: number, pages: number): void {
  const y = pdf.page.height - PDF_MARGIN.bottom + 25;
  const width = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  const label = `${doc.company.name} · ${doc.number ?? 'Draft invoice'}`;
  pdf.font(PDF_FONT).fontSize(8).fillColor(PDF_MUTED);
  pdf.text(label, PDF_MARGIN.left, y, { width: width * 0.7, height: 10, ellipsis: true });
  pdf.text(`Page ${page} of ${pages}`, PDF_MARGIN.left, y, {
    width,
    align: 'right',
    lineBreak: false,
  });
}

function drawFooters(pdf: Pdf, doc: InvoicePdfDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // The footer sits below the content box; without this pdfkit would open a new page.
    pdf.page.margins.bottom = 0;
    drawFooter(pdf, doc, index - start + 1, count);
  }
}

/** Fixed from the invoice's own dates so the same invoice renders to the same bytes. */
function creationDate(doc: InvoicePdfDocument): Date {
  const date = new Date(`${doc.issuedOn ?? doc.periodEnd}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

export async function renderInvoicePdf(input: InvoicePdfDocument): Promise<Buffer> {
  const doc = cleanDocument(input);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: input.number ?? 'Draft invoice',
      Author: input.company.name,
      Subject: `Invoice for ${input.client.companyName}, ${period(input)}`,
      CreationDate: creationDate(input),
    },
  });
  const finished = pdfBuffer(pdf);

  // Drawn first on every page, so the mark lies under the content rather than over it.
  const mark = doc.status === 'DRAFT' || doc.status === 'VOID' ? doc.status : null;
  if (mark) {
    pdf.on('pageAdded', () => {
      drawMark(pdf, mark, mark === 'VOID' ? '#b42318' : PDF_MUTED);
    });
  }
  pdf.addPage();

  const tableTop = drawHeader(pdf, doc);
  const tableBottom = drawLines(pdf, doc, tableTop);
  drawTotals(pdf, doc, tableBottom);
  drawTaxNotes(pdf, doc);
  drawFooters(pdf, doc);
  pdf.end();
  return finished;
}
