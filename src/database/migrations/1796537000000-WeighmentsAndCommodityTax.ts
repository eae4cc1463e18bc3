import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Weighments: weighbridge tickets of receipts and dispatches (gross, tare, net) and check-weighings
 * of a lot's bags, append-only. Commodities get a GST treatment (exempt agricultural produce, or
 * taxable at the card's rate or their own): every existing commodity stays TAXABLE at the card's
 * rate, as before. Invoice lines say whether they are exempt, and an invoice keeps the notes its
 * tax treatment requires, frozen with its figures once approved.
 */
export class WeighmentsAndCommodityTax1796537000000 implements MigrationInterface {
  name = 'WeighmentsAndCommodityTax1796537000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."weighment_kind" AS ENUM('INWARD', 'DISPATCH', 'SAMPLE')
        `);
    await queryRunner.query(`
            CREATE TABLE "weighments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "kind" "public"."weighment_kind" NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "lot_id" uuid,
                "movement_id" uuid,
                "dispatch_id" uuid,
                "gross_kg" numeric(14, 3),
                "tare_kg" numeric(14, 3),
                "net_kg" numeric(14, 3) NOT NULL,
                "vehicle_number" character varying(30),
                "ticket_number" character varying(50),
                "weighed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "bags_weighed" integer,
                "lot_quantity" integer,
                "lot_weight_kg" numeric(14, 3),
                "witnessed_by" character varying(200),
                "notes" character varying(1000),
                "recorded_by_id" uuid,
                CONSTRAINT "ck_weighments_sample" CHECK (
                    "kind" <> 'SAMPLE'
                    OR (
                        "lot_id" IS NOT NULL
                        AND "bags_weighed" > 0
                        AND "bags_weighed" <= "lot_quantity"
                        AND "net_kg" > 0
                    )
                ),
                CONSTRAINT "ck_weighments_truck" CHECK (
                    "kind" = 'SAMPLE'
                    OR (
                        "gross_kg" > "tare_kg"
                        AND "tare_kg" >= 0
                        AND "net_kg" = "gross_kg" - "tare_kg"
                    )
                ),
                CONSTRAINT "PK_b9863a5ed1d8325c661ab6c9b7a" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_weighments_dispatch" ON "weighments" ("dispatch_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_weighments_lot" ON "weighments" ("lot_id", "weighed_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD "tax_exempt" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD CONSTRAINT "ck_invoice_lines_tax_exempt" CHECK (
                    NOT "tax_exempt"
                    OR "tax_rate_percent" = 0
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD "tax_notes" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."tax_category" AS ENUM('EXEMPT_AGRICULTURAL_PRODUCE', 'TAXABLE')
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities"
            ADD "tax_category" "public"."tax_category" NOT NULL DEFAULT 'TAXABLE'
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities"
            ADD "tax_rate_percent" numeric(7, 4)
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities"
            ADD CONSTRAINT "ck_commodities_tax_rate" CHECK (
                    "tax_rate_percent" IS NULL
                    OR (
                        "tax_category" = 'TAXABLE'
                        AND "tax_rate_percent" BETWEEN 0 AND 100
                    )
                )
        `);
    await queryRunner.query(`
            ALTER TABLE "weighments"
            ADD CONSTRAINT "FK_30cb2b8508e85c51383341c4b45" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "weighments"
            ADD CONSTRAINT "FK_fdafb87ce52d0ce5e1b0db131bd" FOREIGN KEY ("movement_id") REFERENCES "stock_movements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "weighments"
            ADD CONSTRAINT "FK_a90cebecb79574175fa39d4ee57" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Reviewed additions: a ticket is a record of what the bridge printed, never rewritten.
    await queryRunner.query(`
            CREATE TRIGGER weighments_no_update_delete BEFORE UPDATE OR DELETE ON "weighments"
            FOR EACH ROW EXECUTE FUNCTION append_only()
        `);
    await queryRunner.query(`
            CREATE TRIGGER weighments_no_truncate BEFORE TRUNCATE ON "weighments"
            FOR EACH STATEMENT EXECUTE FUNCTION append_only()
        `);
    // An approved invoice's notes are frozen like its figures (invoices_guard, which this
    // leaves as it is, covers the other columns).
    await queryRunner.query(`
            CREATE FUNCTION invoices_tax_notes_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF OLD.status <> 'DRAFT' AND NEW.tax_notes IS DISTINCT FROM OLD.tax_notes THEN
                RAISE EXCEPTION 'invoice % is %: its tax notes are frozen', OLD.number, OLD.status
                  USING ERRCODE = 'check_violation';
              END IF;
              RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER invoices_tax_notes_guard BEFORE UPDATE OF tax_notes ON invoices
            FOR EACH ROW EXECUTE FUNCTION invoices_tax_notes_guard()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER invoices_tax_notes_guard ON invoices`);
    await queryRunner.query(`DROP FUNCTION invoices_tax_notes_guard()`);
    await queryRunner.query(`DROP TRIGGER weighments_no_truncate ON "weighments"`);
    await queryRunner.query(`DROP TRIGGER weighments_no_update_delete ON "weighments"`);
    await queryRunner.query(`
            ALTER TABLE "weighments" DROP CONSTRAINT "FK_a90cebecb79574175fa39d4ee57"
        `);
    await queryRunner.query(`
            ALTER TABLE "weighments" DROP CONSTRAINT "FK_fdafb87ce52d0ce5e1b0db131bd"
        `);
    await queryRunner.query(`
            ALTER TABLE "weighments" DROP CONSTRAINT "FK_30cb2b8508e85c51383341c4b45"
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities" DROP CONSTRAINT "ck_commodities_tax_rate"
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities" DROP COLUMN "tax_rate_percent"
        `);
    await queryRunner.query(`
            ALTER TABLE "commodities" DROP COLUMN "tax_category"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."tax_category"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices" DROP COLUMN "tax_notes"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "ck_invoice_lines_tax_exempt"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP COLUMN "tax_exempt"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_weighments_lot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_weighments_dispatch"
        `);
    await queryRunner.query(`
            DROP TABLE "weighments"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."weighment_kind"
        `);
  }
}
