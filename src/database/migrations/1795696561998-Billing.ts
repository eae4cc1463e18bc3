import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Billing1795696561998 implements MigrationInterface {
  name = 'Billing1795696561998';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."invoice_status" AS ENUM('DRAFT', 'APPROVED', 'PAID', 'VOID')
        `);
    await queryRunner.query(`
            CREATE TABLE "invoices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "client_id" uuid NOT NULL,
                "number" character varying(20),
                "status" "public"."invoice_status" NOT NULL DEFAULT 'DRAFT',
                "period_start" date NOT NULL,
                "period_end" date NOT NULL,
                "currency" character(3) NOT NULL,
                "subtotal_minor" bigint NOT NULL,
                "tax_minor" bigint NOT NULL,
                "total_minor" bigint NOT NULL,
                "generated_by_id" uuid,
                "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "approved_by_id" uuid,
                "approved_at" TIMESTAMP WITH TIME ZONE,
                "issued_on" date,
                "client_name" character varying(200),
                "client_billing_address" character varying(500),
                "paid_at" TIMESTAMP WITH TIME ZONE,
                "payment_reference" character varying(100),
                "marked_paid_by_id" uuid,
                "voided_at" TIMESTAMP WITH TIME ZONE,
                "voided_by_id" uuid,
                "void_reason" character varying(500),
                CONSTRAINT "ck_invoices_period" CHECK ("period_end" >= "period_start"),
                CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_invoices_number" ON "invoices" ("number")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invoices_status_created" ON "invoices" ("status", "created_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invoices_client_period" ON "invoices" ("client_id", "period_start")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."invoice_line_kind" AS ENUM(
                'STORAGE',
                'MINIMUM_STAY',
                'INWARD_HANDLING',
                'OUTWARD_HANDLING'
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."rate_basis" AS ENUM(
                'PER_UNIT_PER_DAY',
                'PER_UNIT_PER_MONTH',
                'PER_KG_PER_DAY',
                'PER_KG_PER_MONTH'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_lines" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "invoice_id" uuid NOT NULL,
                "position" integer NOT NULL,
                "kind" "public"."invoice_line_kind" NOT NULL,
                "description" character varying(500) NOT NULL,
                "lot_id" uuid,
                "lot_number" character varying(40),
                "warehouse_id" uuid,
                "commodity_id" uuid,
                "rate_card_id" uuid,
                "basis" "public"."rate_basis",
                "quantity" numeric(16, 3) NOT NULL,
                "unit" character varying(20) NOT NULL,
                "days" integer,
                "from_date" date,
                "to_date" date,
                "rate" numeric(16, 4) NOT NULL,
                "rate_unit" character varying(60) NOT NULL,
                "tax_rate_percent" numeric(7, 4) NOT NULL,
                "amount_minor" bigint NOT NULL,
                CONSTRAINT "uq_invoice_lines_position" UNIQUE ("invoice_id", "position"),
                CONSTRAINT "PK_3d18eb48142b916f581f0c21a65" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_invoice_lines_lot" ON "invoice_lines" ("lot_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "invoice_number_counters" (
                "year" integer NOT NULL,
                "last_value" integer NOT NULL,
                CONSTRAINT "PK_f9e1ffa68d0d4181f94c73c0685" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "rate_cards" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "name" character varying(200),
                "client_id" uuid,
                "warehouse_id" uuid,
                "commodity_id" uuid,
                "basis" "public"."rate_basis" NOT NULL,
                "storage_rate" numeric(16, 4) NOT NULL,
                "inward_handling_rate" numeric(16, 4) NOT NULL,
                "outward_handling_rate" numeric(16, 4) NOT NULL,
                "grace_days" integer NOT NULL DEFAULT '0',
                "min_billable_days" integer NOT NULL DEFAULT '0',
                "currency" character(3) NOT NULL,
                "tax_rate_percent" numeric(7, 4) NOT NULL,
                "effective_from" date NOT NULL,
                "effective_to" date,
                "created_by_id" uuid,
                CONSTRAINT "ck_rate_cards_days" CHECK (
                    "grace_days" >= 0
                    AND "min_billable_days" >= 0
                ),
                CONSTRAINT "ck_rate_cards_period" CHECK (
                    "effective_to" IS NULL
                    OR "effective_to" >= "effective_from"
                ),
                CONSTRAINT "PK_54c4a5c4872b2339d848e5d9eb5" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rate_cards_warehouse_id" ON "rate_cards" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rate_cards_commodity_id" ON "rate_cards" ("commodity_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_rate_cards_key" ON "rate_cards" (
                "client_id",
                "warehouse_id",
                "commodity_id",
                "effective_from"
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "warehouses"
            ADD "timezone" character varying(64) NOT NULL DEFAULT 'UTC'
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices"
            ADD CONSTRAINT "FK_5534ba11e10f1a9953cbdaabf16" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines"
            ADD CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ADD CONSTRAINT "FK_9df4afad8ddd50da427f14750b7" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ADD CONSTRAINT "FK_c8a1c1264b1604f979f1711df19" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards"
            ADD CONSTRAINT "FK_7ea499f58702137c6cce0a15a8b" FOREIGN KEY ("commodity_id") REFERENCES "commodities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Approved invoices are frozen: only the moves to PAID or VOID may touch them, and their
    // lines never change. The service never tries; this keeps a stray UPDATE from trying.
    await queryRunner.query(`
            CREATE FUNCTION invoices_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                IF OLD.status <> 'DRAFT' THEN
                  RAISE EXCEPTION 'invoice % is %: only drafts can be deleted', OLD.number, OLD.status
                    USING ERRCODE = 'check_violation';
                END IF;
                RETURN OLD;
              END IF;
              IF OLD.status = 'DRAFT' THEN
                RETURN NEW;
              END IF;
              IF OLD.status IN ('PAID', 'VOID') AND NEW.status IS DISTINCT FROM OLD.status
                 OR OLD.status = 'APPROVED' AND NEW.status NOT IN ('APPROVED', 'PAID', 'VOID')
                 OR (NEW.client_id, NEW.number, NEW.period_start, NEW.period_end, NEW.currency,
                     NEW.subtotal_minor, NEW.tax_minor, NEW.total_minor, NEW.generated_by_id,
                     NEW.generated_at, NEW.approved_by_id, NEW.approved_at, NEW.issued_on,
                     NEW.client_name, NEW.client_billing_address)
                    IS DISTINCT FROM
                    (OLD.client_id, OLD.number, OLD.period_start, OLD.period_end, OLD.currency,
                     OLD.subtotal_minor, OLD.tax_minor, OLD.total_minor, OLD.generated_by_id,
                     OLD.generated_at, OLD.approved_by_id, OLD.approved_at, OLD.issued_on,
                     OLD.client_name, OLD.client_billing_address)
              THEN
                RAISE EXCEPTION 'invoice % is %: its figures are frozen', OLD.number, OLD.status
                  USING ERRCODE = 'check_violation';
              END IF;
              RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER invoices_guard BEFORE UPDATE OR DELETE ON invoices
            FOR EACH ROW EXECUTE FUNCTION invoices_guard()
        `);
    await queryRunner.query(`
            CREATE FUNCTION invoice_lines_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              parent_status invoice_status;
            BEGIN
              SELECT status INTO parent_status FROM invoices
               WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.invoice_id ELSE NEW.invoice_id END;
              -- A cascade from a deleted draft finds no parent: nothing frozen is lost.
              IF parent_status IS NOT NULL AND parent_status <> 'DRAFT' THEN
                RAISE EXCEPTION 'lines of a % invoice cannot change', parent_status
                  USING ERRCODE = 'check_violation';
              END IF;
              RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines
            FOR EACH ROW EXECUTE FUNCTION invoice_lines_guard()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER invoice_lines_guard ON invoice_lines`);
    await queryRunner.query(`DROP FUNCTION invoice_lines_guard()`);
    await queryRunner.query(`DROP TRIGGER invoices_guard ON invoices`);
    await queryRunner.query(`DROP FUNCTION invoices_guard()`);
    await queryRunner.query(`
            ALTER TABLE "rate_cards" DROP CONSTRAINT "FK_7ea499f58702137c6cce0a15a8b"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards" DROP CONSTRAINT "FK_c8a1c1264b1604f979f1711df19"
        `);
    await queryRunner.query(`
            ALTER TABLE "rate_cards" DROP CONSTRAINT "FK_9df4afad8ddd50da427f14750b7"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe"
        `);
    await queryRunner.query(`
            ALTER TABLE "invoices" DROP CONSTRAINT "FK_5534ba11e10f1a9953cbdaabf16"
        `);
    await queryRunner.query(`
            ALTER TABLE "warehouses" DROP COLUMN "timezone"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rate_cards_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rate_cards_commodity_id"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_rate_cards_warehouse_id"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_cards"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_number_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invoice_lines_lot"
        `);
    await queryRunner.query(`
            DROP TABLE "invoice_lines"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."rate_basis"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."invoice_line_kind"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_client_period"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_invoices_status_created"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_invoices_number"
        `);
    await queryRunner.query(`
            DROP TABLE "invoices"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."invoice_status"
        `);
  }
}
