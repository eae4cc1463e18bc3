import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language of the labels on a client's invoices, receipts and statements: English (every
 * existing client), Hindi or Bengali.
 */
export class ClientDocumentLanguage1796538000000 implements MigrationInterface {
  name = 'ClientDocumentLanguage1796538000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."document_language" AS ENUM('en', 'hi', 'bn')
        `);
    await queryRunner.query(`
            ALTER TABLE "clients"
            ADD "document_language" "public"."document_language" NOT NULL DEFAULT 'en'
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "clients" DROP COLUMN "document_language"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."document_language"
        `);
  }
}
