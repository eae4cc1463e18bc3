import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every instance may reuse a caller it loaded (user, roles, permissions, scope, session) until
 * the database says it changed: these triggers send `pg_notify('principal_changed', <user id>)`
 * when a row a caller is made of changes, or `'*'` when the change can touch many users (a
 * role's permissions, a role or permission renamed, a table truncated). The notification leaves
 * at commit, so it reaches every instance also for changes made in plain SQL.
 */
const USER_ROW_TABLES: { table: string; column: string; when?: string }[] = [
  {
    table: 'users',
    column: 'id',
    when: 'OLD.status IS DISTINCT FROM NEW.status OR OLD.email IS DISTINCT FROM NEW.email',
  },
  { table: 'user_roles', column: 'user_id' },
  { table: 'operator_profiles', column: 'user_id' },
  { table: 'clients', column: 'user_id' },
  {
    table: 'sessions',
    column: 'user_id',
    when: 'OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at',
  },
];
const SHARED_TABLES = ['roles', 'permissions', 'role_permissions'];
const ALL_TABLES = [...USER_ROW_TABLES.map((t) => t.table), ...SHARED_TABLES];

export class PrincipalChangeNotifications1795700000000 implements MigrationInterface {
  name = 'PrincipalChangeNotifications1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Row triggers name the user on both sides of a change (a profile moved to another user
    // changes two callers); TG_ARGV[0] is the column holding the user id.
    await queryRunner.query(`
      CREATE FUNCTION principal_row_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        before_id text;
        after_id text;
      BEGIN
        IF TG_OP <> 'INSERT' THEN before_id := to_jsonb(OLD) ->> TG_ARGV[0]; END IF;
        IF TG_OP <> 'DELETE' THEN after_id := to_jsonb(NEW) ->> TG_ARGV[0]; END IF;
        IF before_id IS NOT NULL THEN PERFORM pg_notify('principal_changed', before_id); END IF;
        IF after_id IS NOT NULL AND after_id IS DISTINCT FROM before_id THEN
          PERFORM pg_notify('principal_changed', after_id);
        END IF;
        RETURN NULL;
      END $$
    `);
    await queryRunner.query(`
      CREATE FUNCTION principal_all_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('principal_changed', '*');
        RETURN NULL;
      END $$
    `);
    for (const { table, column, when } of USER_ROW_TABLES) {
      if (when) {
        // A new row (a session opened, say) changes no caller anyone holds; only updates can
        // be filtered by what changed.
        await queryRunner.query(`
          CREATE TRIGGER ${table}_principal_changed AFTER UPDATE ON "${table}"
          FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION principal_row_changed('${column}')
        `);
        await queryRunner.query(`
          CREATE TRIGGER ${table}_principal_removed AFTER DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION principal_row_changed('${column}')
        `);
      } else {
        await queryRunner.query(`
          CREATE TRIGGER ${table}_principal_changed AFTER INSERT OR UPDATE OR DELETE ON "${table}"
          FOR EACH ROW EXECUTE FUNCTION principal_row_changed('${column}')
        `);
      }
    }
    for (const table of SHARED_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_principal_changed AFTER INSERT OR UPDATE OR DELETE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION principal_all_changed()
      `);
    }
    for (const table of ALL_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_principal_truncated AFTER TRUNCATE ON "${table}"
        FOR EACH STATEMENT EXECUTE FUNCTION principal_all_changed()
      `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ALL_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_principal_truncated ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_principal_changed ON "${table}"`);
    }
    for (const { table, when } of USER_ROW_TABLES) {
      if (when) await queryRunner.query(`DROP TRIGGER ${table}_principal_removed ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION principal_all_changed()`);
    await queryRunner.query(`DROP FUNCTION principal_row_changed()`);
  }
}
