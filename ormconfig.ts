import 'reflect-metadata';
import 'tsconfig-paths/register';
import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/configuration';
import { buildDataSourceOptions } from './src/database/data-source-options';

/**
 * The TypeORM DataSource for the typeorm CLI (`npm run migration:generate -- <Name>`). It uses
 * DATABASE_URL, or MIGRATION_DATABASE_URL that scripts/migration-generate.js points at a
 * scratch database on the embedded server.
 */
const config = loadConfig();
const url = process.env.MIGRATION_DATABASE_URL ?? config.database.url;
if (!url) {
  throw new Error(
    'Set DATABASE_URL, or run `npm run migration:generate -- <Name>` which provides one',
  );
}

export default new DataSource(buildDataSourceOptions(config.database, url, { maintenance: true }));
