import PDFDocument from 'pdfkit';
import {
  PDF_BOLD,
  PDF_FONT,
  PDF_INK,
  PDF_MARGIN,
  PDF_MUTED,
  PDF_RULE,
} from 'src/common/pdf/pdf-style';
import { pdfBuffer } from 'src/common/pdf/pdf-buffer';
import { ScriptTypesetter } from 'src/common/pdf/script-fonts';
import { toWinAnsi } from 'src/common/pdf/win-ansi';
import type {
  CertificateStayDto,
  ColdChainCertificateDto,
  ColdChainFiguresDto,
} from './dto/certificate.dto';

type Pdf = PDFKit.PDFDocument;

const BAND = '#d9f2e3';
const LINE = '#1d4ed8';
const ENVELOPE = '#93c5fd';
const CHART_HEIGHT = 180;

const s = toWinAnsi;

/** "2026-03-01 14:05" in the warehouse's time zone. */
function localTime(iso: string | null, timeZone: string): string {
  if (iso === null) return 'now';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

const celsius = (value: number | null): string => (value === null ? '-' : `${value.toFixed(2)} °C`);

function contentWidth(pdf: Pdf): number {
  return pdf.page.width - PDF_MARGIN.left - PDF_MARGIN.right;
}

function ensureRoom(pdf: Pdf, y: number, needed: number): number {
  if (y + needed <= pdf.page.height - PDF_MARGIN.bottom) return y;
  pdf.addPage();
  return PDF_MARGIN.top;
}

function heading(pdf: Pdf, text: string, y: number): number {
  const top = ensureRoom(pdf, y, 40);
  pdf.font(PDF_BOLD).fontSize(11).fillColor(PDF_INK).text(s(text), PDF_MARGIN.left, top);
  return pdf.y + 4;
}

/** Label/value pairs in two columns. */
/** Label and value pairs, two a row; values (the client's name among them) in their script. */
function facts(pdf: Pdf, rows: [string, string][], y: number): number {
  const t = new ScriptTypesetter(pdf);
  const half = contentWidth(pdf) / 2;
  let cursor = y;
  for (let i = 0; i < rows.length; i += 2) {
    let bottom = cursor;
    for (const [column, row] of rows.slice(i, i + 2).entries()) {
      const x = PDF_MARGIN.left + column * half;
      pdf.font(PDF_FONT).fontSize(8).fillColor(PDF_MUTED).text(s(row[0]), x, cursor, { width: 95 });
      pdf.fontSize(9).fillColor(PDF_INK);
      t.text(row[1], x + 95, cursor, { width: half - 100 }, true);
      bottom = Math.max(bottom, pdf.y);
    }
    cursor = bottom + 3;
  }
  return cursor + 6;
}

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

function table(pdf: Pdf, columns: Column[], rows: string[][], y: number): number {
  const size = 7.5;
  const drawHeader = (top: number): number => {
    const total = columns.reduce((sum, c) => sum + c.width, 0);
    pdf.rect(PDF_MARGIN.left, top, total, 14).fillColor('#eef2f5').fill();
    let x = PDF_MARGIN.left;
    pdf.font(PDF_BOLD).fontSize(size).fillColor(PDF_INK);
    for (const column of columns) {
      pdf.text(s(column.title), x + 3, top + 4, {
        width: column.width - 6,
        align: column.align ?? 'left',
        lineBreak: false,
      });
      x += column.width;
    }
    return top + 14;
  };
  let cursor = drawHeader(ensureRoom(pdf, y, 40));
  for (const row of rows) {
    pdf.font(PDF_FONT).fontSize(size);
    const height =
      Math.max(
        ...row.map((cell, i) =>
          pdf.heightOfString(s(cell) || ' ', { width: columns[i].width - 6 }),
        ),
      ) + 6;
    if (cursor + height > pdf.page.height - PDF_MARGIN.bottom) {
      pdf.addPage();
      cursor = drawHeader(PDF_MARGIN.top);
    }
    let x = PDF_MARGIN.left;
    pdf.font(PDF_FONT).fontSize(size).fillColor(PDF_INK);
    for (const [i, cell] of row.entries()) {
      pdf.text(s(cell), x + 3, cursor + 3, {
        width: columns[i].width - 6,
        align: columns[i].align ?? 'left',
      });
      x += columns[i].width;
    }
    cursor += height;
    pdf
      .moveTo(PDF_MARGIN.left, cursor)
      .lineTo(PDF_MARGIN.left + contentWidth(pdf), cursor)
      .lineWidth(0.4)
      .strokeColor(PDF_RULE)
      .stroke();
  }
  if (rows.length === 0) {
    pdf
      .font(PDF_FONT)
      .fontSize(size)
      .fillColor(PDF_MUTED)
      .text('None.', PDF_MARGIN.left + 3, cursor + 4);
    cursor = pdf.y + 4;
  }
  return cursor + 10;
}

function figuresLine(figures: ColdChainFiguresDto): string {
  return (
    `${figures.reading_count} readings; min ${celsius(figures.min_c)}, max ${celsius(figures.max_c)}, ` +
    `mean ${celsius(figures.mean_c)}, MKT ${celsius(figures.mkt_c)}; ` +
    `${figures.out_of_range_minutes.toFixed(1)} minutes out of range`
  );
}

/**
 * The chamber temperatures over the lot's life: each stay's allowed range as a green band, the
 * min-max envelope of each bucket in light blue and the bucket means as a blue line; dashed lines
 * mark transfers.
 */
function chart(pdf: Pdf, certificate: ColdChainCertificateDto, y: number): number {
  const stays = certificate.stays;
  const top = ensureRoom(pdf, y, CHART_HEIGHT + 40);
  const left = PDF_MARGIN.left + 40;
  const width = contentWidth(pdf) - 40;
  const bottom = top + CHART_HEIGHT;
  const points = stays.flatMap((stay) => stay.points);
  if (stays.length === 0 || points.length === 0) {
    pdf
      .font(PDF_FONT)
      .fontSize(8)
      .fillColor(PDF_MUTED)
      .text('No readings to chart.', PDF_MARGIN.left, top);
    return pdf.y + 10;
  }
  const start = Date.parse(stays[0].started_at);
  const end = Math.max(
    ...stays.map((stay) => (stay.ended_at ? Date.parse(stay.ended_at) : 0)),
    ...points.map((p) => Date.parse(p.at)),
    start + 1,
  );
  const values = [
    ...points.flatMap((p) => [p.min_c, p.max_c]),
    ...stays.flatMap((stay) => [stay.limit_min_c, stay.limit_max_c]),
  ];
  const low = Math.floor(Math.min(...values)) - 1;
  const high = Math.ceil(Math.max(...values)) + 1;
  const xOf = (ms: number): number =>
    left + (Math.min(Math.max(ms, start), end) - start) * (width / (end - start));
  const yOf = (c: number): number => bottom - ((c - low) / (high - low)) * CHART_HEIGHT;

  for (const stay of stays) {
    const from = xOf(Date.parse(stay.started_at));
    const to = xOf(stay.ended_at ? Date.parse(stay.ended_at) : end);
    pdf
      .rect(
        from,
        yOf(stay.limit_max_c),
        Math.max(to - from, 0.5),
        yOf(stay.limit_min_c) - yOf(stay.limit_max_c),
      )
      .fillColor(BAND)
      .fill();
  }
  // Axes and a label every fifth of the range.
  pdf.lineWidth(0.5).strokeColor(PDF_MUTED);
  pdf
    .moveTo(left, top)
    .lineTo(left, bottom)
    .lineTo(left + width, bottom)
    .stroke();
  pdf.font(PDF_FONT).fontSize(7).fillColor(PDF_MUTED);
  for (let i = 0; i <= 5; i += 1) {
    const c = low + ((high - low) * i) / 5;
    pdf.text(`${c.toFixed(1)} °C`, PDF_MARGIN.left, yOf(c) - 3, {
      width: 36,
      align: 'right',
      lineBreak: false,
    });
  }
  const zone = certificate.lot.warehouse_timezone;
  pdf.text(localTime(new Date(start).toISOString(), zone), left, bottom + 4, { lineBreak: false });
  pdf.text(localTime(new Date(end).toISOString(), zone), left + width - 80, bottom + 4, {
    width: 80,
    align: 'right',
    lineBreak: false,
  });

  for (const stay of stays) drawStaySeries(pdf, stay, xOf, yOf);
  for (const stay of stays.slice(1)) {
    const x = xOf(Date.parse(stay.started_at));
    pdf
      .save()
      .dash(3, { space: 2 })
      .moveTo(x, top)
      .lineTo(x, bottom)
      .strokeColor(PDF_MUTED)
      .stroke()
      .restore();
    pdf
      .font(PDF_FONT)
      .fontSize(6.5)
      .fillColor(PDF_MUTED)
      .text(s(stay.chamber_code), x + 2, top, { lineBreak: false });
  }
  return bottom + 22;
}

function drawStaySeries(
  pdf: Pdf,
  stay: CertificateStayDto,
  xOf: (ms: number) => number,
  yOf: (c: number) => number,
): void {
  if (stay.points.length === 0) return;
  const xs = stay.points.map((p) => xOf(Date.parse(p.at)));
  pdf.moveTo(xs[0], yOf(stay.points[0].max_c));
  stay.points.forEach((p, i) => pdf.lineTo(xs[i], yOf(p.max_c)));
  for (let i = stay.points.length - 1; i >= 0; i -= 1) pdf.lineTo(xs[i], yOf(stay.points[i].min_c));
  pdf.closePath().fillColor(ENVELOPE).fillOpacity(0.5).fill().fillOpacity(1);
  pdf.moveTo(xs[0], yOf(stay.points[0].avg_c));
  stay.points.forEach((p, i) => pdf.lineTo(xs[i], yOf(p.avg_c)));
  pdf
    .lineWidth(stay.points.length > 1 ? 1 : 2)
    .strokeColor(LINE)
    .stroke();
}

function footers(pdf: Pdf, certificate: ColdChainCertificateDto): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - PDF_MARGIN.bottom + 25;
    pdf.font(PDF_FONT).fontSize(8).fillColor(PDF_MUTED);
    pdf.text(
      s(
        `Cold-chain certificate ${certificate.lot.lot_number} · verification ${certificate.verification_code}`,
      ),
      PDF_MARGIN.left,
      y,
      { lineBreak: false },
    );
    pdf.text(`Page ${index - start + 1} of ${count}`, PDF_MARGIN.left, y, {
      width: contentWidth(pdf),
      align: 'right',
      lineBreak: false,
    });
  }
}

