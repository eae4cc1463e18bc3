import { DataSource } from 'typeorm';
import type { AppConfig } from 'src/config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runMigrations } from './migrator';

export const EMBEDDED_DATABASE_NAME = 'coldstore';

export interface DatabaseRuntime {
  url: string;
  /** True when this process started the embedded server and must stop it on exit. */
  ownsEmbeddedServer: boolean;
  release(): Promise<void>;
}

/**
 * What the process needs in place once the schema is current, run on the same maintenance
 * connection (the entry points pass the role seed: the database knows no domain).
 */
export type AfterMigrate = (
  dataSource: DataSource,
  log: (message: string) => void,
) => Promise<void>;

export interface PrepareOptions {
  log: (message: string) => void;
  afterMigrate: AfterMigrate;
}

/**
 * Resolves the database to use. With DATABASE_URL that is all; without it the embedded server
 * is started (or reused when another process runs it) and the schema brought up to date, which
 * production leaves to `cli migrate`.
 */
export async function prepareDatabase(
  config: AppConfig,
  options: PrepareOptions,
): Promise<DatabaseRuntime> {
  const settings = config.database;
  if (settings.url) {
    return { url: settings.url, ownsEmbeddedServer: false, release: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres({
    dir: settings.embeddedDir,
    port: settings.embeddedPort,
    database: EMBEDDED_DATABASE_NAME,
    log: options.log,
  });
  try {
    await migrateDatabase(config, embedded.url, options);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, ownsEmbeddedServer: embedded.owned, release: () => embedded.stop() };
}

/** Applies pending migrations, then `afterMigrate`, through a short-lived maintenance connection. */
export async function migrateDatabase(
  config: AppConfig,
  url: string,
  options: PrepareOptions,
): Promise<string[]> {
  const dataSource = new DataSource(
    buildDataSourceOptions(config.database, url, {
      maintenance: true,
      applicationName: 'coldstore-migrate',
    }),
  );
  await dataSource.initialize();
  try {
    const { applied } = await runMigrations(dataSource);
    for (const name of applied) options.log(`Applied migration ${name}`);
    await options.afterMigrate(dataSource, options.log);
    return applied;
  } finally {
    await dataSource.destroy();
  }
}
