import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LotStatus } from 'src/inventory/lot-status.enum';

/** A lot whose stored figures disagree with its movements; numbers as decimal strings. */
export interface LotMismatch {
  lotNumber: string;
  warehouseCode: string;
  status: LotStatus;
  storedQuantity: string;
  computedQuantity: string;
  storedWeightKg: string;
  computedWeightKg: string;
  quantityMatches: boolean;
  weightMatches: boolean;
  /** DEPLETED exactly when the quantity is zero. */
  statusMatches: boolean;
}

export interface LedgerReport {
  lotsChecked: number;
  mismatchCount: number;
  /** The first mismatches by warehouse code and lot number, at most the limit asked for. */
  mismatches: LotMismatch[];
}

interface MismatchRow {
  lot_number: string;
  warehouse_code: string;
  status: LotStatus;
  stored_quantity: string;
  computed_quantity: string;
  stored_weight_kg: string;
  computed_weight_kg: string;
  quantity_matches: boolean;
  weight_matches: boolean;
  status_matches: boolean;
  mismatch_count: string;
}

// One pass over the movements (hash aggregate by lot), joined to the lots: set-based, so 1M
// movements take about a second and only the mismatching rows travel back.
const MISMATCHES_SQL = `
  WITH ledger AS (
    SELECT lot_id, sum(quantity_delta) AS quantity, sum(weight_delta_kg) AS weight_kg
      FROM stock_movements
     GROUP BY lot_id
  ), compared AS (
    SELECT l.lot_number, w.code AS warehouse_code, l.status,
           l.quantity AS stored_quantity, coalesce(m.quantity, 0) AS computed_quantity,
           l.weight_kg AS stored_weight_kg, coalesce(m.weight_kg, 0) AS computed_weight_kg
      FROM lots l
      JOIN warehouses w ON w.id = l.warehouse_id
      LEFT JOIN ledger m ON m.lot_id = l.id
  ), checked AS (
    SELECT *,
           stored_quantity = computed_quantity AND stored_quantity >= 0 AS quantity_matches,
           stored_weight_kg = computed_weight_kg AND stored_weight_kg >= 0 AS weight_matches,
           (status = 'DEPLETED') = (stored_quantity = 0) AS status_matches
      FROM compared
  )
  SELECT lot_number, warehouse_code, status,
         stored_quantity::text, computed_quantity::text,
         stored_weight_kg::text, computed_weight_kg::text,
         quantity_matches, weight_matches, status_matches,
         count(*) OVER () AS mismatch_count
    FROM checked
   WHERE NOT (quantity_matches AND weight_matches AND status_matches)
   ORDER BY warehouse_code, lot_number
   LIMIT $1`;

/** Checks that every lot's on-hand figures are the sum of its movements. */
@Injectable()
export class LedgerVerifierService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async verify(limit = 1_000): Promise<LedgerReport> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // One snapshot for the count and the comparison, so both describe the same moment.
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      // A full check of a large ledger may outlast the per-request timeout meant for the API.
      await runner.query('SET LOCAL statement_timeout = 0');
      const [{ lots }] = await runner.manager.query<{ lots: string }[]>(
        'SELECT count(*) AS lots FROM lots',
      );
      const rows = await runner.manager.query<MismatchRow[]>(MISMATCHES_SQL, [limit]);
      await runner.commitTransaction();
      return {
        lotsChecked: Number(lots),
        mismatchCount: rows.length > 0 ? Number(rows[0].mismatch_count) : 0,
        mismatches: rows.map((row) => ({
          lotNumber: row.lot_number,
          warehouseCode: row.warehouse_code,
          status: row.status,
          storedQuantity: row.stored_quantity,
          computedQuantity: row.computed_quantity,
          storedWeightKg: row.stored_weight_kg,
          computedWeightKg: row.computed_weight_kg,
          quantityMatches: row.quantity_matches,
          weightMatches: row.weight_matches,
          statusMatches: row.status_matches,
        })),
      };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}
