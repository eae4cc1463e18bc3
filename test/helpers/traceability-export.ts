import { Workbook, type Worksheet } from 'exceljs';
import request from 'supertest';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** exceljs types its input as its own Buffer interface (an ArrayBuffer); Node's Buffer works. */
export const xlsxBytes = (body: unknown) => body as Parameters<Workbook['xlsx']['load']>[0];

export type Row = Record<string, string | number | null>;

/** A sheet's rows as objects keyed by the header row's labels. */
export function sheetRows(sheet: Worksheet): Row[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      Object.fromEntries(
        headers.map((header, i) => {
          const value = values[i];
          return [header, typeof value === 'number' || typeof value === 'string' ? value : null];
        }),
      ),
    );
  });
  return rows;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return records;
}

const LOCATION_FIELDS = [
  'Business name',
  'Phone',
  'Street address',
  'City',
  'State/region',
  'Postal code',
  'Country',
];
const located = (label: string): string[] => LOCATION_FIELDS.map((f) => `${label} — ${f}`);

/** The Key Data Elements every row of a sheet must fill (GLN is optional in the rule). */
export const REQUIRED: Record<string, string[]> = {
  Receiving: [
    'Traceability lot code',
    'TLC assigned by us',
    'Quantity',
    'Unit of measure',
    'Product description',
    ...located('Immediate previous source'),
    ...located('Receiving location'),
    'Date received (warehouse local)',
    'Time received (UTC)',
    ...located('TLC source'),
    'Reference document type',
    'Reference document number',
    'Lot number',
    'Commodity code',
    'Warehouse code',
  ],
  Shipping: [
    'Traceability lot code',
    'Quantity',
    'Unit of measure',
    'Product description',
    ...located('Immediate subsequent recipient'),
    ...located('Ship-from location'),
    'Date shipped (warehouse local)',
    'Time shipped (UTC)',
    ...located('TLC source'),
    'Reference document type',
    'Reference document number',
    'Lot number',
  ],
  Transformation: [
    'Transformation ID',
    'Role',
    'Traceability lot code',
    'Quantity',
    'Unit of measure',
    'Product description',
    ...located('Transformation location'),
    'Date completed (warehouse local)',
    'Time completed (UTC)',
    'Reference document type',
    'Reference document number',
    'Lot number',
  ],
};

/** Every required column of every sheet's header, and a value in it on every row. */
export function expectEveryElement(book: Workbook): void {
  for (const [name, required] of Object.entries(REQUIRED)) {
    const sheet = book.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(expect.arrayContaining(required));
    for (const row of sheetRows(sheet)) {
      for (const column of required) {
        expect([name, column, row[column]]).toEqual([name, column, expect.anything()]);
        expect(row[column]).not.toBe('');
      }
    }
  }
}

/** An export read whole as bytes (XLSX or CSV), whatever its content type. */
export const exportBytes = (server: Parameters<typeof request>[0], token: string, query: string) =>
  request(server)
    .get(`/api/traceability/export?${query}`)
    .set('Authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        done(null, Buffer.concat(chunks));
      });
    });

/** An XLSX export loaded back with exceljs. */
export async function exportWorkbook(
  server: Parameters<typeof request>[0],
  token: string,
  query: string,
): Promise<Workbook> {
  const res = await exportBytes(server, token, query).expect(200);
  expect(res.headers['content-type']).toBe(XLSX);
  const book = new Workbook();
  await book.xlsx.load(xlsxBytes(res.body));
  return book;
}
