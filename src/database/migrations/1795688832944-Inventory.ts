import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Inventory1795688832944 implements MigrationInterface {
  name = 'Inventory1795688832944';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "idempotency_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "user_id" uuid NOT NULL,
                "key" character varying(200) NOT NULL,
                "request_hash" character(64) NOT NULL,
                "response_status" integer,
                "response_body" jsonb,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_idempotency_keys_user_key" UNIQUE ("user_id", "key"),
                CONSTRAINT "PK_8ad20779ad0411107a56e53d0f6" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_idempotency_keys_expires_at" ON "idempotency_keys" ("expires_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "dispatches" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reference" character varying(100),
                "vehicle_number" character varying(30),
                "notes" character varying(1000),
                "created_by_id" uuid,
                CONSTRAINT "PK_e4f5defc12b20b66acf58f5c8b9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dispatches_warehouse_id" ON "dispatches" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_dispatches_client" ON "dispatches" ("client_id", "dispatched_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "chambers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "code" character varying(20) NOT NULL,
                "name" character varying(200) NOT NULL,
                "min_temp_c" numeric(5, 2) NOT NULL,
                "max_temp_c" numeric(5, 2) NOT NULL,
                "capacity_units" integer,
                "active" boolean NOT NULL DEFAULT true,
                CONSTRAINT "uq_chambers_warehouse_code" UNIQUE ("warehouse_id", "code"),
                CONSTRAINT "ck_chambers_capacity" CHECK (
                    "capacity_units" IS NULL
                    OR "capacity_units" >= 0
                ),
                CONSTRAINT "ck_chambers_temp_range" CHECK ("min_temp_c" < "max_temp_c"),
                CONSTRAINT "PK_6988558f2163ba7498222973b48" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_chambers_warehouse_id" ON "chambers" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."commodity_unit" AS ENUM('BAG', 'CRATE', 'BOX', 'PALLET', 'CARTON', 'KG')
        `);
    await queryRunner.query(`
            CREATE TABLE "commodities" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(30) NOT NULL,
                "name" character varying(200) NOT NULL,
                "category" character varying(100),
                "unit" "public"."commodity_unit" NOT NULL,
                "min_temp_c" numeric(5, 2) NOT NULL,
                "max_temp_c" numeric(5, 2) NOT NULL,
                "shelf_life_days" integer,
                CONSTRAINT "UQ_7f7f04bf1cb7f2cae0f0c5f56cd" UNIQUE ("code"),
                CONSTRAINT "ck_commodities_shelf_life" CHECK (
                    "shelf_life_days" IS NULL
                    OR "shelf_life_days" > 0
                ),
                CONSTRAINT "ck_commodities_temp_range" CHECK ("min_temp_c" < "max_temp_c"),
                CONSTRAINT "PK_d8ec0122a7596e8b1b0a275c9c0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."lot_status" AS ENUM('IN_STOCK', 'ON_HOLD', 'DEPLETED')
        `);
    await queryRunner.query(`
            CREATE TABLE "lots" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "commodity_id" uuid NOT NULL,
                "chamber_id" uuid NOT NULL,
                "lot_number" character varying(40) NOT NULL,
                "quantity" integer NOT NULL DEFAULT '0',
                "weight_kg" numeric(14, 3) NOT NULL DEFAULT '0',
                "position" character varying(100),
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "expiry_date" date,
                "status" "public"."lot_status" NOT NULL DEFAULT 'IN_STOCK',
                "hold_reason" character varying(500),
                "last_movement_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "uq_lots_warehouse_lot_number" UNIQUE ("warehouse_id", "lot_number"),
                CONSTRAINT "ck_lots_weight" CHECK ("weight_kg" >= 0),
                CONSTRAINT "ck_lots_quantity" CHECK ("quantity" >= 0),
                CONSTRAINT "PK_2bb990a4015865cb1daa1d22fd9" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lots_expiry" ON "lots" ("expiry_date")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lots_commodity" ON "lots" ("commodity_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lots_chamber" ON "lots" ("chamber_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lots_client_received" ON "lots" ("client_id", "received_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lots_warehouse_received" ON "lots" ("warehouse_id", "received_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."movement_type" AS ENUM('INWARD', 'OUTWARD', 'TRANSFER', 'ADJUSTMENT')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."adjustment_reason" AS ENUM(
                'DAMAGE',
                'SHRINKAGE',
                'COUNT_CORRECTION',
                'WASTE'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "stock_movements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "lot_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "client_id" uuid NOT NULL,
                "type" "public"."movement_type" NOT NULL,
                "quantity_delta" integer NOT NULL,
                "weight_delta_kg" numeric(14, 3) NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "dispatch_id" uuid,
                "from_chamber_id" uuid,
                "to_chamber_id" uuid,
                "reason_code" "public"."adjustment_reason",
                "reference" character varying(100),
                "vehicle_number" character varying(30),
                "notes" character varying(1000),
                "recorded_by_id" uuid,
                CONSTRAINT "ck_stock_movements_sign" CHECK (
                    (
                        "type" = 'INWARD'
                        AND "quantity_delta" > 0
                    )
                    OR (
                        "type" = 'OUTWARD'
                        AND "quantity_delta" < 0
                    )
                    OR (
                        "type" = 'TRANSFER'
                        AND "quantity_delta" = 0
                        AND "weight_delta_kg" = 0
                    )
                    OR "type" = 'ADJUSTMENT'
                ),
                CONSTRAINT "PK_57a26b190618550d8e65fb860e7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stock_movements_dispatch" ON "stock_movements" ("dispatch_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stock_movements_client" ON "stock_movements" ("client_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stock_movements_warehouse" ON "stock_movements" ("warehouse_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_stock_movements_lot" ON "stock_movements" ("lot_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "lot_number_counters" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "year" integer NOT NULL,
                "last_value" integer NOT NULL DEFAULT '0',
                CONSTRAINT "uq_lot_number_counters_warehouse_year" UNIQUE ("warehouse_id", "year"),
                CONSTRAINT "PK_d6247f8f39162b20ef83425be51" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches"
            ADD CONSTRAINT "FK_a2fe5f56ac5b426e554254b3d2d" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches"
            ADD CONSTRAINT "FK_e1697ea8e16c2eb1d4a7184da9d" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "chambers"
            ADD CONSTRAINT "FK_77dde27317f7c8b124027ee8d17" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lots"
            ADD CONSTRAINT "FK_293d693e389a79d3c1c511eddc9" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lots"
            ADD CONSTRAINT "FK_52222ad1e6660451b31ea7e5780" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lots"
            ADD CONSTRAINT "FK_52b5f3be1fb2078e937c3264a0a" FOREIGN KEY ("commodity_id") REFERENCES "commodities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lots"
            ADD CONSTRAINT "FK_91d07a0f06e789f42f67d2715c8" FOREIGN KEY ("chamber_id") REFERENCES "chambers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "stock_movements"
            ADD CONSTRAINT "FK_ae0e902cfdcb5b3ab258a9ff473" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "stock_movements"
            ADD CONSTRAINT "FK_7f1aea4729feae408322f6209b9" FOREIGN KEY ("dispatch_id") REFERENCES "dispatches"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_number_counters"
            ADD CONSTRAINT "FK_c29041769a65e68e80e09b098e2" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    // Reviewed additions: the stock ledger's rules, kept by the database itself.
    await queryRunner.query(`
      CREATE INDEX "ix_lots_lot_number_prefix" ON "lots" ("lot_number" varchar_pattern_ops)
    `);
    await queryRunner.query(`
      CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_no_update_delete BEFORE UPDATE OR DELETE ON "stock_movements"
      FOR EACH ROW EXECUTE FUNCTION append_only()
    `);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON "stock_movements"
      FOR EACH STATEMENT EXECUTE FUNCTION append_only()
    `);
    // A movement moves its lot: on-hand always equals the sum of the lot's movements.
    await queryRunner.query(`
      CREATE FUNCTION stock_movements_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE "lots" SET
          "quantity" = "quantity" + NEW."quantity_delta",
          "weight_kg" = "weight_kg" + NEW."weight_delta_kg",
          "chamber_id" = COALESCE(NEW."to_chamber_id", "chamber_id"),
          "last_movement_at" = GREATEST("last_movement_at", NEW."occurred_at"),
          "updated_at" = now()
        WHERE "id" = NEW."lot_id";
        IF NOT FOUND THEN
          RAISE EXCEPTION 'movement for unknown lot %', NEW."lot_id";
        END IF;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_apply AFTER INSERT ON "stock_movements"
      FOR EACH ROW EXECUTE FUNCTION stock_movements_apply()
    `);
    // On-hand figures change only through movements; status follows the quantity.
    await queryRunner.query(`
      CREATE FUNCTION lots_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          IF NEW."quantity" <> 0 OR NEW."weight_kg" <> 0 THEN
            RAISE EXCEPTION 'a lot starts empty: stock arrives through an INWARD movement'
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF (NEW."quantity" <> OLD."quantity" OR NEW."weight_kg" <> OLD."weight_kg") AND pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'lot stock changes only through stock_movements'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW."quantity" = 0 THEN
          NEW."status" := 'DEPLETED';
        ELSIF OLD."status" = 'DEPLETED' THEN
          NEW."status" := 'IN_STOCK';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_guard BEFORE INSERT OR UPDATE ON "lots"
      FOR EACH ROW EXECUTE FUNCTION lots_guard()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lots_guard ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_guard()`);
    await queryRunner.query(`DROP TRIGGER stock_movements_apply ON "stock_movements"`);
    await queryRunner.query(`DROP FUNCTION stock_movements_apply()`);
    await queryRunner.query(`DROP TRIGGER stock_movements_no_truncate ON "stock_movements"`);
    await queryRunner.query(`DROP TRIGGER stock_movements_no_update_delete ON "stock_movements"`);
    await queryRunner.query(`DROP FUNCTION append_only()`);
    await queryRunner.query(`DROP INDEX "ix_lots_lot_number_prefix"`);
    await queryRunner.query(`
            ALTER TABLE "lot_number_counters" DROP CONSTRAINT "FK_c29041769a65e68e80e09b098e2"
        `);
    await queryRunner.query(`
            ALTER TABLE "stock_movements" DROP CONSTRAINT "FK_7f1aea4729feae408322f6209b9"
        `);
    await queryRunner.query(`
            ALTER TABLE "stock_movements" DROP CONSTRAINT "FK_ae0e902cfdcb5b3ab258a9ff473"
        `);
    await queryRunner.query(`
            ALTER TABLE "lots" DROP CONSTRAINT "FK_91d07a0f06e789f42f67d2715c8"
        `);
    await queryRunner.query(`
            ALTER TABLE "lots" DROP CONSTRAINT "FK_52b5f3be1fb2078e937c3264a0a"
        `);
    await queryRunner.query(`
            ALTER TABLE "lots" DROP CONSTRAINT "FK_52222ad1e6660451b31ea7e5780"
        `);
    await queryRunner.query(`
            ALTER TABLE "lots" DROP CONSTRAINT "FK_293d693e389a79d3c1c511eddc9"
        `);
    await queryRunner.query(`
            ALTER TABLE "chambers" DROP CONSTRAINT "FK_77dde27317f7c8b124027ee8d17"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches" DROP CONSTRAINT "FK_e1697ea8e16c2eb1d4a7184da9d"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispatches" DROP CONSTRAINT "FK_a2fe5f56ac5b426e554254b3d2d"
        `);
    await queryRunner.query(`
            DROP TABLE "lot_number_counters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_stock_movements_lot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_stock_movements_warehouse"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_stock_movements_client"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_stock_movements_dispatch"
        `);
    await queryRunner.query(`
            DROP TABLE "stock_movements"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."adjustment_reason"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."movement_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_warehouse_received"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_client_received"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_chamber"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_commodity"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lots_expiry"
        `);
    await queryRunner.query(`
            DROP TABLE "lots"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."lot_status"
        `);
    await queryRunner.query(`
            DROP TABLE "commodities"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."commodity_unit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_chambers_warehouse_id"
        `);
    await queryRunner.query(`
            DROP TABLE "chambers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_dispatches_client"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_dispatches_warehouse_id"
        `);
    await queryRunner.query(`
            DROP TABLE "dispatches"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_idempotency_keys_expires_at"
        `);
    await queryRunner.query(`
            DROP TABLE "idempotency_keys"
        `);
  }
}
