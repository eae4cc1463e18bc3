import {
  documentLabels,
  DocumentLanguage,
  groupAmount,
  type DocumentLabels,
} from 'src/common/pdf/document-labels';
import { PDF_MARGIN, PDF_MUTED } from 'src/common/pdf/pdf-style';
import {
  companyRows,
  continuationPage,
  createPdf,
  dayAsDate,
  drawFooters,
  drawRule,
  drawTable,
  drawTotals,
  headerColumns,
  type PdfCompany,
  type Sheet,
  stack,
  type TableColumn,
  tableWidth,
} from './pdf-layout';

export interface SeasonPdfParty {
  companyName: string;
  billingAddress: string | null;
}

export interface SeasonPdfSeason {
  name: string;
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
}

export interface SeasonReceiptPdfDocument {
  company: PdfCompany;
  client: SeasonPdfParty;
  season: SeasonPdfSeason;
  receiptNumber: string;
  /** YYYY-MM-DD. */
  paidOn: string;
  currency: string;
  /** Formatted major units, e.g. "129000.00". */
  amount: string;
  reference: string | null;
  bagsReleased: { lotNumber: string; bags: number }[];
}

export interface SeasonStatementPdfDocument {
  company: PdfCompany;
  client: SeasonPdfParty;
  season: SeasonPdfSeason;
  currency: string;
  /** YYYY-MM-DD the statement was drawn up: its creation date. */
  asOf: string;
  lots: {
    lotNumber: string;
    rent: string;
    extension: string;
    bookingCredit: string;
    charged: string;
    bagsReleased: number;
  }[];
  subtotal: string;
  tax: string;
  total: string;
  paid: string;
  balance: string;
  payments: { receiptNumber: string; paidOn: string; reference: string | null; amount: string }[];
}

interface Page extends Sheet {
  l: DocumentLabels;
}

function seasonLine(l: DocumentLabels, season: SeasonPdfSeason): string {
  return `${l.season}: ${season.name}, ${season.startDate} – ${season.endDate}`;
}

/** Company left, title and its lines right, a rule, then the client block; returns the y below. */
function drawHeader(
  page: Page,
  company: PdfCompany,
  titleRows: { text: string | null; bold?: boolean; size?: number; gap?: number }[],
  clientLabel: string,
  client: SeasonPdfParty,
  season: SeasonPdfSeason,
): number {
  const { pdf, l } = page;
  const { left, top, leftWidth, rightX, rightWidth } = headerColumns(pdf);
  const companyBottom = stack(page, left, top, leftWidth, companyRows(company, l));
  const titleBottom = stack(page, rightX, top, rightWidth, titleRows, 'right');
  let y = Math.max(companyBottom, titleBottom) + 14;
  drawRule(pdf, y);
  y += 10;
  const clientBottom = stack(page, left, y, leftWidth, [
    { text: clientLabel, bold: true, size: 8, color: PDF_MUTED, gap: 2 },
    { text: client.companyName, bold: true, size: 11, gap: 2 },
    { text: client.billingAddress, color: PDF_MUTED },
  ]);
  const seasonBottom = stack(
    page,
    rightX,
    y,
    rightWidth,
    [{ text: seasonLine(l, season), color: PDF_MUTED }],
    'right',
  );
  return Math.max(clientBottom, seasonBottom) + 16;
}

/**
 * A season payment's receipt as a PDF, labelled in the client's language; names in Devanagari
 * or Bengali print in an embedded Noto Sans font.
 */
export async function renderSeasonReceiptPdf(
  doc: SeasonReceiptPdfDocument,
  language: DocumentLanguage = DocumentLanguage.English,
): Promise<Buffer> {
  const l = documentLabels(language);
  const { sheet, finished } = createPdf(language, {
    Title: doc.receiptNumber,
    Author: doc.company.name,
    Subject: `Payment receipt for ${doc.client.companyName}, ${doc.season.name}`,
    CreationDate: dayAsDate(doc.paidOn),
  });
  const page: Page = { ...sheet, l };
  const { pdf, t } = sheet;
  pdf.addPage();
  let y = drawHeader(
    page,
    doc.company,
    [
      { text: l.receipt, bold: true, size: 15, gap: 6 },
      { text: `${l.receiptNo} ${doc.receiptNumber}`, bold: true, size: 10, gap: 2 },
      { text: `${l.date} ${doc.paidOn}` },
    ],
    l.receivedFrom,
    doc.client,
    doc.season,
  );
  const columns: TableColumn[] = [
    { label: l.columns.lot, width: 200, align: 'left' },
    { label: l.bags, width: 80, align: 'right', bold: true },
  ];
  const continuation = () =>
    continuationPage(page, `${l.receipt} ${doc.receiptNumber} ${l.continued}`, 505);
  const amount = `${groupAmount(doc.amount, language)} ${doc.currency}`;
  y = drawTotals(
    page,
    {
      rows: doc.reference ? [[l.reference, doc.reference]] : [],
      total: [l.amountReceived, amount],
      right: PDF_MARGIN.left + 505,
      continuation,
    },
    y - 12,
  );
  pdf.fontSize(10).fillColor(PDF_MUTED);
  t.text(l.bagsReleased, PDF_MARGIN.left, y + 12, { lineBreak: false }, true);
  drawTable(
    page,
    {
      columns,
      rows: doc.bagsReleased.map((r) => [{ text: r.lotNumber }, { text: String(r.bags) }]),
      empty: l.noBagsReleased,
      continuation,
    },
    y + 28,
  );
  drawFooters(page, `${doc.company.name} · ${doc.receiptNumber}`, l);
  pdf.end();
  return finished;
}

