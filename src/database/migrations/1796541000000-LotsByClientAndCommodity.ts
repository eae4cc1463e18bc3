import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A client's lots of one commodity: FEFO compares every dispatch with them (the lots it would
 * have taken first) and pick suggestions rank them. Without it both combined two bitmap scans,
 * one over every lot of the commodity.
 */
export class LotsByClientAndCommodity1796541000000 implements MigrationInterface {
  name = 'LotsByClientAndCommodity1796541000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_lots_client_commodity" ON "lots" ("client_id", "commodity_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_lots_client_commodity"`);
  }
}
