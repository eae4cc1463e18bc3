import { LOCATION_FIELDS, type LocationDescription } from '../location-description';
import { TraceabilityEventType, TransformationRole } from '../records/traceability-event-type.enum';

/** One traceability lot code in one Critical Tracking Event, as the export query reads it. */
export interface ExportRow {
  type: TraceabilityEventType;
  role: TransformationRole | null;
  tlc: string;
  tlc_assigned: boolean;
  quantity: number;
  unit: string;
  product_description: string;
  occurred_at: Date | string;
  /** The day it happened in the warehouse's time zone, YYYY-MM-DD. */
  occurred_on: string;
  location: LocationDescription;
  partner: LocationDescription | null;
  tlc_source: LocationDescription | null;
  tlc_source_reference: string | null;
  reference_document_type: string | null;
  reference_document_number: string | null;
  transformation_id: string | null;
  transformation_kind: string | null;
  lot_number: string;
  gate_pass_reference: string | null;
  commodity_code: string;
  warehouse_code: string;
  plan_version: number | null;
}

export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  value: (row: ExportRow) => Cell;
  numeric?: boolean;
  /** Spreadsheet column width, in characters. */
  width: number;
}

const LOCATION_HEADERS: Record<(typeof LOCATION_FIELDS)[number], [string, number]> = {
  business_name: ['Business name', 28],
  phone: ['Phone', 18],
  street_address: ['Street address', 30],
  city: ['City', 16],
  region: ['State/region', 12],
  postal_code: ['Postal code', 12],
  country: ['Country', 9],
  gln: ['GLN', 16],
};

/** A location description split into its eight columns, headed "<label> — <field>". */
function locationColumns(
  label: string,
  pick: (row: ExportRow) => LocationDescription | null,
): ExportColumn[] {
  return LOCATION_FIELDS.map((field) => ({
    header: `${label} — ${LOCATION_HEADERS[field][0]}`,
    value: (row: ExportRow) => pick(row)?.[field] ?? null,
    width: LOCATION_HEADERS[field][1],
  }));
}

/** Only for rows of this event type (the CSV's union of columns leaves the others empty). */
function onlyFor(type: TraceabilityEventType, columns: ExportColumn[]): ExportColumn[] {
  return columns.map((column) => ({
    ...column,
    value: (row: ExportRow) => (row.type === type ? column.value(row) : null),
  }));
}

const isoTime = (value: Date | string): string =>
  value instanceof Date ? value.toISOString() : new Date(value).toISOString();

const ROLE_NAMES: Record<TransformationRole, string> = {
  [TransformationRole.Input]: 'Input',
  [TransformationRole.Output]: 'Output',
};

const EVENT_NAMES: Record<TraceabilityEventType, string> = {
  [TraceabilityEventType.Receiving]: 'Receiving',
  [TraceabilityEventType.Shipping]: 'Shipping',
  [TraceabilityEventType.Transformation]: 'Transformation',
};

const col = (
  header: string,
  width: number,
  value: (row: ExportRow) => Cell,
  numeric = false,
): ExportColumn => ({ header, width, value, numeric });

const TLC = col('Traceability lot code', 24, (r) => r.tlc);
const TLC_ASSIGNED = col('TLC assigned by us', 10, (r) => (r.tlc_assigned ? 'Yes' : 'No'));
const QUANTITY = col('Quantity', 10, (r) => r.quantity, true);
const UNIT = col('Unit of measure', 10, (r) => r.unit);
const PRODUCT = col('Product description', 36, (r) => r.product_description);
const TLC_SOURCE = locationColumns('TLC source', (r) => r.tlc_source);
const TLC_SOURCE_REFERENCE = col('TLC source reference', 24, (r) => r.tlc_source_reference);
const DOCUMENT_TYPE = col('Reference document type', 16, (r) => r.reference_document_type);
const DOCUMENT_NUMBER = col('Reference document number', 20, (r) => r.reference_document_number);
const LOT_NUMBER = col('Lot number', 20, (r) => r.lot_number);
const GATE_PASS = col('Gate pass reference', 18, (r) => r.gate_pass_reference);
const COMMODITY = col('Commodity code', 14, (r) => r.commodity_code);
const WAREHOUSE = col('Warehouse code', 12, (r) => r.warehouse_code);
const PLAN_VERSION = col('Traceability plan version', 10, (r) => r.plan_version, true);
const TRANSFORMATION_ID = col('Transformation ID', 38, (r) => r.transformation_id);
const TRANSFORMATION_KIND = col('Transformation kind', 12, (r) => r.transformation_kind);
const ROLE = col('Role', 8, (r) => (r.role ? ROLE_NAMES[r.role] : null));