/** The certificate as a PDF: lot, summary, stays, chart, excursions and the verification code. */
export async function renderCertificatePdf(certificate: ColdChainCertificateDto): Promise<Buffer> {
  const { lot } = certificate;
  const zone = lot.warehouse_timezone;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: PDF_MARGIN,
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: s(`Cold-chain certificate ${lot.lot_number}`),
      Author: s(lot.warehouse_name),
      Subject: s(`${lot.commodity_name} for ${lot.company_name}`),
      CreationDate: new Date(certificate.generated_at),
    },
  });
  const finished = pdfBuffer(pdf);

  pdf
    .font(PDF_BOLD)
    .fontSize(16)
    .fillColor(PDF_INK)
    .text('Cold-chain certificate', PDF_MARGIN.left, PDF_MARGIN.top);
  pdf.font(PDF_FONT).fontSize(9).fillColor(PDF_MUTED);
  pdf.text(s(`${lot.warehouse_name} (${lot.warehouse_code}) · times in ${zone}`));
  let y = pdf.y + 12;
  y = facts(
    pdf,
    [
      ['Lot', lot.lot_number],
      ['Client', lot.company_name],
      ['Commodity', `${lot.commodity_name} (${lot.commodity_code})`],
      ['Storage range', `${lot.commodity_min_temp_c} to ${lot.commodity_max_temp_c} °C`],
      ['Received', localTime(lot.received_at, zone)],
      ['Status', lot.status],
      ['Quantity received', `${lot.quantity_received} ${lot.unit}`],
      ['On hand', `${lot.quantity} ${lot.unit}, ${lot.weight_kg} kg`],
    ],
    y,
  );
  y = heading(pdf, 'Summary', y);
  pdf
    .font(PDF_FONT)
    .fontSize(9)
    .fillColor(PDF_INK)
    .text(s(figuresLine(certificate.overall)), PDF_MARGIN.left, y, {
      width: contentWidth(pdf),
    });
  y = pdf.y + 10;

  y = heading(pdf, 'Chambers and temperatures', y);
  y = table(
    pdf,
    [
      { title: 'Chamber', width: 52 },
      { title: 'From', width: 62 },
      { title: 'To', width: 62 },
      { title: 'Range °C', width: 52, align: 'right' },
      { title: 'Readings', width: 40, align: 'right' },
      { title: 'Min', width: 38, align: 'right' },
      { title: 'Max', width: 38, align: 'right' },
      { title: 'Mean', width: 38, align: 'right' },
      { title: 'MKT', width: 38, align: 'right' },
      { title: 'Out of range (min)', width: 85, align: 'right' },
    ],
    certificate.stays.map((stay) => [
      stay.chamber_code,
      localTime(stay.started_at, zone),
      stay.ended_at ? localTime(stay.ended_at, zone) : 'still there',
      `${stay.limit_min_c} to ${stay.limit_max_c}`,
      String(stay.reading_count),
      stay.min_c === null ? '-' : stay.min_c.toFixed(2),
      stay.max_c === null ? '-' : stay.max_c.toFixed(2),
      stay.mean_c === null ? '-' : stay.mean_c.toFixed(2),
      stay.mkt_c === null ? '-' : stay.mkt_c.toFixed(2),
      stay.out_of_range_minutes.toFixed(1),
    ]),
    y,
  );

  y = heading(pdf, `Temperature (${certificate.chart_bucket} buckets; green: allowed range)`, y);
  y = chart(pdf, certificate, y);

  y = heading(pdf, 'Excursions', y);
  y = table(
    pdf,
    [
      { title: 'Chamber', width: 50 },
      { title: 'Started', width: 62 },
      { title: 'Ended', width: 62 },
      { title: 'Extremes °C', width: 62, align: 'right' },
      { title: 'Held', width: 30 },
      { title: 'Disposition', width: 64 },
      { title: 'Note, by, when', width: 175 },
    ],
    certificate.excursions.map((e) => [
      e.chamber_code,
      localTime(e.started_at, zone),
      e.ended_at ? localTime(e.ended_at, zone) : 'open',
      `${e.min_temp_c} / ${e.max_temp_c}`,
      e.held ? 'yes' : 'no',
      e.disposition ?? (e.held ? 'pending' : '-'),
      [e.disposition_note, e.disposed_by, e.disposed_at && localTime(e.disposed_at, zone)]
        .filter(Boolean)
        .join(' · '),
    ]),
    y,
  );

  y = ensureRoom(pdf, y, 50);
  pdf
    .font(PDF_BOLD)
    .fontSize(10)
    .fillColor(PDF_INK)
    .text(`Verification code: ${certificate.verification_code}`, PDF_MARGIN.left, y);
  pdf
    .font(PDF_FONT)
    .fontSize(8)
    .fillColor(PDF_MUTED)
    .text(
      s(
        `Generated ${localTime(certificate.generated_at, zone)} (${zone}). The code is computed from the ` +
          'figures above; anyone with access to the lot can check it against the data as it stands.',
      ),
      { width: contentWidth(pdf) },
    );
  footers(pdf, certificate);
  pdf.end();
  return finished;
}
