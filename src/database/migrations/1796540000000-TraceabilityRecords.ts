import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * FSMA 204 records: each warehouse's traceability plan, every lot's traceability lot code, the
 * Critical Tracking Events (receiving, shipping, transformation) with their Key Data Elements,
 * and transformations, whose inputs leave through TRANSFORMATION adjustments. Codes and events
 * are append-only (kept well past the two years the rule asks).
 */
export class TraceabilityRecords1796540000000 implements MigrationInterface {
  name = 'TraceabilityRecords1796540000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "traceability_plans" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "business_name" character varying(200) NOT NULL,
                "phone" character varying(40) NOT NULL,
                "street_address" character varying(300) NOT NULL,
                "city" character varying(100) NOT NULL,
                "region" character varying(100) NOT NULL,
                "postal_code" character varying(20) NOT NULL,
                "country" character(2) NOT NULL,
                "gln" character varying(13),
                "contact_name" character varying(200) NOT NULL,
                "contact_phone" character varying(40) NOT NULL,
                "contact_email" character varying(254) NOT NULL,
                "record_keeping" text NOT NULL,
                "ftl_identification" text NOT NULL,
                "tlc_assignment" text NOT NULL,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "PK_024c018d19af19a01eef729c5f5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "ux_traceability_plans_warehouse" ON "traceability_plans" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "lot_trace_codes" (
                "lot_id" uuid NOT NULL,
                "tlc" character varying(100) NOT NULL,
                "tlc_assigned" boolean NOT NULL,
                "tlc_source" jsonb,
                "tlc_source_reference" character varying(200),
                "product_description" character varying(300) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_lot_trace_codes_source" CHECK (
                    "tlc_source" IS NOT NULL
                    OR "tlc_source_reference" IS NOT NULL
                ),
                CONSTRAINT "PK_13ac9d2dea451bf8080b11a8d48" PRIMARY KEY ("lot_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lot_trace_codes_tlc" ON "lot_trace_codes" ("tlc")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."traceability_event_type" AS ENUM('RECEIVING', 'SHIPPING', 'TRANSFORMATION')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."transformation_role" AS ENUM('INPUT', 'OUTPUT')
        `);
    await queryRunner.query(`
            CREATE TABLE "traceability_events" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "type" "public"."traceability_event_type" NOT NULL,
                "role" "public"."transformation_role",
                "lot_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "commodity_id" uuid NOT NULL,
                "tlc" character varying(100) NOT NULL,
                "tlc_assigned" boolean NOT NULL,
                "quantity" integer NOT NULL,
                "unit" character varying(20) NOT NULL,
                "product_description" character varying(300) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "location" jsonb NOT NULL,
                "partner_id" uuid,
                "partner" jsonb,
                "tlc_source" jsonb,
                "tlc_source_reference" character varying(200),
                "reference_document_type" character varying(40),
                "reference_document_number" character varying(100),
                "dispatch_id" uuid,
                "transformation_id" uuid,
                "recorded_by_id" uuid,
                CONSTRAINT "PK_5098786ed2123e7ab102c838296" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_transformation" ON "traceability_events" ("transformation_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_dispatch" ON "traceability_events" ("dispatch_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_lot" ON "traceability_events" ("lot_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_tlc" ON "traceability_events" ("tlc")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_commodity" ON "traceability_events" ("commodity_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_traceability_events_warehouse" ON "traceability_events" ("warehouse_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."transformation_kind" AS ENUM('REPACK', 'RELABEL', 'COMMINGLE')
        `);
    await queryRunner.query(`
            CREATE TABLE "transformations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" "public"."transformation_kind" NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "output_lot_id" uuid NOT NULL,
                "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reference_document_type" character varying(40),
                "reference_document_number" character varying(100),
                "notes" character varying(1000),
                "recorded_by_id" uuid,
                CONSTRAINT "UQ_82c87dbbc92cbc1527be2c79903" UNIQUE ("output_lot_id"),
                CONSTRAINT "PK_64d8104dbdd72b30b53702035dd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_transformations_warehouse" ON "transformations" ("warehouse_id", "completed_at")
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."adjustment_reason"
            ADD VALUE 'TRANSFORMATION'
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_plans"
            ADD CONSTRAINT "FK_a6e2db22079d0784040adf2467a" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_trace_codes"
            ADD CONSTRAINT "FK_13ac9d2dea451bf8080b11a8d48" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events"
            ADD CONSTRAINT "FK_2b46728674762bda9ad4ae6624c" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events"
            ADD CONSTRAINT "FK_98b41f649d30e7b47c1d58996c1" FOREIGN KEY ("partner_id") REFERENCES "trading_partners"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events"
            ADD CONSTRAINT "FK_100bdd76e7e744b807d88ab7712" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events"
            ADD CONSTRAINT "FK_158c643380e48d938679956634f" FOREIGN KEY ("transformation_id") REFERENCES "transformations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "transformations"
            ADD CONSTRAINT "FK_82c87dbbc92cbc1527be2c79903" FOREIGN KEY ("output_lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    for (const table of ['traceability_events', 'lot_trace_codes']) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON "${table}"
        FOR EACH ROW EXECUTE FUNCTION append_only()
      `);
      await queryRunner.query(`
        CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION append_only()
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "transformations" DROP CONSTRAINT "FK_82c87dbbc92cbc1527be2c79903"
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events" DROP CONSTRAINT "FK_158c643380e48d938679956634f"
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events" DROP CONSTRAINT "FK_100bdd76e7e744b807d88ab7712"
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events" DROP CONSTRAINT "FK_98b41f649d30e7b47c1d58996c1"
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_events" DROP CONSTRAINT "FK_2b46728674762bda9ad4ae6624c"
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_trace_codes" DROP CONSTRAINT "FK_13ac9d2dea451bf8080b11a8d48"
        `);
    await queryRunner.query(`
            ALTER TABLE "traceability_plans" DROP CONSTRAINT "FK_a6e2db22079d0784040adf2467a"
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."adjustment_reason_old" AS ENUM(
                'DAMAGE',
                'SHRINKAGE',
                'COUNT_CORRECTION',
                'WASTE'
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "stock_movements"
            ALTER COLUMN "reason_code" TYPE "public"."adjustment_reason_old" USING "reason_code"::"text"::"public"."adjustment_reason_old"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."adjustment_reason"
        `);
    await queryRunner.query(`
            ALTER TYPE "public"."adjustment_reason_old"
            RENAME TO "adjustment_reason"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_transformations_warehouse"
        `);
    await queryRunner.query(`
            DROP TABLE "transformations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."transformation_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_warehouse"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_commodity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_tlc"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_lot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_dispatch"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_traceability_events_transformation"
        `);
    await queryRunner.query(`
            DROP TABLE "traceability_events"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."transformation_role"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."traceability_event_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lot_trace_codes_tlc"
        `);
    await queryRunner.query(`
            DROP TABLE "lot_trace_codes"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ux_traceability_plans_warehouse"
        `);
    await queryRunner.query(`
            DROP TABLE "traceability_plans"
        `);
  }
}
