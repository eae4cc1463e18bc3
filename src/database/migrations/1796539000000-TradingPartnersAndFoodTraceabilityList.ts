import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FSMA 204 traceability: trading partners with the location descriptions its records name, and
 * a flag on commodities on the FDA's Food Traceability List (every existing one off it).
 */
export class TradingPartnersAndFoodTraceabilityList1796539000000 implements MigrationInterface {
  name = 'TradingPartnersAndFoodTraceabilityList1796539000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "trading_partners" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "business_name" character varying(200) NOT NULL,
                "phone" character varying(40) NOT NULL,
                "street_address" character varying(300) NOT NULL,
                "city" character varying(100) NOT NULL,
                "region" character varying(100) NOT NULL,
                "postal_code" character varying(20) NOT NULL,
                "country" character(2) NOT NULL,
                "gln" character varying(13),
                CONSTRAINT "PK_93714d7ccc745f3ab2c0db10616" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_trading_partners_gln" ON "trading_partners" ("gln")
            WHERE "gln" IS NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities"
            ADD "on_food_traceability_list" boolean NOT NULL DEFAULT false
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "commodities" DROP COLUMN "on_food_traceability_list"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ux_trading_partners_gln"
        `);
    await queryRunner.query(`
            DROP TABLE "trading_partners"
        `);
  }
}
