import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who disabled an account decides who may enable it: `disabled_by_admin` marks accounts an
 * unrestricted caller (an administrator) disabled, which a warehouse's manager may not enable.
 * Accounts already disabled are taken as disabled by an administrator: nobody knows otherwise.
 */
export class DisabledByAdmin1795700413100 implements MigrationInterface {
  name = 'DisabledByAdmin1795700413100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "disabled_by_admin" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "users" SET "disabled_by_admin" = true WHERE "status" = 'DISABLED'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "disabled_by_admin"`);
  }
}
