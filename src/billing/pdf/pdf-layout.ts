import PDFDocument from 'pdfkit';
import type { DocumentLabels, DocumentLanguage } from 'src/common/pdf/document-labels';
import { pdfBuffer } from 'src/common/pdf/pdf-buffer';
import { PDF_INK, PDF_MARGIN, PDF_MUTED, PDF_RULE } from 'src/common/pdf/pdf-style';
import { ScriptTypesetter } from 'src/common/pdf/script-fonts';

/**
 * The layout the billing documents share (invoices, season receipts, season statements): a
 * header of stacked lines, tables that continue on new pages, a block of totals and footers
 * numbering the pages. All text goes through the typesetter, so any script prints.
 */
export type Pdf = PDFKit.PDFDocument;

/** The PDF being drawn and its typesetter. */
export interface Sheet {
  pdf: Pdf;
  t: ScriptTypesetter;
}

/** The issuer, printed top left of every document. */
export interface PdfCompany {
  name: string;
  address: string | null;
  taxId: string | null;
  email: string | null;
}

export const PAD_X = 4;
export const PAD_Y = 4;
export const TABLE_SIZE = 8.5;
// A single row never grows past this; longer text ends in an ellipsis instead.
const MAX_ROW_HEIGHT = 320;
const SUB_SIZE = 7.5;

// Addresses and names are free text: capped so the header always leaves room for the table.
export const MAX_BLOCK_HEIGHT = 90;

export interface DocumentInfo {
  Title: string;
  Author: string;
  Subject: string;
  CreationDate: Date;
}

/**
 * A new A4 document in the house margins, its pages buffered (for the footers), and the
 * promise of its bytes. The creation date is given so the same input renders the same bytes.
 */
export function createPdf(
  language: DocumentLanguage,
  info: DocumentInfo,
): { sheet: Sheet; finished: Promise<Buffer> } {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: language,
    displayTitle: true,
    info,
  });
  const finished = pdfBuffer(pdf);
  return { sheet: { pdf, t: new ScriptTypesetter(pdf) }, finished };
}

