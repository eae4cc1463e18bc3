import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lot an excursion holds leaves its hold only through a disposition: the general release
 * route (inventory knows nothing of excursions) is refused by the database while any excursion
 * link of the lot is undisposed. The refusal is SQLSTATE CS409, whose message is the sentence
 * the API answers with (409).
 */
export class ExcursionReleaseGuard1796531000000 implements MigrationInterface {
  name = 'ExcursionReleaseGuard1796531000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION lots_excursion_release_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM "excursion_lots"
                    WHERE "lot_id" = NEW."id" AND "disposition" IS NULL) THEN
          RAISE EXCEPTION 'Lot % is held by a temperature excursion: it is released by recording a disposition for it on the excursion (POST /api/excursions/{id}/lots/{lot_id}/disposition).', NEW."lot_number"
            USING ERRCODE = 'CS409';
        END IF;
        RETURN NEW;
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER lots_excursion_release_guard BEFORE UPDATE OF "status" ON "lots"
      FOR EACH ROW WHEN (OLD."status" = 'ON_HOLD' AND NEW."status" = 'IN_STOCK')
      EXECUTE FUNCTION lots_excursion_release_guard()
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER lots_excursion_release_guard ON "lots"`);
    await queryRunner.query(`DROP FUNCTION lots_excursion_release_guard()`);
  }
}