const day = (header: string): ExportColumn => col(header, 12, (r) => r.occurred_on);
const time = (header: string): ExportColumn => col(header, 26, (r) => isoTime(r.occurred_at));

/** The Key Data Elements of each event (21 CFR 1.1345, 1.1340, 1.1350) in the rule's order. */
export const SHEET_COLUMNS: Record<TraceabilityEventType, ExportColumn[]> = {
  [TraceabilityEventType.Receiving]: [
    TLC,
    TLC_ASSIGNED,
    QUANTITY,
    UNIT,
    PRODUCT,
    ...locationColumns('Immediate previous source', (r) => r.partner),
    ...locationColumns('Receiving location', (r) => r.location),
    day('Date received (warehouse local)'),
    time('Time received (UTC)'),
    ...TLC_SOURCE,
    TLC_SOURCE_REFERENCE,
    DOCUMENT_TYPE,
    DOCUMENT_NUMBER,
    LOT_NUMBER,
    COMMODITY,
    WAREHOUSE,
    PLAN_VERSION,
  ],
  [TraceabilityEventType.Shipping]: [
    TLC,
    TLC_ASSIGNED,
    QUANTITY,
    UNIT,
    PRODUCT,
    ...locationColumns('Immediate subsequent recipient', (r) => r.partner),
    ...locationColumns('Ship-from location', (r) => r.location),
    day('Date shipped (warehouse local)'),
    time('Time shipped (UTC)'),
    ...TLC_SOURCE,
    TLC_SOURCE_REFERENCE,
    DOCUMENT_TYPE,
    DOCUMENT_NUMBER,
    LOT_NUMBER,
    GATE_PASS,
    COMMODITY,
    WAREHOUSE,
    PLAN_VERSION,
  ],
  [TraceabilityEventType.Transformation]: [
    TRANSFORMATION_ID,
    TRANSFORMATION_KIND,
    ROLE,
    TLC,
    TLC_ASSIGNED,
    QUANTITY,
    UNIT,
    PRODUCT,
    ...locationColumns('Transformation location', (r) => r.location),
    day('Date completed (warehouse local)'),
    time('Time completed (UTC)'),
    ...TLC_SOURCE,
    TLC_SOURCE_REFERENCE,
    DOCUMENT_TYPE,
    DOCUMENT_NUMBER,
    LOT_NUMBER,
    COMMODITY,
    WAREHOUSE,
    PLAN_VERSION,
  ],
};

export const SHEET_NAMES: Record<TraceabilityEventType, string> = EVENT_NAMES;

/** The CSV's columns: the union of the sheets', event type and role first. */
export const CSV_COLUMNS: ExportColumn[] = [
  col('Event type', 14, (r) => EVENT_NAMES[r.type]),
  ROLE,
  TRANSFORMATION_ID,
  TRANSFORMATION_KIND,
  TLC,
  TLC_ASSIGNED,
  QUANTITY,
  UNIT,
  PRODUCT,
  ...onlyFor(
    TraceabilityEventType.Receiving,
    locationColumns('Immediate previous source', (r) => r.partner),
  ),
  ...onlyFor(
    TraceabilityEventType.Shipping,
    locationColumns('Immediate subsequent recipient', (r) => r.partner),
  ),
  ...locationColumns('Event location (receiving, ship-from or transformation)', (r) => r.location),
  day('Date (warehouse local)'),
  time('Time (UTC)'),
  ...TLC_SOURCE,
  TLC_SOURCE_REFERENCE,
  DOCUMENT_TYPE,
  DOCUMENT_NUMBER,
  LOT_NUMBER,
  GATE_PASS,
  COMMODITY,
  WAREHOUSE,
  PLAN_VERSION,
];
