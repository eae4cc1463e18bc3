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

describe('StockHistoryClosures', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = dataSourceFor(db.url);
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it("closes each client's history through its latest approved or paid invoice", async () => {
    // Reverted (with the migrations after it), then applied again over invoices already billed.
    const name = 'StockHistoryClosures1796505131004';
    const names = dataSource.migrations
      .map((m) => m.name ?? m.constructor.name)
      .sort((a, b) => a.slice(-13).localeCompare(b.slice(-13)));
    for (const later of names.slice(names.indexOf(name)).reverse()) {
      expect([later, await revertLastMigration(dataSource)]).toEqual([later, true]);
    }
    const client = async (email: string): Promise<string> => {
      const [user] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO users (email) VALUES ($1) RETURNING id`,
        [email],
      );
      const [row] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO clients (user_id, company_name) VALUES ($1, $2) RETURNING id`,
        [user.id, email],
      );
      return row.id;
    };
    const billed = await client('billed@example.com');
    const drafted = await client('drafted@example.com');
    const invoice = (
      client: string,
      number: string | null,
      status: string,
      start: string,
      end: string,
    ) =>
      dataSource.query(
        `INSERT INTO invoices (client_id, number, status, period_start, period_end, currency,
                               subtotal_minor, tax_minor, total_minor, generated_at)
         VALUES ($1, $2, $3, $4, $5, 'INR', 0, 0, 0, now())`,
        [client, number, status, start, end],
      );
    await invoice(billed, 'INV-2026-000001', 'PAID', '2026-08-01', '2026-08-31');
    await invoice(billed, 'INV-2026-000002', 'APPROVED', '2026-09-01', '2026-09-30');
    await invoice(billed, 'INV-2026-000003', 'VOID', '2026-10-01', '2026-10-31');
    await invoice(drafted, null, 'DRAFT', '2026-09-01', '2026-09-30');

    expect((await runMigrations(dataSource)).applied).toEqual(names.slice(names.indexOf(name)));
    const rows = await dataSource.query<
      { client_id: string; closed_through: string; closed_by: string }[]
    >('SELECT client_id, closed_through::text, closed_by FROM stock_history_closures');
    expect(rows).toEqual([
      {
        client_id: billed,
        closed_through: '2026-09-30',
        closed_by:
          'invoice INV-2026-000002 (2026-09-01 – 2026-09-30) is approved; void it to reopen this history',
      },
    ]);
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
