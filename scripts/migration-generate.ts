/**
 * `npm run migration:generate -- <Name>`: diffs the entities against a scratch database that
 * has every committed migration applied, and writes the difference as a new migration in
 * src/database/migrations. Uses DATABASE_URL's server when set, else the embedded one.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/configuration';
import { buildDataSourceOptions } from '../src/database/data-source-options';
import { EMBEDDED_DATABASE_NAME } from '../src/database/database-runtime';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { runMigrations } from '../src/database/migrator';

// One scratch database per run, so two developers sharing a server do not drop each other's.
const SCRATCH = `coldstore_migration_scratch_${process.pid}`;

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Usage: npm run migration:generate -- <PascalCaseName>');
  }
  const config = loadConfig();
  const embedded = config.database.url
    ? null
    : await startEmbeddedPostgres({
        dir: config.database.embeddedDir,
        port: config.database.embeddedPort,
        database: EMBEDDED_DATABASE_NAME,
      });
  const serverUrl = embedded ? embedded.url : (config.database.url ?? '');
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  const scratchUrl = withDatabase(serverUrl, SCRATCH);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${SCRATCH}`);
    const dataSource = new DataSource(
      buildDataSourceOptions(config.database, scratchUrl, { maintenance: true }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();
    const root = join(__dirname, '..');
    execFileSync(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        require.resolve('typeorm/cli.js'),
        'migration:generate',
        join('src', 'database', 'migrations', name),
        '-d',
        'ormconfig.ts',
        '--pretty',
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, MIGRATION_DATABASE_URL: scratchUrl } },
    );
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${SCRATCH} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
