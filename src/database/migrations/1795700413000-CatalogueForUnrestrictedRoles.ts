import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The commodity catalogue is shared by every warehouse, so changing it is for roles of
 * unrestricted scope only: seeded databases gave `commodity.manage` to INVENTORY_MANAGER (and a
 * custom role may hold it); this takes it from every role but ADMIN and BILLING_MANAGER. The
 * seed keeps it so afterwards.
 */
export class CatalogueForUnrestrictedRoles1795700413000 implements MigrationInterface {
  name = 'CatalogueForUnrestrictedRoles1795700413000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM role_permissions rp
       USING roles r, permissions p
       WHERE r.id = rp.role_id AND p.id = rp.permission_id
         AND p.code = 'commodity.manage' AND r.name NOT IN ('ADMIN', 'BILLING_MANAGER')
    `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO role_permissions (role_id, permission_id)
      SELECT r.id, p.id FROM roles r, permissions p
       WHERE r.name = 'INVENTORY_MANAGER' AND p.code = 'commodity.manage'
      ON CONFLICT DO NOTHING
    `);
  }
}
