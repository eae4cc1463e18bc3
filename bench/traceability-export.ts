/**
 * S8 of `npm run bench`: the FSMA 204 export of a year of a large store, XLSX and CSV, against
 * PostgreSQL alone streaming the same rows (`COPY (the export's SELECT) TO STDOUT`) in the same
 * run. The run's database is a throwaway clone, so the events are simply added to it.
 */
import { Client } from 'pg';
import { SYSTEM_SCOPE } from 'src/rbac/data-scope';
import { eventsQuery } from 'src/traceability/export/export-query';
import { sampling, type Service } from './processes';

const FROM = '2025-07-01';
const TO = '2026-06-30';

export interface ExportRun {
  format: 'xlsx' | 'csv';
  seconds: number;
  bytes: number;
  rowsPerSecond: number;
  /** Export seconds ÷ COPY seconds (same rows, same run). */
  ratio: number;
  peakRssMb: number;
  /** The API's RSS just before the download: the growth is the export's. */
  rssBeforeMb: number;
}

export interface TraceabilityExportFigures {
  rows: number;
  warehouses: number;
  copySeconds: number;
  copyBytes: number;
  runs: ExportRun[];
}

async function withClient<T>(url: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/**
 * A year of Critical Tracking Events over the dataset's lots, in every warehouse: half
 * receiving, four in ten shipping, one in ten transformation rows; every commodity put on the
 * Food Traceability List, and a traceability plan per warehouse. One INSERT … SELECT.
 */
async function fill(url: string, rows: number): Promise<{ rows: number; warehouses: number }> {
  return withClient(url, async (db) => {
    await db.query('UPDATE commodities SET on_food_traceability_list = true');
    await db.query(
      `INSERT INTO traceability_plans
         (warehouse_id, business_name, phone, street_address, city, region, postal_code, country,
          contact_name, contact_phone, contact_email, record_keeping, ftl_identification,
          tlc_assignment)
       SELECT w.id, w.name || ' Cold Store', '+1 831 555 0100', w.address, 'Watsonville', 'CA',
              '95076', 'US', 'Dana Ortiz', '+1 831 555 0100', 'dana@example.com',
              'Kept in the WMS; exported on request.', 'FTL flag in the catalogue.',
              'TLC = lot number.'
         FROM warehouses w
       ON CONFLICT DO NOTHING`,
    );
    await db.query(
      `WITH picked AS (
         SELECT l.id, l.warehouse_id, l.client_id, l.commodity_id, l.lot_number,
                w.name AS warehouse_name, w.address, c.unit::text AS unit, c.name AS commodity_name,
                row_number() OVER (ORDER BY l.id) AS n
           FROM lots l JOIN warehouses w ON w.id = l.warehouse_id
           JOIN commodities c ON c.id = l.commodity_id
          LIMIT 50000),
       total AS (SELECT count(*) AS n FROM picked),
       place AS (
         SELECT p.*, jsonb_build_object(
                  'business_name', p.warehouse_name || ' Cold Store', 'phone', '+1 831 555 0100',
                  'street_address', p.address, 'city', 'Watsonville', 'region', 'CA',
                  'postal_code', '95076', 'country', 'US', 'gln', NULL) AS here
           FROM picked p)
       INSERT INTO traceability_events
         (type, role, lot_id, warehouse_id, client_id, commodity_id, tlc, tlc_assigned, quantity,
          unit, product_description, occurred_at, location, partner, tlc_source,
          tlc_source_reference, reference_document_type, reference_document_number)
       SELECT CASE WHEN g % 10 < 5 THEN 'RECEIVING' WHEN g % 10 < 9 THEN 'SHIPPING'
                   ELSE 'TRANSFORMATION' END::traceability_event_type,
              CASE WHEN g % 10 = 9 THEN (CASE WHEN g % 20 = 9 THEN 'INPUT' ELSE 'OUTPUT' END)
                   END::transformation_role,
              p.id, p.warehouse_id, p.client_id, p.commodity_id, p.lot_number, g % 7 = 0,
              1 + g % 500, left(p.unit, 20), p.commodity_name || ', 12 x 1 lb cartons',
              timestamptz '2025-07-01 00:00Z' + (g::float8 / $1) * interval '364 days',
              p.here,
              CASE WHEN g % 10 < 9 THEN jsonb_build_object(
                'business_name', 'Partner ' || (g % 400), 'phone', '+1 831 555 0134',
                'street_address', (g % 900) || ' Abbott Street', 'city', 'Salinas',
                'region', 'CA', 'postal_code', '93901', 'country', 'US',
                'gln', '0614141000005') END,
              p.here, NULL, 'BOL', 'BOL-' || g
         FROM generate_series(1, $1::int) g
         JOIN place p ON p.n = 1 + g % (SELECT n FROM total)`,
      [rows],
    );
    await db.query('ANALYZE traceability_events');
    const counted = await db.query<{ rows: number; warehouses: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT warehouse_id)::int AS warehouses FROM traceability_events',
    );
    return counted.rows[0];
  });
}

