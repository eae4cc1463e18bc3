import type { DataSource } from 'typeorm';

/** Any constant shared by every instance: pg_advisory_lock key for "schema migrations". */
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies pending migrations under a session-level advisory lock, so instances starting
 * together apply each migration once: the others wait, then find nothing pending.
 */
export async function runMigrations(dataSource: DataSource): Promise<MigrationReport> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SET lock_timeout = 0');
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const migrations = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: migrations.map((m) => m.name) };
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}

/** Reverts the last applied migration, under the same lock. Returns false when none is left. */
export async function revertLastMigration(dataSource: DataSource): Promise<boolean> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SET lock_timeout = 0');
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executed = await dataSource
        .query<unknown[]>(`SELECT 1 FROM ${dataSource.driver.escape('migrations')} LIMIT 1`)
        .catch(() => []);
      if (executed.length === 0) return false;
      await dataSource.undoLastMigration({ transaction: 'each' });
      return true;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
