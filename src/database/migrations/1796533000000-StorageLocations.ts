import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Storage locations: a tree of floors, racks, levels, slots and zones per chamber, what of each
 * lot sits in which location (lot_placements), and the append-only history of those placements
 * (location_movements). The database keeps the rules: a lot's placements never add up to more
 * than it holds (the rest is unassigned), a location is never filled past its capacity in units,
 * kg or pallets (the location row is locked while checking, so racing requests queue), blocked
 * and inactive locations take nothing in, lots sit only in locations without children, and stock
 * leaving a lot (dispatch, adjustment) or its chamber (transfer) comes out of its placements.
 * Refusals are SQLSTATE CS409, whose message names the location.
 */
export class StorageLocations1796533000000 implements MigrationInterface {
  name = 'StorageLocations1796533000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."storage_location_kind" AS ENUM('FLOOR', 'RACK', 'LEVEL', 'SLOT', 'ZONE')
        `);
    await queryRunner.query(`
            CREATE TABLE "storage_locations" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "chamber_id" uuid NOT NULL,
                "parent_id" uuid,
                "kind" "public"."storage_location_kind" NOT NULL,
                "code" character varying(40) NOT NULL,
                "name" character varying(200),
                "path" character varying(1000) NOT NULL,
                "depth" smallint NOT NULL DEFAULT '0',
                "capacity_units" integer,
                "capacity_kg" numeric(14, 3),
                "capacity_pallets" integer,
                "active" boolean NOT NULL DEFAULT true,
                "blocked" boolean NOT NULL DEFAULT false,
                "blocked_reason" character varying(500),
                CONSTRAINT "uq_storage_locations_chamber_code" UNIQUE ("chamber_id", "code"),
                CONSTRAINT "ck_storage_locations_not_own_parent" CHECK (
                    "parent_id" IS NULL
                    OR "parent_id" <> "id"
                ),
                CONSTRAINT "ck_storage_locations_capacity_pallets" CHECK (
                    "capacity_pallets" IS NULL
                    OR "capacity_pallets" >= 0
                ),
                CONSTRAINT "ck_storage_locations_capacity_kg" CHECK (
                    "capacity_kg" IS NULL
                    OR "capacity_kg" >= 0
                ),
                CONSTRAINT "ck_storage_locations_capacity_units" CHECK (
                    "capacity_units" IS NULL
                    OR "capacity_units" >= 0
                ),
                CONSTRAINT "PK_1f8980d88f9ebaba668dddd27cc" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_storage_locations_warehouse" ON "storage_locations" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_storage_locations_parent" ON "storage_locations" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_storage_locations_chamber_path" ON "storage_locations" ("chamber_id", "path")
        `);
    await queryRunner.query(`
            CREATE TABLE "lot_placements" (
                "lot_id" uuid NOT NULL,
                "location_id" uuid NOT NULL,
                "quantity" integer NOT NULL,
                "weight_kg" numeric(14, 3) NOT NULL DEFAULT '0',
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_lot_placements_weight" CHECK ("weight_kg" >= 0),
                CONSTRAINT "ck_lot_placements_quantity" CHECK ("quantity" > 0),
                CONSTRAINT "PK_5564cce45e08890fdf82bfd4523" PRIMARY KEY ("lot_id", "location_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_lot_placements_location" ON "lot_placements" ("location_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."location_movement_reason" AS ENUM('INWARD', 'MOVE', 'OUTWARD', 'TRANSFER')
        `);
    await queryRunner.query(`
            CREATE TABLE "location_movements" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "lot_id" uuid NOT NULL,
                "warehouse_id" uuid NOT NULL,
                "from_location_id" uuid,
                "to_location_id" uuid,
                "quantity" integer NOT NULL,
                "weight_kg" numeric(14, 3) NOT NULL DEFAULT '0',
                "reason" "public"."location_movement_reason" NOT NULL,
                "stock_movement_id" uuid,
                "reference" character varying(200),
                "recorded_by_id" uuid,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_location_movements_ends" CHECK (
                    (
                        "from_location_id" IS NOT NULL
                        OR "to_location_id" IS NOT NULL
                    )
                    AND "from_location_id" IS DISTINCT
                    FROM "to_location_id"
                ),
                CONSTRAINT "ck_location_movements_weight" CHECK ("weight_kg" >= 0),
                CONSTRAINT "ck_location_movements_quantity" CHECK ("quantity" > 0),
                CONSTRAINT "PK_5b4742879ef24852c806d937ed1" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_location_movements_stock_movement" ON "location_movements" ("stock_movement_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_location_movements_warehouse" ON "location_movements" ("warehouse_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_location_movements_to" ON "location_movements" ("to_location_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_location_movements_from" ON "location_movements" ("from_location_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_location_movements_lot" ON "location_movements" ("lot_id", "occurred_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations"
            ADD CONSTRAINT "FK_40f733b02009c4d1e971c142ac9" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations"
            ADD CONSTRAINT "FK_64b243e14b8595f71c5bdae0a40" FOREIGN KEY ("chamber_id") REFERENCES "chambers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations"
            ADD CONSTRAINT "FK_d09e847387b8e2590a3b45bcb17" FOREIGN KEY ("parent_id") REFERENCES "storage_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_placements"
            ADD CONSTRAINT "FK_63e40109128d20e3479b2fc41ef" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_placements"
            ADD CONSTRAINT "FK_2206d0ff5c02c08307a495ab046" FOREIGN KEY ("location_id") REFERENCES "storage_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements"
            ADD CONSTRAINT "FK_42934e7ae4c1efdeb95fdb723b2" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements"
            ADD CONSTRAINT "FK_0d054be423445fdc53f0bf8919c" FOREIGN KEY ("from_location_id") REFERENCES "storage_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements"
            ADD CONSTRAINT "FK_92e30f06f9fbf0d170e225f6ec0" FOREIGN KEY ("to_location_id") REFERENCES "storage_locations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements"
            ADD CONSTRAINT "FK_bb6819caa0a0b8004091969ffd5" FOREIGN KEY ("stock_movement_id") REFERENCES "stock_movements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // Reviewed additions: the placement rules, kept by the database itself.
    await queryRunner.query(`
      CREATE TRIGGER location_movements_no_update_delete BEFORE UPDATE OR DELETE ON "location_movements"
      FOR EACH ROW EXECUTE FUNCTION append_only()
    `);
    await queryRunner.query(`
      CREATE TRIGGER location_movements_no_truncate BEFORE TRUNCATE ON "location_movements"
      FOR EACH STATEMENT EXECUTE FUNCTION append_only()
    `);
    // A placement that grows locks its lot, then its location (always in that order), and checks
    // the lot's unassigned quantity and the location's free capacity.
    await queryRunner.query(`
      CREATE FUNCTION lot_placements_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        lot_row record;
        loc record;
        others integer;
        used_units bigint;
        used_kg numeric;
        used_pallets bigint;
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW."lot_id" = OLD."lot_id" AND NEW."location_id" = OLD."location_id"
           AND NEW."quantity" <= OLD."quantity" AND NEW."weight_kg" <= OLD."weight_kg" THEN
          RETURN NEW;
        END IF;
        SELECT l."quantity", l."chamber_id", l."lot_number", c."unit" = 'PALLET' AS "pallet"
          INTO lot_row
          FROM "lots" l JOIN "commodities" c ON c."id" = l."commodity_id"
         WHERE l."id" = NEW."lot_id"
           FOR NO KEY UPDATE OF l;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'placement of unknown lot %', NEW."lot_id";
        END IF;
        SELECT COALESCE(sum("quantity"), 0) INTO others FROM "lot_placements"
         WHERE "lot_id" = NEW."lot_id"
           AND NOT (TG_OP = 'UPDATE' AND "lot_id" = OLD."lot_id" AND "location_id" = OLD."location_id");
        IF others + NEW."quantity" > lot_row."quantity" THEN
          RAISE EXCEPTION 'Lot % has % units not placed in a location; % cannot be placed.',
            lot_row."lot_number", GREATEST(lot_row."quantity" - others, 0), NEW."quantity"
            USING ERRCODE = 'CS409';
        END IF;
        SELECT * INTO loc FROM "storage_locations" WHERE "id" = NEW."location_id" FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'placement in unknown location %', NEW."location_id";
        END IF;
        IF loc."chamber_id" <> lot_row."chamber_id" THEN
          RAISE EXCEPTION 'Location % is not in the chamber of lot %.', loc."code", lot_row."lot_number"
            USING ERRCODE = 'CS409';
        END IF;
        IF NOT loc."active" THEN
          RAISE EXCEPTION 'Location % is inactive.', loc."code" USING ERRCODE = 'CS409';
        END IF;
        IF loc."blocked" THEN
          RAISE EXCEPTION 'Location % is blocked: %.', loc."code", COALESCE(loc."blocked_reason", 'no reason given')
            USING ERRCODE = 'CS409';
        END IF;
        IF EXISTS (SELECT 1 FROM "storage_locations" WHERE "parent_id" = loc."id") THEN
          RAISE EXCEPTION 'Location % has sub-locations: stock is placed in the locations under it.', loc."code"
            USING ERRCODE = 'CS409';
        END IF;
        SELECT COALESCE(sum(p."quantity"), 0), COALESCE(sum(p."weight_kg"), 0),
               COALESCE(sum(p."quantity") FILTER (WHERE c."unit" = 'PALLET'), 0)
          INTO used_units, used_kg, used_pallets
          FROM "lot_placements" p
          JOIN "lots" l ON l."id" = p."lot_id"
          JOIN "commodities" c ON c."id" = l."commodity_id"
         WHERE p."location_id" = NEW."location_id"
           AND NOT (TG_OP = 'UPDATE' AND p."lot_id" = OLD."lot_id" AND p."location_id" = OLD."location_id");
        IF loc."capacity_units" IS NOT NULL AND used_units + NEW."quantity" > loc."capacity_units" THEN
          RAISE EXCEPTION 'Location % has room for % more units; % do not fit.',
            loc."code", GREATEST(loc."capacity_units" - used_units, 0), NEW."quantity"
            USING ERRCODE = 'CS409';
        END IF;
        IF loc."capacity_kg" IS NOT NULL AND used_kg + NEW."weight_kg" > loc."capacity_kg" THEN
          RAISE EXCEPTION 'Location % has room for % more kg; % kg do not fit.',
            loc."code", GREATEST(loc."capacity_kg" - used_kg, 0), NEW."weight_kg"
            USING ERRCODE = 'CS409';
        END IF;
        IF lot_row."pallet" AND loc."capacity_pallets" IS NOT NULL
           AND used_pallets + NEW."quantity" > loc."capacity_pallets" THEN
          RAISE EXCEPTION 'Location % has room for % more pallets; % do not fit.',
            loc."code", GREATEST(loc."capacity_pallets" - used_pallets, 0), NEW."quantity"
            USING ERRCODE = 'CS409';
        END IF;
        NEW."updated_at" := now();
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lot_placements_guard BEFORE INSERT OR UPDATE ON "lot_placements"
      FOR EACH ROW EXECUTE FUNCTION lot_placements_guard()
    `);
    // A location holding stock takes no sub-locations (lots sit only in leaves): the parent row
    // is locked first, as a placement locks it.
    await queryRunner.query(`
      CREATE FUNCTION storage_locations_leaf_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_code varchar;
      BEGIN
        IF NEW."parent_id" IS NULL OR (TG_OP = 'UPDATE' AND NEW."parent_id" IS NOT DISTINCT FROM OLD."parent_id") THEN
          RETURN NEW;
        END IF;
        SELECT "code" INTO parent_code FROM "storage_locations" WHERE "id" = NEW."parent_id" FOR UPDATE;
        IF EXISTS (SELECT 1 FROM "lot_placements" WHERE "location_id" = NEW."parent_id") THEN
          RAISE EXCEPTION 'Location % holds stock: move it out before adding locations under it.', parent_code
            USING ERRCODE = 'CS409';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER storage_locations_leaf_guard BEFORE INSERT OR UPDATE OF "parent_id" ON "storage_locations"
      FOR EACH ROW EXECUTE FUNCTION storage_locations_leaf_guard()
    `);
    // Stock leaving a lot comes out of its unassigned part first, then out of its locations in
    // code order; a transfer to another chamber takes the whole lot out of its locations. Runs
    // after stock_movements_apply (same timing, fired in name order), so the lot is up to date.
    await queryRunner.query(`
      CREATE FUNCTION stock_movements_place() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        excess integer;
        p record;
        take integer;
        take_kg numeric;
      BEGIN
        IF NEW."type" = 'TRANSFER' AND NEW."to_chamber_id" IS NOT NULL
           AND NEW."to_chamber_id" IS DISTINCT FROM NEW."from_chamber_id" THEN
          WITH cleared AS (
            DELETE FROM "lot_placements" WHERE "lot_id" = NEW."lot_id"
            RETURNING "location_id", "quantity", "weight_kg"
          )
          INSERT INTO "location_movements" ("lot_id", "warehouse_id", "from_location_id", "to_location_id",
            "quantity", "weight_kg", "reason", "stock_movement_id", "reference", "recorded_by_id", "occurred_at")
          SELECT NEW."lot_id", NEW."warehouse_id", "location_id", NULL, "quantity", "weight_kg", 'TRANSFER',
                 NEW."id", NEW."reference", NEW."recorded_by_id", NEW."occurred_at"
            FROM cleared;
          RETURN NULL;
        END IF;
        IF NEW."quantity_delta" >= 0 THEN
          RETURN NULL;
        END IF;
        SELECT COALESCE(sum(lp."quantity"), 0) - l."quantity" INTO excess
          FROM "lots" l LEFT JOIN "lot_placements" lp ON lp."lot_id" = l."id"
         WHERE l."id" = NEW."lot_id"
         GROUP BY l."quantity";
        FOR p IN
          SELECT lp."location_id", lp."quantity", lp."weight_kg"
            FROM "lot_placements" lp JOIN "storage_locations" s ON s."id" = lp."location_id"
           WHERE lp."lot_id" = NEW."lot_id"
           ORDER BY s."code"
             FOR UPDATE OF lp
        LOOP
          EXIT WHEN excess <= 0;
          take := LEAST(excess, p."quantity");
          IF take = p."quantity" THEN
            take_kg := p."weight_kg";
            DELETE FROM "lot_placements" WHERE "lot_id" = NEW."lot_id" AND "location_id" = p."location_id";
          ELSE
            take_kg := round(p."weight_kg" * take / p."quantity", 3);
            UPDATE "lot_placements"
               SET "quantity" = "quantity" - take, "weight_kg" = "weight_kg" - take_kg, "updated_at" = now()
             WHERE "lot_id" = NEW."lot_id" AND "location_id" = p."location_id";
          END IF;
          INSERT INTO "location_movements" ("lot_id", "warehouse_id", "from_location_id", "to_location_id",
            "quantity", "weight_kg", "reason", "stock_movement_id", "reference", "recorded_by_id", "occurred_at")
          VALUES (NEW."lot_id", NEW."warehouse_id", p."location_id", NULL, take, take_kg, 'OUTWARD',
                  NEW."id", NEW."reference", NEW."recorded_by_id", NEW."occurred_at");
          excess := excess - take;
        END LOOP;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_place AFTER INSERT ON "stock_movements"
      FOR EACH ROW EXECUTE FUNCTION stock_movements_place()
    `);
    // The net under all of it: at commit, a lot that shrank or changed chamber holds no more in
    // locations than it has, and none outside its chamber.
    await queryRunner.query(`
      CREATE FUNCTION lots_placements_fit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        lot_row record;
      BEGIN
        SELECT "quantity", "chamber_id", "lot_number" INTO lot_row FROM "lots" WHERE "id" = NEW."id";
        IF (SELECT COALESCE(sum("quantity"), 0) FROM "lot_placements" WHERE "lot_id" = NEW."id") > lot_row."quantity" THEN
          RAISE EXCEPTION 'Lot % would hold more in locations than it has.', lot_row."lot_number"
            USING ERRCODE = 'CS409';
        END IF;
        IF EXISTS (
          SELECT 1 FROM "lot_placements" p JOIN "storage_locations" s ON s."id" = p."location_id"
           WHERE p."lot_id" = NEW."id" AND s."chamber_id" <> lot_row."chamber_id"
        ) THEN
          RAISE EXCEPTION 'Lot % would stay placed in another chamber.', lot_row."lot_number"
            USING ERRCODE = 'CS409';
        END IF;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER lots_placements_fit AFTER UPDATE OF "quantity", "chamber_id" ON "lots"
      DEFERRABLE INITIALLY DEFERRED
      FOR EACH ROW WHEN (NEW."quantity" < OLD."quantity" OR NEW."chamber_id" <> OLD."chamber_id")
      EXECUTE FUNCTION lots_placements_fit()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lots_placements_fit ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_placements_fit()`);
    await queryRunner.query(`DROP TRIGGER stock_movements_place ON "stock_movements"`);
    await queryRunner.query(`DROP FUNCTION stock_movements_place()`);
    await queryRunner.query(`DROP TRIGGER storage_locations_leaf_guard ON "storage_locations"`);
    await queryRunner.query(`DROP FUNCTION storage_locations_leaf_guard()`);
    await queryRunner.query(`DROP TRIGGER lot_placements_guard ON "lot_placements"`);
    await queryRunner.query(`DROP FUNCTION lot_placements_guard()`);
    await queryRunner.query(`DROP TRIGGER location_movements_no_truncate ON "location_movements"`);
    await queryRunner.query(
      `DROP TRIGGER location_movements_no_update_delete ON "location_movements"`,
    );
    await queryRunner.query(`
            ALTER TABLE "location_movements" DROP CONSTRAINT "FK_bb6819caa0a0b8004091969ffd5"
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements" DROP CONSTRAINT "FK_92e30f06f9fbf0d170e225f6ec0"
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements" DROP CONSTRAINT "FK_0d054be423445fdc53f0bf8919c"
        `);
    await queryRunner.query(`
            ALTER TABLE "location_movements" DROP CONSTRAINT "FK_42934e7ae4c1efdeb95fdb723b2"
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_placements" DROP CONSTRAINT "FK_2206d0ff5c02c08307a495ab046"
        `);
    await queryRunner.query(`
            ALTER TABLE "lot_placements" DROP CONSTRAINT "FK_63e40109128d20e3479b2fc41ef"
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations" DROP CONSTRAINT "FK_d09e847387b8e2590a3b45bcb17"
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations" DROP CONSTRAINT "FK_64b243e14b8595f71c5bdae0a40"
        `);
    await queryRunner.query(`
            ALTER TABLE "storage_locations" DROP CONSTRAINT "FK_40f733b02009c4d1e971c142ac9"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_location_movements_lot"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_location_movements_from"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_location_movements_to"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_location_movements_warehouse"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_location_movements_stock_movement"
        `);
    await queryRunner.query(`
            DROP TABLE "location_movements"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."location_movement_reason"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_lot_placements_location"
        `);
    await queryRunner.query(`
            DROP TABLE "lot_placements"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_storage_locations_chamber_path"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_storage_locations_parent"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_storage_locations_warehouse"
        `);
    await queryRunner.query(`
            DROP TABLE "storage_locations"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."storage_location_kind"
        `);
  }
}
