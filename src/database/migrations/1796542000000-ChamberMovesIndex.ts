import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The movements that change a lot's chamber (transfers), indexed by lot and time. A client's
 * statement asks every lot for the chamber it was in at the end of the day; most lots never
 * moved, and without this index each question read the lot's whole ledger from the heap: at a
 * million lots, 0.4 of the statement's 0.8 s, and the reason it grew faster than the data.
 */
export class ChamberMovesIndex1796542000000 implements MigrationInterface {
  name = 'ChamberMovesIndex1796542000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_stock_movements_chamber_moves" ON "stock_movements" ("lot_id", "occurred_at")
         WHERE "to_chamber_id" IS NOT NULL OR "from_chamber_id" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_stock_movements_chamber_moves"`);
  }
}
