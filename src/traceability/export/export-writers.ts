import { stream as excel } from 'exceljs';
import { type EventEmitter, once } from 'node:events';
import type { Writable } from 'node:stream';
import { csvNumber, csvText } from 'src/common/csv';
import { TraceabilityEventType } from '../records/traceability-event-type.enum';
import {
  CSV_COLUMNS,
  SHEET_COLUMNS,
  SHEET_NAMES,
  type Cell,
  type ExportColumn,
  type ExportRow,
} from './export-columns';
import type { PlanRow } from './export-query';

/** The reader of a sheet's rows, batch by batch (null type: every event, for the CSV). */
export type RowSource = (type: TraceabilityEventType | null) => AsyncIterable<ExportRow[]>;

/** What the export was asked for, as its first sheet and its readers state it. */
export type ExportParameters = [label: string, value: string][];

/** The client went away: nothing more to write. */
export class ExportAbortedError extends Error {
  constructor() {
    super('The client closed the export download');
  }
}

/**
 * Waits for a stream's 'drain', or for the download to be closed (a cut download never drains
 * anything); then the listener of the other is removed, so waits never pile listeners up.
 */
async function drainOrClose(stream: EventEmitter, out: Writable): Promise<void> {
  const stop = new AbortController();
  const settled = (event: Promise<unknown>): Promise<void> =>
    event.then(
      () => undefined,
      () => undefined,
    );
  try {
    await Promise.race([
      settled(once(stream, 'drain', { signal: stop.signal })),
      settled(once(out, 'close', { signal: stop.signal })),
    ]);
  } finally {
    stop.abort();
  }
  if (out.destroyed) throw new ExportAbortedError();
}

/**
 * Waits while the response cannot take more, so a slow client holds back the database reads
 * instead of growing the buffers.
 */
async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new ExportAbortedError();
  if (out.writableNeedDrain) await drainOrClose(out, out);
}

/** What exceljs's sheet stream pipes its XML into (the zip entry's stream). */
interface SheetStream {
  stream?: { pipes?: (Writable & { _writableState?: { needDrain?: boolean } })[] };
}

/**
 * exceljs writes a sheet's XML into the zip without waiting for it to be compressed, so rows
 * produced faster than zlib takes them pile up in memory (hundreds of MB for a year). Waiting for
 * the zip entry's stream to drain after each batch keeps the export's memory flat.
 */
async function zipTaken(sheet: unknown, out: Writable): Promise<void> {
  for (const pipe of (sheet as SheetStream).stream?.pipes ?? []) {
    // archiver's streams are readable-stream's, which keep the flag in their state.
    if (!pipe._writableState?.needDrain) continue;
    await drainOrClose(pipe, out);
  }
}

const EVENT_TYPES = [
  TraceabilityEventType.Receiving,
  TraceabilityEventType.Shipping,
  TraceabilityEventType.Transformation,
] as const;

const PLAN_COLUMNS: [string, number, (plan: PlanRow) => Cell][] = [
  ['Warehouse code', 12, (p) => p.warehouse_code],
  ['Warehouse name', 24, (p) => p.warehouse_name],
  ['Business name', 28, (p) => p.business_name ?? 'No traceability plan on record'],
  ['Phone', 18, (p) => p.phone],
  ['Street address', 30, (p) => p.street_address],
  ['City', 16, (p) => p.city],
  ['State/region', 12, (p) => p.region],
  ['Postal code', 12, (p) => p.postal_code],
  ['Country', 9, (p) => p.country],
  ['GLN', 16, (p) => p.gln],
  ['Contact name', 22, (p) => p.contact_name],
  ['Contact phone', 18, (p) => p.contact_phone],
  ['Contact email', 28, (p) => p.contact_email],
  ['Plan version', 10, (p) => p.version],
  ['Plan updated at (UTC)', 26, (p) => p.updated_at?.toISOString() ?? null],
  ['How records are kept and produced', 60, (p) => p.record_keeping],
  ['How Food Traceability List foods are identified', 60, (p) => p.ftl_identification],
  ['How traceability lot codes are assigned', 60, (p) => p.tlc_assignment],
];

type Workbook = InstanceType<typeof excel.xlsx.WorkbookWriter>;

/** The export's parameters, then the plan in force at each warehouse of the export. */
function writePlanSheet(workbook: Workbook, plans: PlanRow[], parameters: ExportParameters): void {
  const sheet = workbook.addWorksheet('Traceability plan');
  sheet.columns = PLAN_COLUMNS.map(([, width]) => ({ width }));
  sheet.addRow(['FSMA 204 traceability records (21 CFR part 1, subpart S)']).commit();
  for (const [label, value] of parameters) sheet.addRow([label, value]).commit();
  sheet.addRow([]).commit();
  sheet.addRow(PLAN_COLUMNS.map(([label]) => label)).commit();
  for (const plan of plans) sheet.addRow(PLAN_COLUMNS.map(([, , value]) => value(plan))).commit();
  sheet.commit();
}

/** Streams the workbook: the plan sheet, then one sheet per event type, header frozen. */
export async function writeXlsx(
  out: Writable,
  plans: PlanRow[],
  parameters: ExportParameters,
  rows: RowSource,
): Promise<void> {
  // Inline strings rather than a shared-strings table: memory stays flat however many rows. No
  // cell styles: exceljs looks every cell's style up when they are on, which halves its speed;
  // the frozen header row and the filters need none.
  const workbook = new excel.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  workbook.creator = 'Cold-Storage Management System';
  writePlanSheet(workbook, plans, parameters);
  for (const type of EVENT_TYPES) {
    const columns = SHEET_COLUMNS[type];
    const sheet = workbook.addWorksheet(SHEET_NAMES[type], {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((column) => ({ width: column.width }));
    sheet.addRow(columns.map((column) => column.header)).commit();
    let count = 0;
    for await (const batch of rows(type)) {
      for (const row of batch) sheet.addRow(columns.map((column) => column.value(row))).commit();
      count += batch.length;
      await zipTaken(sheet, out);
      await drained(out);
    }
    // Written when the sheet is committed, so it can span the rows now known.
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: count + 1, column: columns.length },
    };
    sheet.commit();
  }
  await workbook.commit();
}

function csvLine(columns: readonly ExportColumn[], row: ExportRow): string {
  return columns
    .map((column) => {
      const value = column.value(row);
      if (value === null) return '';
      return column.numeric ? csvNumber(value) : csvText(String(value));
    })
    .join(',');
}

/** Streams the CSV: a header row, then one line per traceability lot code per event. */
export async function writeCsv(out: Writable, rows: RowSource): Promise<void> {
  out.write(`${CSV_COLUMNS.map((column) => csvText(column.header)).join(',')}\r\n`);
  for await (const batch of rows(null)) {
    let chunk = '';
    for (const row of batch) chunk += `${csvLine(CSV_COLUMNS, row)}\r\n`;
    out.write(chunk);
    await drained(out);
  }
  out.end();
}
