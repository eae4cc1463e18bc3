import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seasons: storage seasons per warehouse (rent once per lot and season on the new seasonal rate
 * bases, extension rent per month or part after the end), bookings with a fee credited against
 * the season rent, season payments with gapless receipt numbers per year and the bags they
 * release, grade codes on lots and rate cards, and the season of an invoice line.
 */
export class Seasons1796534000000 implements MigrationInterface {
  name = 'Seasons1796534000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."season_extension_basis" AS ENUM('PER_UNIT', 'PER_QUINTAL')
        `);
    await queryRunner.query(`
            CREATE TABLE "seasons" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "start_date" date NOT NULL,
                "end_date" date NOT NULL,
                "vacate_by" date NOT NULL,
                "extension_rate" numeric(16, 4) NOT NULL,
                "extension_basis" "public"."season_extension_basis" NOT NULL,
                "currency" character(3) NOT NULL,
                "created_by_id" uuid,
                CONSTRAINT "ck_seasons_extension_rate" CHECK ("extension_rate" >= 0),
                CONSTRAINT "ck_seasons_dates" CHECK (
                    "end_date" >= "start_date"
                    AND "vacate_by" >= "end_date"
                ),
                CONSTRAINT "PK_cb8ed53b5fe109dcd4a4449ec9d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_seasons_warehouse_start" ON "seasons" ("warehouse_id", "start_date")
        `);
    await queryRunner.query(`
            CREATE TABLE "season_bookings" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "season_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "commodity_id" uuid,
                "grade" character varying(20),
                "bags" integer NOT NULL,
                "fee_minor" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "notes" character varying(1000),
                "created_by_id" uuid,
                CONSTRAINT "ck_season_bookings_figures" CHECK (
                    "bags" > 0
                    AND "fee_minor" >= 0
                ),
                CONSTRAINT "PK_0418292c93f98a5517108d5458a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_season_bookings_client_season" ON "season_bookings" ("client_id", "season_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "season_payments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "receipt_number" character varying(20) NOT NULL,
                "season_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "amount_minor" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "paid_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reference" character varying(100) NOT NULL,
                "bags_released" jsonb NOT NULL DEFAULT '[]',
                "recorded_by_id" uuid,
                CONSTRAINT "uq_season_payments_receipt_number" UNIQUE ("receipt_number"),
                CONSTRAINT "ck_season_payments_amount" CHECK ("amount_minor" > 0),
                CONSTRAINT "PK_87420862ae12f9f306c6ab761b1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_season_payments_client_season" ON "season_payments" ("client_id", "season_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "season_receipt_counters" (
                "year" integer NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_a790a6f9309c9ff35b4541cb6ed" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD "season_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ADD "grade" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TABLE "lots"
            ADD "grade" character varying(20)
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."invoice_line_kind"
            ADD VALUE 'SEASON_RENT'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."invoice_line_kind"
            ADD VALUE 'SEASON_EXTENSION'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."invoice_line_kind"
            ADD VALUE 'BOOKING_CREDIT'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."rate_basis"
            ADD VALUE 'PER_UNIT_PER_SEASON'
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."rate_basis"
            ADD VALUE 'PER_QUINTAL_PER_SEASON'
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invoice_lines_season" ON "invoice_lines" ("season_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "seasons"
            ADD CONSTRAINT "FK_6e3091634740a8f463acf4a8336" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings"
            ADD CONSTRAINT "FK_127a1c3ab4f1f253faba037d09c" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings"
            ADD CONSTRAINT "FK_37be8482b91e51b56371fedeed7" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings"
            ADD CONSTRAINT "FK_24c1cdb2695bde2aeb5a2391fe2" FOREIGN KEY ("commodity_id") REFERENCES "commodities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "season_payments"
            ADD CONSTRAINT "FK_415e66540540a612f098463f8ac" FOREIGN KEY ("season_id") REFERENCES "seasons"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "season_payments"
            ADD CONSTRAINT "FK_9aa167c63cfbf87033ca7e100a5" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "season_payments" DROP CONSTRAINT "FK_9aa167c63cfbf87033ca7e100a5"
        `);
    await queryRunner.query(`
            ALTER TABLE "season_payments" DROP CONSTRAINT "FK_415e66540540a612f098463f8ac"
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings" DROP CONSTRAINT "FK_24c1cdb2695bde2aeb5a2391fe2"
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings" DROP CONSTRAINT "FK_37be8482b91e51b56371fedeed7"
        `);
    await queryRunner.query(`
            ALTER TABLE "season_bookings" DROP CONSTRAINT "FK_127a1c3ab4f1f253faba037d09c"
        `);
    await queryRunner.query(`
            ALTER TABLE "seasons" DROP CONSTRAINT "FK_6e3091634740a8f463acf4a8336"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invoice_lines_season"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rate_basis_old" AS ENUM(
                'PER_UNIT_PER_DAY',
                'PER_UNIT_PER_MONTH',
                'PER_KG_PER_DAY',
                'PER_KG_PER_MONTH'
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ALTER COLUMN "basis" TYPE "public"."rate_basis_old" USING "basis"::"text"::"public"."rate_basis_old"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ALTER COLUMN "basis" TYPE "public"."rate_basis_old" USING "basis"::"text"::"public"."rate_basis_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_basis"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."rate_basis_old"
            RENAME TO "rate_basis"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."invoice_line_kind_old" AS ENUM(
                'STORAGE',
                'MINIMUM_STAY',
                'INWARD_HANDLING',
                'OUTWARD_HANDLING'
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ALTER COLUMN "kind" TYPE "public"."invoice_line_kind_old" USING "kind"::"text"::"public"."invoice_line_kind_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."invoice_line_kind"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."invoice_line_kind_old"
            RENAME TO "invoice_line_kind"
        `);
    await queryRunner.query(`
            ALTER TABLE "lots" DROP COLUMN "grade"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards" DROP COLUMN "grade"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP COLUMN "season_id"
        `);
    await queryRunner.query(`
            DROP TABLE "season_receipt_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_season_payments_client_season"
        `);
    await queryRunner.query(`
            DROP TABLE "season_payments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_season_bookings_client_season"
        `);
    await queryRunner.query(`
            DROP TABLE "season_bookings"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_seasons_warehouse_start"
        `);
    await queryRunner.query(`
            DROP TABLE "seasons"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."season_extension_basis"
        `);
  }
}
