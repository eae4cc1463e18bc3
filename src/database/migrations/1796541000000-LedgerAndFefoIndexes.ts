import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes found by the scaling benchmark:
 * - a client's lots of one commodity: FEFO compares every dispatch with them (the lots it would
 *   have taken first) and pick suggestions rank them; both combined two bitmap scans, one over
 *   every lot of the commodity;
 * - a lot's movements carry their quantity and weight in the index, so `verify-ledger` sums
 *   every lot's movements by an index-only scan. Movements are stored in time order, a lot's
 *   scattered over the table: at a million lots the heap reads took 21 of its 25 seconds.
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
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_lot"`);
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_lot" ON "stock_movements" ("lot_id", "occurred_at")`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_lots_client_commodity"`);
  }
}
