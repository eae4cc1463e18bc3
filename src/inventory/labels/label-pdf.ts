import PDFDocument from 'pdfkit';
import { pdfBuffer } from 'src/common/pdf/pdf-buffer';
import { PDF_INK, PDF_MUTED, PDF_RULE } from 'src/common/pdf/pdf-style';
import { ScriptTypesetter } from 'src/common/pdf/script-fonts';
import { toWinAnsi } from 'src/common/pdf/win-ansi';
import { labelSymbols, type LabelSymbols } from './barcodes';
import { LabelFormat, type Label } from './label';

type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
const THERMAL: [number, number] = [100 * MM, 150 * MM];
const SHEET_MARGIN = 10 * MM;
const COLUMNS = 2;
const ROWS = 5;
const PAD = 8;

/** Where a line of text starts and how wide it may run. */
interface Span {
  x: number;
  y: number;
  width: number;
}

interface Box extends Span {
  height: number;
}

/** The PDF and the typesetter that prints a client's name in its script. */
interface Sheet {
  pdf: Pdf;
  t: ScriptTypesetter;
}

/** Text that stays in its box: one line, cut with an ellipsis when too long. */
function line(
  { pdf, t }: Sheet,
  text: string,
  box: Span,
  bold: boolean,
  size: number,
  color = PDF_INK,
) {
  pdf.fontSize(size).fillColor(color);
  const options = { width: box.width, height: size * 1.3, ellipsis: true, lineBreak: false };
  t.text(text, box.x, box.y, options, bold);
}

/** The code in large print, smaller when it would not fit the width (long location codes). */
function codeLine(sheet: Sheet, code: string, box: Span, size: number): void {
  sheet.pdf.fontSize(size);
  const natural = sheet.t.widthOf(code, true);
  line(sheet, code, box, true, Math.min(size, (size * box.width) / natural));
}

// Quiet zones, in modules: QR asks for 4 (the label's margin adds to 2), Code 128 for 10.
const QR_QUIET = 2;
const CODE128_QUIET = 10;

/** The QR code in a square box, dark runs of each row as one rectangle (no seams between modules). */
function drawQr(pdf: Pdf, qr: LabelSymbols['qr'], x: number, y: number, side: number): void {
  const module = side / (qr.size + 2 * QR_QUIET);
  const left = x + QR_QUIET * module;
  const top = y + QR_QUIET * module;
  for (let row = 0; row < qr.size; row += 1) {
    let column = 0;
    while (column < qr.size) {
      if (!qr.dark[row * qr.size + column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < qr.size && qr.dark[row * qr.size + column]) column += 1;
      pdf.rect(left + start * module, top + row * module, (column - start) * module, module);
    }
  }
  pdf.fillColor('#000000').fill();
}

/** The Code 128 bars across a box, quiet zones included. */
function drawCode128(pdf: Pdf, widths: number[], box: Box): void {
  const total = widths.reduce((sum, width) => sum + width, 0) + 2 * CODE128_QUIET;
  const module = box.width / total;
  let x = box.x + CODE128_QUIET * module;
  widths.forEach((width, i) => {
    if (i % 2 === 0) pdf.rect(x, box.y, width * module, box.height);
    x += width * module;
  });
  pdf.fillColor('#000000').fill();
}

function facts(sheet: Sheet, label: Label, box: Span, size: number): void {
  const step = size * 1.45;
  label.facts.forEach((fact, i) => {
    const y = box.y + i * step;
    line(sheet, `${fact.name}: ${fact.value}`, { ...box, y }, false, size, PDF_MUTED);
  });
}

/** A4 cell: QR top left, code and facts beside it, Code 128 across the bottom; a thin cut guide. */
function a4Label(sheet: Sheet, label: Label, symbols: LabelSymbols, cell: Box): void {
  const { pdf } = sheet;
  pdf.lineWidth(0.5).strokeColor(PDF_RULE).rect(cell.x, cell.y, cell.width, cell.height).stroke();
  const qrSize = 86;
  drawQr(pdf, symbols.qr, cell.x + PAD, cell.y + PAD, qrSize);
  const textX = cell.x + PAD * 2 + qrSize;
  const textWidth = cell.width - (textX - cell.x) - PAD;
  codeLine(sheet, label.code, { x: textX, y: cell.y + PAD + 2, width: textWidth }, 13);
  facts(sheet, label, { x: textX, y: cell.y + PAD + 22, width: textWidth }, 8);
  const barHeight = 44;
  drawCode128(pdf, symbols.code128, {
    x: cell.x + PAD,
    y: cell.y + cell.height - PAD - barHeight,
    width: cell.width - 2 * PAD,
    height: barHeight,
  });
}

/** 100 × 150 mm: the code large on top, the QR, the facts, then the Code 128 along the bottom. */
function thermalLabel(sheet: Sheet, label: Label, symbols: LabelSymbols): void {
  const { pdf } = sheet;
  const [width, height] = THERMAL;
  const margin = 5 * MM;
  const inner = width - 2 * margin;
  codeLine(sheet, label.code, { x: margin, y: margin, width: inner }, 20);
  const qrSize = 150;
  drawQr(pdf, symbols.qr, (width - qrSize) / 2, margin + 32, qrSize);
  facts(sheet, label, { x: margin, y: margin + 32 + qrSize + 10, width: inner }, 11);
  const barHeight = 80;
  drawCode128(pdf, symbols.code128, {
    x: margin,
    y: height - margin - barHeight,
    width: inner,
    height: barHeight,
  });
}

/** Labels as a PDF: A4 sheets of 2 × 5 (filled row by row) or one thermal label a page. */
export async function renderLabelsPdf(
  labels: Label[],
  format: LabelFormat,
  title: string,
): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: format === LabelFormat.A4 ? A4 : THERMAL,
    margin: 0,
    autoFirstPage: false,
    info: { Title: toWinAnsi(title) },
  });
  const finished = pdfBuffer(pdf);
  const sheet: Sheet = { pdf, t: new ScriptTypesetter(pdf) };
  const perPage = format === LabelFormat.A4 ? COLUMNS * ROWS : 1;
  const cellWidth = (A4[0] - 2 * SHEET_MARGIN) / COLUMNS;
  const cellHeight = (A4[1] - 2 * SHEET_MARGIN) / ROWS;
  for (const [i, label] of labels.entries()) {
    // Encoding a QR code takes a few milliseconds: let other requests in between labels.
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const symbols = labelSymbols(label.code);
    if (i % perPage === 0) pdf.addPage();
    if (format === LabelFormat.Thermal) {
      thermalLabel(sheet, label, symbols);
      continue;
    }
    const slot = i % perPage;
    a4Label(sheet, label, symbols, {
      x: SHEET_MARGIN + (slot % COLUMNS) * cellWidth,
      y: SHEET_MARGIN + Math.floor(slot / COLUMNS) * cellHeight,
      width: cellWidth,
      height: cellHeight,
    });
  }
  pdf.end();
  return finished;
}