/** PostgreSQL alone: the export's own SELECT, every row, as CSV over the wire. */
async function copyBaseline(url: string): Promise<{ seconds: number; bytes: number }> {
  return withClient(url, async (db) => {
    const query = eventsQuery(
      SYSTEM_SCOPE,
      { from: FROM, to: TO, commodityId: null, tlc: null, warehouseId: null },
      null,
    );
    // COPY takes no parameters: the two dates go in as literals.
    const sql = query.params.reduceRight<string>(
      (text, value, i) => text.replaceAll(`$${i + 1}`, db.escapeLiteral(String(value))),
      query.sql,
    );
    let bytes = 0;
    const connection = (
      db as unknown as {
        connection: { on: (event: string, cb: (m: { chunk: Buffer }) => void) => void };
      }
    ).connection;
    connection.on('copyData', (message) => {
      bytes += message.chunk.length;
    });
    const started = performance.now();
    await db.query(`COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`);
    return { seconds: (performance.now() - started) / 1000, bytes };
  });
}

async function download(api: Service, token: string, format: 'xlsx' | 'csv'): Promise<number> {
  const response = await fetch(
    `${api.url}/api/traceability/export?from=${FROM}&to=${TO}&format=${format}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (response.status !== 200 || !response.body) {
    throw new Error(`The ${format} export answered ${response.status}: ${await response.text()}`);
  }
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  return bytes;
}

export async function benchTraceabilityExport(options: {
  url: string;
  api: Service;
  adminToken: string;
  rows: number;
  log: (line: string) => void;
}): Promise<TraceabilityExportFigures> {
  const { log } = options;
  const filled = await fill(options.url, options.rows);
  log(`  S8 ${filled.rows} FTL traceability events in ${filled.warehouses} warehouses`);
  // Warm-up: plans cached, pages in memory, for both sides.
  await copyBaseline(options.url);
  await download(options.api, options.adminToken, 'csv');
  const copy = await copyBaseline(options.url);
  const runs: ExportRun[] = [];
  for (const format of ['xlsx', 'csv'] as const) {
    const rssBeforeMb = options.api.rssMb();
    const started = performance.now();
    const { result: bytes, peak } = await sampling(
      () => options.api.rssMb(),
      () => download(options.api, options.adminToken, format),
      50,
    );
    const seconds = (performance.now() - started) / 1000;
    runs.push({
      format,
      seconds,
      bytes,
      rowsPerSecond: filled.rows / seconds,
      ratio: seconds / copy.seconds,
      peakRssMb: peak,
      rssBeforeMb,
    });
    log(
      `  S8 ${format}: ${seconds.toFixed(2)} s, ${Math.round(filled.rows / seconds)} rows/s, ` +
        `${(bytes / 1e6).toFixed(1)} MB, ${(seconds / copy.seconds).toFixed(2)} × COPY ` +
        `(${copy.seconds.toFixed(2)} s), peak RSS ${peak.toFixed(0)} MB (${rssBeforeMb.toFixed(0)} MB before)`,
    );
  }
  return { ...filled, copySeconds: copy.seconds, copyBytes: copy.bytes, runs };
}
