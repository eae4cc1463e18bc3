import type { DataSource } from 'typeorm';

/** Any constant shared by every instance: pg_advisory_lock key for "schema migrations". */
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationReport {
  applied: string[];
}

/**
 * Runs `work` holding a session-level advisory lock, so instances starting together change the
 * schema one at a time: the others wait, then find nothing left to do.
 */
async function withMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SET lock_timeout = 0');
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}

/** Applies pending migrations under the migration lock: each is applied once. */
export function runMigrations(dataSource: DataSource): Promise<MigrationReport> {
  return withMigrationLock(dataSource, async () => {
    const migrations = await dataSource.runMigrations({ transaction: 'each' });
    return { applied: migrations.map((m) => m.name) };
  });
}

/** Reverts the last applied migration, under the same lock. Returns false when none is left. */
export function revertLastMigration(dataSource: DataSource): Promise<boolean> {
  return withMigrationLock(dataSource, async () => {
    const executed = await dataSource
      .query<unknown[]>(`SELECT 1 FROM ${dataSource.driver.escape('migrations')} LIMIT 1`)
      .catch(() => []);
    if (executed.length === 0) return false;
    await dataSource.undoLastMigration({ transaction: 'each' });
    return true;
  });
}
