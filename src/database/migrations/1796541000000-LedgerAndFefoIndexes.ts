import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes found by the scaling benchmark:
 * - a client's lots of one commodity: FEFO compares every dispatch with them (the lots it would
 *   have taken first) and pick suggestions rank them; both combined two bitmap scans, one over
 *   every lot of the commodity;
 * - a lot's movements carry their quantity and weight in the index, so `verify-ledger` sums
 *   every lot's movements by an index-only scan. Movements are stored in time order, a lot's
 *   scattered over the table: at a million lots the heap reads took 21 of its 25 seconds;
 * - a client's movements carry their lot, warehouse, quantity and weight, so a client's
 *   statement sums them by an index-only scan (at a million lots, 0.1 s instead of 0.9 s).
 */
export class LedgerAndFefoIndexes1796541000000 implements MigrationInterface {
  name = 'LedgerAndFefoIndexes1796541000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_lots_client_commodity" ON "lots" ("client_id", "commodity_id")`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_lot"`);
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_lot" ON "stock_movements" ("lot_id", "occurred_at")
         INCLUDE ("quantity_delta", "weight_delta_kg")`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_client"`);
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_client" ON "stock_movements" ("client_id", "occurred_at")
         INCLUDE ("lot_id", "warehouse_id", "quantity_delta", "weight_delta_kg")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_client"`);
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_client" ON "stock_movements" ("client_id", "occurred_at")`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_lot"`);
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_lot" ON "stock_movements" ("lot_id", "occurred_at")`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_lots_client_commodity"`);
  }
}