/** Midnight UTC of a YYYY-MM-DD day, or the epoch if it is not one: a fixed creation date. */
export function dayAsDate(day: string): Date {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

export interface StackRow {
  text: string | null;
  bold?: boolean;
  size?: number;
  color?: string;
  gap?: number;
}

/** Writes lines top-down from y in one column; returns the y below the last one. */
export function stack(
  { pdf, t }: Sheet,
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

/** Where the header's two columns sit: the issuer on the left, the title on the right. */
export function headerColumns(pdf: Pdf): {
  left: number;
  top: number;
  contentWidth: number;
  leftWidth: number;
  rightX: number;
  rightWidth: number;
} {
  const contentWidth = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
  return {
    left: PDF_MARGIN.left,
    top: PDF_MARGIN.top,
    contentWidth,
    leftWidth: contentWidth * 0.5,
    rightX: PDF_MARGIN.left + contentWidth * 0.52,
    rightWidth: contentWidth * 0.48,
  };
}

/** The issuer's lines: name, address, tax ID and e-mail. */
export function companyRows(company: PdfCompany, l: DocumentLabels): StackRow[] {
  return [
    { text: company.name, bold: true, size: 15, gap: 4 },
    { text: company.address, color: PDF_MUTED },
    { text: company.taxId && `${l.taxId}: ${company.taxId}`, color: PDF_MUTED },
    { text: company.email, color: PDF_MUTED },
  ];
}

/** A thin rule across the content at y. */
export function drawRule(pdf: Pdf, y: number): void {
  const { left, contentWidth } = headerColumns(pdf);
  pdf
    .moveTo(left, y)
    .lineTo(left + contentWidth, y)
    .lineWidth(0.5)
    .strokeColor(PDF_RULE)
    .stroke();
}

export function contentBottom(pdf: Pdf): number {
  return pdf.page.height - PDF_MARGIN.bottom;
}

/**
 * Opens a new page headed by a small line naming the document (e.g. "Tax invoice INV-… (continued)"),
 * so a loose page is still identifiable; returns the y below it.
 */
export function continuationPage({ pdf, t }: Sheet, label: string, width: number): number {
  pdf.addPage();
  pdf.fontSize(8).fillColor(PDF_MUTED);
  t.text(label, PDF_MARGIN.left, PDF_MARGIN.top, { width, lineBreak: false });
  return PDF_MARGIN.top + 16;
}

export interface TableColumn {
  label: string;
  width: number;
  align: 'left' | 'right';
  bold?: boolean;
}

/** A table cell: its text and, when given, a second line in small muted print (a rate's unit). */
export interface TableCell {
  text: string;
  sub?: string;
}

export interface Table {
  columns: TableColumn[];
  rows: TableCell[][];
  /** Printed under the header when there are no rows. */
  empty: string;
  /** Opens a continuation page; answers the y to go on from. */
  continuation: () => number;
}

export function tableWidth(columns: TableColumn[]): number {
  return columns.reduce((sum, column) => sum + column.width, 0);
}

function rowHeight({ pdf, t }: Sheet, columns: TableColumn[], row: TableCell[]): number {
  pdf.fontSize(TABLE_SIZE);
  let height = 0;
  columns.forEach((column, index) => {
    const width = column.width - 2 * PAD_X;
    let cell = t.heightOf(row[index].text || ' ', { width });
    if (row[index].sub !== undefined) {
      pdf.fontSize(SUB_SIZE);
      cell += t.heightOf(row[index].sub || ' ', { width });
      pdf.fontSize(TABLE_SIZE);
    }
    height = Math.max(height, cell);
  });
  return Math.min(height, MAX_ROW_HEIGHT) + 2 * PAD_Y;
}

function drawTableHeader({ pdf, t }: Sheet, columns: TableColumn[], y: number): number {
  const height = TABLE_SIZE + 2 * PAD_Y + 4;
  pdf.rect(PDF_MARGIN.left, y, tableWidth(columns), height).fillColor('#eef2f5').fill();
  pdf.fontSize(TABLE_SIZE).fillColor(PDF_INK);
  let x = PDF_MARGIN.left;
  for (const column of columns) {
    const options = { width: column.width - 2 * PAD_X, align: column.align, lineBreak: false };
    t.text(column.label, x + PAD_X, y + PAD_Y + 2, options, true);
    x += column.width;
  }
  return y + height;
}

function drawRow(
  { pdf, t }: Sheet,
  columns: TableColumn[],
  row: TableCell[],
  y: number,
  height: number,
): void {
  let x = PDF_MARGIN.left;
  columns.forEach((column, index) => {
    const cell = row[index];
    const options = {
      width: column.width - 2 * PAD_X,
      height: height - 2 * PAD_Y,
      align: column.align,
      ellipsis: true,
    };
    pdf.fontSize(TABLE_SIZE).fillColor(PDF_INK);
    t.text(cell.text, x + PAD_X, y + PAD_Y, options, column.bold === true);
    if (cell.sub) {
      pdf.fontSize(SUB_SIZE).fillColor(PDF_MUTED);
      t.text(cell.sub, x + PAD_X, pdf.y, { ...options, height: undefined });
    }
    x += column.width;
  });
  pdf
    .moveTo(PDF_MARGIN.left, y + height)
    .lineTo(PDF_MARGIN.left + tableWidth(columns), y + height)
    .lineWidth(0.4)
    .strokeColor(PDF_RULE)
    .stroke();
}

/**
 * Draws a table from y: its header, then its rows; a row that would cross the bottom margin
 * goes to a continuation page, under the header drawn again. Returns the y below the table.
 */
export function drawTable(sheet: Sheet, table: Table, start: number): number {
  const { pdf, t } = sheet;
  let y = drawTableHeader(sheet, table.columns, start);
  if (table.rows.length === 0) {
    pdf.fontSize(TABLE_SIZE).fillColor(PDF_MUTED);
    t.text(table.empty, PDF_MARGIN.left + PAD_X, y + PAD_Y, {});
    return pdf.y + PAD_Y;
  }
  for (const row of table.rows) {
    const height = rowHeight(sheet, table.columns, row);
    if (y + height > contentBottom(pdf))
      y = drawTableHeader(sheet, table.columns, table.continuation());
    drawRow(sheet, table.columns, row, y, height);
    y += height;
  }
  return y;
}

export interface Totals {
  /** Label and figure rows, in regular print. */
  rows: [string, string][];
  /** The last row, under a rule, in bold. */
  total: [string, string];
  /** The right edge of the figures. */
  right: number;
  continuation: () => number;
}

/**
 * A block of figures right-aligned to `right` below `start` (on a continuation page when it
 * does not fit); returns the y below it.
 */
export function drawTotals({ pdf, t }: Sheet, totals: Totals, start: number): number {
  const rowHeightPt = 15;
  const needed = (totals.rows.length + 1) * rowHeightPt + 24;
  let y = start + 12;
  if (y + needed > contentBottom(pdf)) y = totals.continuation();
  const valueWidth = 100;
  const labelWidth = 190;
  const right = totals.right;
  const labelX = right - valueWidth - labelWidth;
  const write = (label: string, value: string, bold: boolean, size: number): void => {
    pdf.fontSize(size).fillColor(PDF_INK);
    const labelOptions = { width: labelWidth - 8, align: 'right' as const, lineBreak: false };
    t.text(label, labelX, y, labelOptions, bold);
    const valueOptions = { width: valueWidth, align: 'right' as const, lineBreak: false };
    t.text(value, right - valueWidth, y, valueOptions, bold);
    y += rowHeightPt;
  };
  for (const [label, value] of totals.rows) write(label, value, false, 9);
  pdf.moveTo(labelX, y).lineTo(right, y).lineWidth(0.8).strokeColor(PDF_INK).stroke();
  y += 6;
  write(totals.total[0], totals.total[1], true, 11);
  return y;
}

/**
 * Writes each page's footer once the content is laid out: the document's name on the left,
 * "page X of Y" on the right.
 */
export function drawFooters({ pdf, t }: Sheet, label: string, l: DocumentLabels): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    pdf.switchToPage(index);
    // The footer sits below the content box; without this pdfkit would open a new page.
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - PDF_MARGIN.bottom + 25;
    const width = pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
    pdf.fontSize(8).fillColor(PDF_MUTED);
    t.text(label, PDF_MARGIN.left, y, { width: width * 0.7, height: 10, ellipsis: true });
    const page = l.page(index - start + 1, count);
    t.text(page, PDF_MARGIN.left, y, { width, align: 'right', lineBreak: false });
  }
}
