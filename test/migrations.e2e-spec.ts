import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import { revertLastMigration, runMigrations } from 'src/database/migrator';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';
import { testConfig } from './helpers/test-env';

function dataSourceFor(url: string, migrations?: (new () => MigrationInterface)[]): DataSource {
  const options = buildDataSourceOptions(testConfig(url).database, url, { maintenance: true });
  return new DataSource(migrations ? { ...options, migrations } : options);
}

async function userTables(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.table_name).filter((name) => name !== 'migrations');
}

describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    dataSource = dataSourceFor(db.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('bring an empty database to exactly the schema the entities describe', async () => {
    const { applied } = await runMigrations(dataSource);
    expect(applied).toHaveLength(dataSource.migrations.length);
    // Nothing left for the schema builder to do: migrations and entities agree.
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    const tables = await userTables(dataSource);
    for (const entity of dataSource.entityMetadatas) {
      expect(tables).toContain(entity.tableName);
    }
  });

  it('apply nothing the second time', async () => {
    expect((await runMigrations(dataSource)).applied).toEqual([]);
  });

  it('revert one by one back to an empty database', async () => {
    let reverted = 0;
    while (await revertLastMigration(dataSource)) reverted += 1;
    expect(reverted).toBe(dataSource.migrations.length);
    expect(await userTables(dataSource)).toEqual([]);
    expect(await dataSource.query('SELECT * FROM migrations')).toEqual([]);
  });
});

describe('the migration lock', () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];

  /** A slow migration: without the lock both instances would run it and the second would fail. */
  class CreateProbeTable1700000000000 implements MigrationInterface {
    name = 'CreateProbeTable1700000000000';
    async up(runner: QueryRunner): Promise<void> {
      await runner.query('SELECT pg_sleep(0.3)');
      await runner.query('CREATE TABLE lock_probe (id int PRIMARY KEY)');
      await runner.query('INSERT INTO lock_probe VALUES (1)');
    }
    async down(runner: QueryRunner): Promise<void> {
      await runner.query('DROP TABLE lock_probe');
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    for (let i = 0; i < 3; i += 1) {
      const source = dataSourceFor(db.url, [CreateProbeTable1700000000000]);
      await source.initialize();
      sources.push(source);
    }
  });

  afterAll(async () => {
    await Promise.all(sources.map((s) => s.destroy()));
    await db.drop();
  });

  it('lets instances starting together apply each migration once', async () => {
    const reports = await Promise.all(sources.map((s) => runMigrations(s)));
    const appliedCounts = reports.map((r) => r.applied.length).sort();
    expect(appliedCounts).toEqual([0, 0, 1]);
    const rows = await sources[0].query<{ name: string }[]>('SELECT name FROM migrations');
    expect(rows).toEqual([{ name: 'CreateProbeTable1700000000000' }]);
  });
});
