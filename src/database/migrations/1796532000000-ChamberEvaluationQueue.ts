import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Readings not yet judged, durably: the statement that stores readings also records, per
 * chamber, the earliest reading stored since the chamber was last evaluated. The evaluator
 * takes the row in its transaction; the sweep evaluates whatever is left (a process killed
 * between storing readings and judging them, readings loaded by demo-data). No entity: it is
 * written and read in SQL only, like the readings.
 */
export class ChamberEvaluationQueue1796532000000 implements MigrationInterface {
  name = 'ChamberEvaluationQueue1796532000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "chamber_evaluation_queue" (
        "chamber_id" uuid NOT NULL,
        "since" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_chamber_evaluation_queue" PRIMARY KEY ("chamber_id")
      )
    `);
    // Chambers with readings stored before this table existed were judged as they came.
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "chamber_evaluation_queue"`);
  }
}
