import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Liens on lots (advances of the store owner, banks' pledges of storage receipts) and their
 * repayments (append-only). The database keeps the rule no path may skip: while a lien is OPEN
 * its lot never goes below the quantity its open liens secure (lots_lien_guard, on every
 * decrease of a lot, so dispatches and adjustments alike), and open liens never secure more than
 * the lot holds (liens_secured_guard, with the lot row locked, so a lien and a dispatch of the
 * same lot queue on it). Refusals are SQLSTATE CS409, whose message names the lien.
 */
export class Liens1796535000000 implements MigrationInterface {
  name = 'Liens1796535000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."lien_kind" AS ENUM('ADVANCE', 'PLEDGE')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."lien_status" AS ENUM('OPEN', 'REPAID', 'RELEASED')
        `);
    await queryRunner.query(`
            CREATE TABLE "liens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "lot_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "kind" "public"."lien_kind" NOT NULL,
                "lender_name" character varying(200) NOT NULL,
                "pledge_reference" character varying(100),
                "principal_minor" bigint NOT NULL,
                "currency" character(3) NOT NULL,
                "secured_quantity" integer NOT NULL,
                "start_date" date NOT NULL,
                "interest_rate_percent" numeric(7, 4) NOT NULL,
                "status" "public"."lien_status" NOT NULL DEFAULT 'OPEN',
                "closed_on" date,
                "release_reason" character varying(500),
                "released_at" TIMESTAMP WITH TIME ZONE,
                "released_by_id" uuid,
                "created_by_id" uuid NOT NULL,
                CONSTRAINT "ck_liens_closed" CHECK (("status" = 'OPEN') = ("closed_on" IS NULL)),
                CONSTRAINT "ck_liens_pledge_reference" CHECK (
                    "kind" <> 'PLEDGE'
                    OR "pledge_reference" IS NOT NULL
                ),
                CONSTRAINT "ck_liens_rate" CHECK ("interest_rate_percent" >= 0),
                CONSTRAINT "ck_liens_secured_quantity" CHECK ("secured_quantity" > 0),
                CONSTRAINT "ck_liens_principal" CHECK ("principal_minor" > 0),
                CONSTRAINT "PK_6fce633cd637028440dcf448662" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_liens_warehouse_status" ON "liens" ("warehouse_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_liens_client_status" ON "liens" ("client_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_liens_lot_status" ON "liens" ("lot_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "lien_repayments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "lien_id" uuid NOT NULL,
                "paid_on" date NOT NULL,
                "amount_minor" bigint NOT NULL,
                "interest_minor" bigint NOT NULL,
                "principal_minor" bigint NOT NULL,
                "reference" character varying(100),
                "recorded_by_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_lien_repayments_split" CHECK (
                    "interest_minor" >= 0
                    AND "principal_minor" >= 0
                    AND "interest_minor" + "principal_minor" = "amount_minor"
                ),
                CONSTRAINT "ck_lien_repayments_amount" CHECK ("amount_minor" > 0),
                CONSTRAINT "PK_cc4c8545b783136b65d57f27748" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lien_repayments_lien_paid" ON "lien_repayments" ("lien_id", "paid_on")
        `);
    await queryRunner.query(`
            ALTER TABLE "liens"
            ADD CONSTRAINT "FK_4b5f3e42b32d9537c6b25ee4fdf" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "liens"
            ADD CONSTRAINT "FK_792110bcd45172d487b7e49b3df" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "liens"
            ADD CONSTRAINT "FK_43125d2c23f8fc16d623d45c76e" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lien_repayments"
            ADD CONSTRAINT "FK_0ce60a95be7d424e7fb8e8040aa" FOREIGN KEY ("lien_id") REFERENCES "liens"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
      CREATE TRIGGER lien_repayments_no_update_delete BEFORE UPDATE OR DELETE ON "lien_repayments"
      FOR EACH ROW EXECUTE FUNCTION append_only()
    `);
    await queryRunner.query(`
      CREATE TRIGGER lien_repayments_no_truncate BEFORE TRUNCATE ON "lien_repayments"
      FOR EACH STATEMENT EXECUTE FUNCTION append_only()
    `);
    // A lot under open liens keeps at least what they secure, whichever path takes stock out.
    await queryRunner.query(`
      CREATE FUNCTION lots_lien_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        secured bigint;
        named text;
      BEGIN
        SELECT sum(l."secured_quantity"),
               string_agg(format('%s lien %s of %s%s securing %s units', l."kind", l."id",
                                 l."lender_name",
                                 coalesce(' (reference ' || l."pledge_reference" || ')', ''),
                                 l."secured_quantity"),
                          '; ' ORDER BY l."created_at", l."id")
          INTO secured, named
          FROM "liens" l
         WHERE l."lot_id" = NEW."id" AND l."status" = 'OPEN';
        IF secured IS NOT NULL AND NEW."quantity" < secured THEN
          RAISE EXCEPTION 'Lot % is under lien: % units must stay and % would remain. Open: %. Repay or release the lien first, or settle it on the gate pass (lien_settlements).',
            NEW."lot_number", secured, NEW."quantity", named
            USING ERRCODE = 'CS409';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_lien_guard BEFORE UPDATE OF "quantity" ON "lots"
      FOR EACH ROW WHEN (NEW."quantity" < OLD."quantity")
      EXECUTE FUNCTION lots_lien_guard()
    `);
    // Open liens never secure more than the lot holds: checked with the lot row locked.
    await queryRunner.query(`
      CREATE FUNCTION liens_secured_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        held integer;
        lot_no text;
        secured bigint;
      BEGIN
        SELECT "quantity", "lot_number" INTO held, lot_no
          FROM "lots" WHERE "id" = NEW."lot_id" FOR UPDATE;
        SELECT coalesce(sum("secured_quantity"), 0) + NEW."secured_quantity" INTO secured
          FROM "liens"
         WHERE "lot_id" = NEW."lot_id" AND "status" = 'OPEN' AND "id" <> NEW."id";
        IF secured > held THEN
          RAISE EXCEPTION 'Lot % holds % units: its open liens would secure %.', lot_no, held, secured
            USING ERRCODE = 'CS409';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER liens_secured_guard
      BEFORE INSERT OR UPDATE OF "secured_quantity", "status", "lot_id" ON "liens"
      FOR EACH ROW WHEN (NEW."status" = 'OPEN')
      EXECUTE FUNCTION liens_secured_guard()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER liens_secured_guard ON "liens"`);
    await queryRunner.query(`DROP FUNCTION liens_secured_guard()`);
    await queryRunner.query(`DROP TRIGGER lots_lien_guard ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_lien_guard()`);
    await queryRunner.query(`DROP TRIGGER lien_repayments_no_truncate ON "lien_repayments"`);
    await queryRunner.query(`DROP TRIGGER lien_repayments_no_update_delete ON "lien_repayments"`);
    await queryRunner.query(`
            ALTER TABLE "lien_repayments" DROP CONSTRAINT "FK_0ce60a95be7d424e7fb8e8040aa"
        `);
    await queryRunner.query(`
            ALTER TABLE "liens" DROP CONSTRAINT "FK_43125d2c23f8fc16d623d45c76e"
        `);
    await queryRunner.query(`
            ALTER TABLE "liens" DROP CONSTRAINT "FK_792110bcd45172d487b7e49b3df"
        `);
    await queryRunner.query(`
            ALTER TABLE "liens" DROP CONSTRAINT "FK_4b5f3e42b32d9537c6b25ee4fdf"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lien_repayments_lien_paid"
        `);
    await queryRunner.query(`
            DROP TABLE "lien_repayments"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_liens_lot_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_liens_client_status"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_liens_warehouse_status"
        `);
    await queryRunner.query(`
            DROP TABLE "liens"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."lien_status"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."lien_kind"
        `);
  }
}