/**
 * A client's season statement as a PDF: per lot the rent, extension, booking credit and bags
 * released, the totals, then the payments; long tables continue on new pages.
 */
export async function renderSeasonStatementPdf(
  doc: SeasonStatementPdfDocument,
  language: DocumentLanguage = DocumentLanguage.English,
): Promise<Buffer> {
  const l = documentLabels(language);
  const g = (amount: string) => groupAmount(amount, language);
  const { sheet, finished } = createPdf(language, {
    Title: `${l.seasonStatement} ${doc.season.name}`,
    Author: doc.company.name,
    Subject: `Season statement for ${doc.client.companyName}, ${doc.season.name}`,
    CreationDate: dayAsDate(doc.asOf),
  });
  const page: Page = { ...sheet, l };
  const { pdf, t } = sheet;
  pdf.addPage();
  const y0 = drawHeader(
    page,
    doc.company,
    [
      { text: l.seasonStatement, bold: true, size: 15, gap: 6 },
      { text: doc.season.name, bold: true, size: 10, gap: 2 },
      { text: `${l.date} ${doc.asOf}` },
      { text: l.amountsIn(doc.currency) },
    ],
    l.client,
    doc.client,
    doc.season,
  );
  const lotColumns: TableColumn[] = [
    { label: l.columns.lot, width: 110, align: 'left' },
    { label: l.seasonRent, width: 80, align: 'right' },
    { label: l.extensionRent, width: 80, align: 'right' },
    { label: l.bookingCredit, width: 80, align: 'right' },
    { label: l.charged, width: 85, align: 'right', bold: true },
    { label: l.bagsReleased, width: 70, align: 'right' },
  ];
  const width = tableWidth(lotColumns);
  const continuation = () =>
    continuationPage(page, `${l.seasonStatement} ${doc.season.name} ${l.continued}`, width);
  let y = drawTable(
    page,
    {
      columns: lotColumns,
      rows: doc.lots.map((lot) => [
        { text: lot.lotNumber },
        { text: g(lot.rent) },
        { text: g(lot.extension) },
        { text: g(lot.bookingCredit) },
        { text: g(lot.charged) },
        { text: String(lot.bagsReleased) },
      ]),
      empty: l.noCharges,
      continuation,
    },
    y0,
  );
  const right = PDF_MARGIN.left + width;
  y = drawTotals(
    page,
    {
      rows: [
        [l.subtotal, g(doc.subtotal)],
        [l.tax, g(doc.tax)],
      ],
      total: [l.total(doc.currency), g(doc.total)],
      right,
      continuation,
    },
    y,
  );
  y = drawTotals(
    page,
    {
      rows: [[l.paid, g(doc.paid)]],
      total: [l.balance, g(doc.balance)],
      right,
      continuation,
    },
    y,
  );
  pdf.fontSize(10).fillColor(PDF_MUTED);
  if (y + 60 > pdf.page.height - PDF_MARGIN.bottom) y = continuation();
  t.text(l.payments, PDF_MARGIN.left, y + 12, { lineBreak: false }, true);
  drawTable(
    page,
    {
      columns: [
        { label: l.receiptNo, width: 120, align: 'left' },
        { label: l.date, width: 80, align: 'left' },
        { label: l.reference, width: 205, align: 'left' },
        { label: l.columns.amount, width: 100, align: 'right', bold: true },
      ],
      rows: doc.payments.map((p) => [
        { text: p.receiptNumber },
        { text: p.paidOn },
        { text: p.reference ?? '' },
        { text: g(p.amount) },
      ]),
      empty: l.noPayments,
      continuation,
    },
    y + 28,
  );
  drawFooters(page, `${doc.company.name} · ${l.seasonStatement} ${doc.season.name}`, l);
  pdf.end();
  return finished;
}
