import type { QueryRunner } from 'typeorm';
import { SqlConditions } from 'src/common/sql-conditions';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { TraceabilityEventType } from '../records/traceability-event-type.enum';
import type { ExportRow } from './export-columns';

export interface ExportFilters {
  from: string;
  to: string;
  commodityId: string | null;
  tlc: string | null;
  warehouseId: string | null;
}

/**
 * The events of the export: Food Traceability List commodities only, within the caller's scope
 * and the filters, on the days from..to of each event's warehouse (a coarse UTC window first,
 * so the occurred_at indexes still narrow the scan).
 */
function eventConditions(
  scope: DataScope,
  filters: ExportFilters,
  type: TraceabilityEventType | null,
): SqlConditions {
  const where = new SqlConditions();
  const from = where.param(filters.from);
  const to = where.param(filters.to);
  where.add(`e.occurred_at >= ${from}::date - interval '1 day'`);
  where.add(`e.occurred_at < ${to}::date + interval '2 days'`);
  where.add(`(e.occurred_at AT TIME ZONE w.timezone)::date BETWEEN ${from}::date AND ${to}::date`);
  where.add('c.on_food_traceability_list');
  where.add(
    scopeCondition(scope, { warehouse: 'e.warehouse_id', client: 'e.client_id' }, where.params),
  );
  if (type) where.add(`e.type = ${where.param(type)}`);
  if (filters.commodityId) where.add(`e.commodity_id = ${where.param(filters.commodityId)}`);
  if (filters.tlc) where.add(`e.tlc = ${where.param(filters.tlc)}`);
  if (filters.warehouseId) where.add(`e.warehouse_id = ${where.param(filters.warehouseId)}`);
  return where;
}

/** The rows of one sheet (or, without a type, of the CSV), by time then code. */
export function eventsQuery(
  scope: DataScope,
  filters: ExportFilters,
  type: TraceabilityEventType | null,
): { sql: string; params: unknown[] } {
  const where = eventConditions(scope, filters, type);
  return {
    sql: `SELECT e.type, e.role, e.tlc, e.tlc_assigned, e.quantity, e.unit, e.product_description,
                 e.occurred_at,
                 to_char(e.occurred_at AT TIME ZONE w.timezone, 'YYYY-MM-DD') AS occurred_on,
                 e.location, e.partner, e.tlc_source, e.tlc_source_reference,
                 e.reference_document_type, e.reference_document_number,
                 e.transformation_id, t.kind AS transformation_kind,
                 l.lot_number, d.reference AS gate_pass_reference,
                 c.code AS commodity_code, w.code AS warehouse_code, p.version AS plan_version
            FROM traceability_events e
            JOIN commodities c ON c.id = e.commodity_id
            JOIN warehouses w ON w.id = e.warehouse_id
            JOIN lots l ON l.id = e.lot_id
            LEFT JOIN traceability_plans p ON p.warehouse_id = e.warehouse_id
            LEFT JOIN dispatches d ON d.id = e.dispatch_id
            LEFT JOIN transformations t ON t.id = e.transformation_id
           ${where.sql()}
           ORDER BY e.occurred_at, e.tlc, e.id`,
    params: where.params,
  };
}

/** A warehouse of the export with the traceability plan in force there (null when none). */
export interface PlanRow {
  warehouse_code: string;
  warehouse_name: string;
  business_name: string | null;
  phone: string | null;
  street_address: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  gln: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  version: number | null;
  updated_at: Date | null;
  record_keeping: string | null;
  ftl_identification: string | null;
  tlc_assignment: string | null;
}

/** The warehouses whose records the export holds (and the one asked for), with their plans. */
export function plansQuery(
  scope: DataScope,
  filters: ExportFilters,
): { sql: string; params: unknown[] } {
  const where = eventConditions(scope, filters, null);
  const asked = filters.warehouseId ? `OR w.id = ${where.param(filters.warehouseId)}` : '';
  return {
    sql: `SELECT w.code AS warehouse_code, w.name AS warehouse_name,
                 p.business_name, p.phone, p.street_address, p.city, p.region, p.postal_code,
                 p.country, p.gln, p.contact_name, p.contact_phone, p.contact_email, p.version,
                 p.updated_at, p.record_keeping, p.ftl_identification, p.tlc_assignment
            FROM warehouses w
            LEFT JOIN traceability_plans p ON p.warehouse_id = w.id
           WHERE w.id IN (SELECT DISTINCT e.warehouse_id
                            FROM traceability_events e
                            JOIN commodities c ON c.id = e.commodity_id
                            JOIN warehouses w ON w.id = e.warehouse_id
                           ${where.sql()}) ${asked}
           ORDER BY w.code`,
    params: where.params,
  };
}

const BATCH = 5000;
let cursors = 0;

/**
 * Reads a query's rows in batches through a server-side cursor, in the runner's open
 * transaction, so a year of records never sits in memory at once.
 */
export async function* cursorBatches(
  runner: QueryRunner,
  query: { sql: string; params: unknown[] },
): AsyncGenerator<ExportRow[]> {
  cursors += 1;
  const name = `traceability_export_${cursors}`;
  await runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${query.sql}`, query.params);
  for (;;) {
    const rows = (await runner.query(`FETCH FORWARD ${BATCH} FROM ${name}`)) as ExportRow[];
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH) break;
  }
  await runner.query(`CLOSE ${name}`);
}
