import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class UnscopedListingIndexes1795689916123 implements MigrationInterface {
  name = 'UnscopedListingIndexes1795689916123';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "ix_lots_received" ON "lots" ("received_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stock_movements_occurred" ON "stock_movements" ("occurred_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."ix_stock_movements_occurred"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_received"
        `);
  }
}
