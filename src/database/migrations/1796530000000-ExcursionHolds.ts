import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Goods that enter a chamber while an excursion is open there are held by it, whatever wrote
 * them (a receipt, a transfer, the demo data): inventory knows nothing of the cold chain, so
 * the database does it. A lot inserted into, or moved into, such a chamber is put ON_HOLD with
 * reason TEMPERATURE_EXCURSION before it is written (so a receipt's answer already says so)
 * and linked to the excursion after (a lot already held for another reason is linked, its hold
 * kept). Each takes the chamber's lock shared: the detector holds it exclusively while it opens
 * an excursion and holds the chamber's lots, so a lot arriving meanwhile is either seen by the
 * detector or sees the excursion.
 */
export class ExcursionHolds1796530000000 implements MigrationInterface {
  name = 'ExcursionHolds1796530000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION cold_chain_chamber_lock_key(p_chamber uuid) RETURNS bigint
      LANGUAGE sql IMMUTABLE STRICT AS $$
        SELECT hashtextextended('cold-chain:chamber:' || p_chamber::text, 0)
      $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION lots_excursion_hold() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."status" = 'IN_STOCK' AND (TG_OP = 'INSERT' OR NEW."quantity" > 0) THEN
          PERFORM pg_advisory_xact_lock_shared(cold_chain_chamber_lock_key(NEW."chamber_id"));
          IF EXISTS (SELECT 1 FROM "excursions"
                      WHERE "chamber_id" = NEW."chamber_id" AND "closed_at" IS NULL) THEN
            NEW."status" := 'ON_HOLD';
            NEW."hold_reason" := 'TEMPERATURE_EXCURSION';
          END IF;
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_excursion_hold BEFORE INSERT ON "lots"
      FOR EACH ROW EXECUTE FUNCTION lots_excursion_hold()
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_excursion_hold_moved BEFORE UPDATE OF "chamber_id" ON "lots"
      FOR EACH ROW WHEN (OLD."chamber_id" IS DISTINCT FROM NEW."chamber_id")
      EXECUTE FUNCTION lots_excursion_hold()
    `);
    await queryRunner.query(`
      CREATE FUNCTION lots_excursion_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        excursion uuid;
      BEGIN
        IF NEW."status" = 'DEPLETED' OR (TG_OP = 'UPDATE' AND NEW."quantity" = 0) THEN
          RETURN NULL;
        END IF;
        PERFORM pg_advisory_xact_lock_shared(cold_chain_chamber_lock_key(NEW."chamber_id"));
        SELECT "id" INTO excursion FROM "excursions"
         WHERE "chamber_id" = NEW."chamber_id" AND "closed_at" IS NULL;
        IF FOUND THEN
          INSERT INTO "excursion_lots" ("excursion_id", "lot_id")
          VALUES (excursion, NEW."id")
          ON CONFLICT DO NOTHING;
          INSERT INTO "audit_events" ("action", "entity_type", "entity_id", "warehouse_id",
                                      "client_id", "after")
          VALUES ('lot.held', 'lot', NEW."id", NEW."warehouse_id", NEW."client_id",
                  jsonb_build_object('status', NEW."status", 'reason', NEW."hold_reason",
                                     'excursion_id', excursion));
        END IF;
        RETURN NULL;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_excursion_link AFTER INSERT ON "lots"
      FOR EACH ROW EXECUTE FUNCTION lots_excursion_link()
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_excursion_link_moved AFTER UPDATE OF "chamber_id" ON "lots"
      FOR EACH ROW WHEN (OLD."chamber_id" IS DISTINCT FROM NEW."chamber_id")
      EXECUTE FUNCTION lots_excursion_link()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lots_excursion_link_moved ON "lots"`);
    await queryRunner.query(`DROP TRIGGER lots_excursion_link ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_excursion_link()`);
    await queryRunner.query(`DROP TRIGGER lots_excursion_hold_moved ON "lots"`);
    await queryRunner.query(`DROP TRIGGER lots_excursion_hold ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_excursion_hold()`);
    await queryRunner.query(`DROP FUNCTION cold_chain_chamber_lock_key(uuid)`);
  }
}
