import type { AuditSqlFields } from '../../audit/audit.sql';

/**
 * A receipt's SQL, with no framework imports (only relative ones), so the benchmark baseline
 * receives goods with exactly the queries the API sends.
 */

/** What a receipt is checked against, in one query (one row, whatever exists): $1 chamber, $2 commodity, $3 client. */
export const INWARD_TARGETS_SQL = `SELECT ch.id AS chamber_id, ch.code AS chamber_code, ch.warehouse_id, w.code AS warehouse_code,
            ch.active, ch.min_temp_c::text AS chamber_min, ch.max_temp_c::text AS chamber_max,
            co.id AS commodity_id, co.code AS commodity_code, co.unit,
            co.min_temp_c::text AS commodity_min, co.max_temp_c::text AS commodity_max,
            co.shelf_life_days, co.on_food_traceability_list,
            EXISTS (SELECT 1 FROM clients c WHERE c.id = $3) AS client_exists
       FROM (VALUES (1)) AS one (x)
       LEFT JOIN (chambers ch JOIN warehouses w ON w.id = ch.warehouse_id) ON ch.id = $1
       LEFT JOIN commodities co ON co.id = $2`;

export interface Receipt {
  chamberId: string;
  warehouseId: string;
  warehouseCode: string;
  commodityId: string;
  clientId: string;
  quantity: number;
  /** Decimal kg, as the movement stores it. */
  weightKg: string;
  position: string | null;
  /** A short grade code (PLAIN, SEED, …); rate cards may key on it. */
  grade?: string | null;
  receivedAt: Date;
  expiryDate: string | null;
  reference: string | null;
  vehicleNumber: string | null;
  notes: string | null;
  recordedById: string;
}

/** Builds the audit event's sub-query, binding its values into `params`. */
export type AuditInsert = (params: unknown[], fields: AuditSqlFields) => string;

/**
 * A receipt in one query, so one round trip and all or nothing without a transaction: the
 * closed-history check first (the other parts read its result), then the next lot number of the
 * warehouse and year (the counter row serialises concurrent receipts), the lot, its INWARD
 * movement (whose trigger fills the lot at the end of the query) and the audit event, which
 * gets the lot's id and number from the query. Returns the lot as inserted.
 */
export function receiptSql(
  receipt: Receipt,
  auditInsert: AuditInsert,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const bind = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const warehouse = bind(receipt.warehouseId, 'uuid');
  const client = bind(receipt.clientId, 'uuid');
  const at = bind(receipt.receivedAt, 'timestamptz');
  const year = bind(receipt.receivedAt.getUTCFullYear(), 'int');
  const sql = `
    WITH open AS (
      SELECT stock_history_assert_open(${client}, ${warehouse}, ${at}) AS history_open
    ),
    counter AS (
      INSERT INTO lot_number_counters (warehouse_id, year, last_value)
      SELECT ${warehouse}, ${year}, 1 FROM open WHERE history_open
      ON CONFLICT (warehouse_id, year)
      DO UPDATE SET last_value = lot_number_counters.last_value + 1, updated_at = now()
      RETURNING last_value::text AS serial
    ),
    lot AS (
      INSERT INTO lots (warehouse_id, client_id, commodity_id, chamber_id, lot_number, position,
                        grade, received_at, expiry_date, last_movement_at, status)
      SELECT ${warehouse}, ${client}, ${bind(receipt.commodityId, 'uuid')},
             ${bind(receipt.chamberId, 'uuid')},
             ${bind(`${receipt.warehouseCode}-`, 'text')} || ${year} || '-'
               || lpad(serial, greatest(6, length(serial)), '0'),
             ${bind(receipt.position, 'varchar')}, ${bind(receipt.grade ?? null, 'varchar')},
             ${at}, ${bind(receipt.expiryDate, 'date')},
             ${at}, 'IN_STOCK'
        FROM counter
      RETURNING id, lot_number, warehouse_id, client_id, commodity_id, chamber_id, position,
                grade, received_at, expiry_date::text AS expiry_date, status, hold_reason,
                last_movement_at, created_at, updated_at
    ),
    movement AS (
      INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                   weight_delta_kg, occurred_at, reference, vehicle_number,
                                   notes, recorded_by_id)
      SELECT id, warehouse_id, client_id, 'INWARD', ${bind(receipt.quantity, 'int')},
             ${bind(receipt.weightKg, 'numeric')}, ${at}, ${bind(receipt.reference, 'varchar')},
             ${bind(receipt.vehicleNumber, 'varchar')}, ${bind(receipt.notes, 'varchar')},
             ${bind(receipt.recordedById, 'uuid')}
        FROM lot
    ),
    audit AS (
      ${auditInsert(params, {
        from: 'lot',
        entityId: 'lot.id',
        after: `jsonb_build_object('lot_number', lot.lot_number)`,
      })}
    )
    SELECT * FROM lot`;
  return { sql, params };
}
