import { compare } from 'bcrypt';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';
import { ColdChainSweep } from 'src/cold-chain/excursions/cold-chain-sweep.service';
import { runCli } from './helpers/cli';
import { createTestApp } from './helpers/test-app';

/** What a load prints once: the random password it made for the demo accounts. */
const PRINTED_PASSWORD = /password is (\S+) \(made for this load; it is not shown again\)/;

const printedPassword = (stdout: string): string => {
  const match = PRINTED_PASSWORD.exec(stdout);
  if (!match) throw new Error(`No generated password in: ${stdout}`);
  return match[1];
};
const AS_OF = '2026-03-31';

const lastLine = (text: string): string => text.trim().split('\n').at(-1) ?? '';

async function withSql<T>(url: string, work: (sql: Client) => Promise<T>): Promise<T> {
  const sql = new Client({ connectionString: url });
  await sql.connect();
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** What determinism is about: the lots, their numbers and what is left of them. */
const lotFingerprint = (url: string) =>
  withSql(url, async (sql) => {
    const lots = await sql.query<{ lot_number: string; quantity: number; weight_kg: string }>(
      'SELECT lot_number, quantity, weight_kg FROM lots ORDER BY lot_number',
    );
    const totals = await sql.query<{ quantity: string; movements: string }>(
      `SELECT (SELECT sum(quantity) FROM lots)::text AS quantity,
              (SELECT count(*) FROM stock_movements)::text AS movements`,
    );
    return { lots: lots.rows, totals: totals.rows[0] };
  });

describe('CLI demo-data and verify-ledger', () => {
  const databases: TestDatabase[] = [];
  let db: TestDatabase;
  let sql: Client;

  const count = async (table: string): Promise<number> =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  const freshDatabase = async (): Promise<TestDatabase> => {
    const fresh = await createTestDatabase();
    databases.push(fresh);
    return fresh;
  };

  let password: string;

  /** Every demo user's hash (one bcrypt for all of them). */
  const demoHashes = async (url: string): Promise<string[]> =>
    withSql(url, async (s) =>
      (
        await s.query<{ password_hash: string }>(
          `SELECT DISTINCT password_hash FROM users WHERE email LIKE '%@demo.coldstore'`,
        )
      ).rows.map((r) => r.password_hash),
    );

  beforeAll(async () => {
    db = await freshDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('demo-data --scale small --seed 7 loads a year of stock and prints the demo sign-ins', async () => {
    const result = await runCli(['demo-data', '--scale', 'small', '--seed', '7'], {
      DATABASE_URL: db.url,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Loaded demo data \(scale small, seed 7, the year before /);
    password = printedPassword(result.stdout);
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // Printed once, on stdout only: never in the progress (logs) stream.
    expect(result.stdout.split(password)).toHaveLength(2);
    expect(result.stderr).not.toContain(password);
    expect(result.stdout).toMatch(/ADMIN +admin@demo\.coldstore/);
    expect(result.stdout).toMatch(
      /OPERATOR +operator\.pnq@demo\.coldstore +Pune Central Cold Store/,
    );
    expect(result.stdout).toMatch(/CLIENT +[a-z0-9-]+@demo\.coldstore/);
    // Progress goes to stderr, never mixed into the result.
    expect(result.stderr).toContain('demo-data: 100% 200/200 lots');

    expect(await count('warehouses')).toBe(2);
    expect(await count('lots')).toBe(200);
    expect(await count('stock_movements')).toBeGreaterThan(1_000);
    expect(await count('dispatches')).toBeGreaterThan(100);
    // The roles were seeded on the way: the template database has none.
    expect(await count('roles')).toBe(5);
    // Temperatures: a probe per chamber (two in each of the 2 pharma rooms), 14 days every 5 minutes.
    expect(await count('sensors')).toBe(18);
    expect(await count('temperature_readings')).toBe(18 * 14 * 288);
    expect(result.stdout).toContain('18 sensors with 72,576 temperature readings, ');
    // Racks laid out in every chamber, nine lots in ten with stock placed whole in a slot.
    const layout = await sql.query<{
      chambers: number;
      slots: number;
      placed: number;
      stocked: number;
      whole: boolean;
    }>(
      `SELECT (SELECT count(DISTINCT chamber_id) FROM storage_locations WHERE kind = 'RACK')::int AS chambers,
              (SELECT count(*) FROM storage_locations WHERE kind = 'SLOT')::int AS slots,
              (SELECT count(*) FROM lot_placements)::int AS placed,
              (SELECT count(*) FROM lots WHERE quantity > 0)::int AS stocked,
              (SELECT bool_and(p.quantity = l.quantity) FROM lot_placements p JOIN lots l ON l.id = p.lot_id) AS whole`,
    );
    const { chambers, slots, placed, stocked, whole } = layout.rows[0];
    expect(chambers).toBe(16);
    expect(slots).toBeGreaterThanOrEqual(16 * 4 * 20);
    expect(placed).toBeGreaterThan(stocked * 0.85);
    expect(placed).toBeLessThan(stocked);
    expect(whole).toBe(true);
    expect(result.stdout).toContain(`lots placed in slots.`);
    const rollups = await sql.query<{ readings: number }>(
      'SELECT sum(reading_count)::int AS readings FROM temperature_rollups_hourly',
    );
    expect(rollups.rows[0].readings).toBe(18 * 14 * 288);
    // Freezers read in their range but for the defrosts (+5 °C for 25 minutes) and a few breaches.
    const freezer = await sql.query<{ inside: number; total: number }>(
      `SELECT count(*) FILTER (WHERE r.temperature_c BETWEEN ch.min_temp_c AND ch.max_temp_c)::int AS inside,
              count(*)::int AS total
         FROM temperature_readings r JOIN chambers ch ON ch.id = r.chamber_id
        WHERE ch.code LIKE 'FRZ-%'`,
    );
    expect(freezer.rows[0].inside / freezer.rows[0].total).toBeGreaterThan(0.9);
    expect(freezer.rows[0].inside).toBeLessThan(freezer.rows[0].total);
  }, 120_000);

  it('creates active accounts with the printed password and the right roles', async () => {
    const users = await sql.query<{
      email: string;
      status: string;
      password_hash: string;
      roles: string[];
      warehouse: string | null;
      company: string | null;
    }>(
      `SELECT u.email, u.status, u.password_hash, array_agg(r.name) AS roles,
              w.code AS warehouse, c.company_name AS company
         FROM users u
         JOIN user_roles ur ON ur.user_id = u.id
         JOIN roles r ON r.id = ur.role_id
         LEFT JOIN operator_profiles op ON op.user_id = u.id
         LEFT JOIN warehouses w ON w.id = op.warehouse_id
         LEFT JOIN clients c ON c.user_id = u.id
        GROUP BY u.id, w.code, c.company_name
        ORDER BY u.email`,
    );
    expect(users.rows.every((u) => u.status === 'ACTIVE')).toBe(true);
    const byRole = (role: string) => users.rows.filter((u) => u.roles.includes(role));
    expect(byRole('ADMIN').map((u) => u.email)).toEqual(['admin@demo.coldstore']);
    expect(byRole('OPERATOR').map((u) => [u.email, u.warehouse])).toEqual([
      ['operator.nsk@demo.coldstore', 'NSK'],
      ['operator.pnq@demo.coldstore', 'PNQ'],
    ]);
    const clients = byRole('CLIENT');
    expect(clients.length).toBeGreaterThanOrEqual(5);
    expect(clients.every((u) => u.company !== null)).toBe(true);
    // One hash for every demo user (bcrypt once), and it is the printed password's.
    expect(new Set(users.rows.map((u) => u.password_hash)).size).toBe(1);
    await expect(compare(password, users.rows[0].password_hash)).resolves.toBe(true);
  });

  it('keeps the ledger rules: numbering, chambers, times and never-negative stock', async () => {
    const numbers = await sql.query<{ lot_number: string; code: string }>(
      'SELECT l.lot_number, w.code FROM lots l JOIN warehouses w ON w.id = l.warehouse_id',
    );
    for (const { lot_number, code } of numbers.rows) {
      expect(lot_number).toMatch(new RegExp(`^${code}-\\d{4}-\\d{6}$`));
    }
    // Counters end at the last number issued; numbers are gapless per warehouse and year.
    const counters = await sql.query<{ last_value: number; issued: number; highest: number }>(
      `SELECT c.last_value, count(l.id)::int AS issued,
              max(split_part(l.lot_number, '-', 3)::int) AS highest
         FROM lot_number_counters c
         JOIN lots l ON l.warehouse_id = c.warehouse_id
                    AND split_part(l.lot_number, '-', 2)::int = c.year
        GROUP BY c.id`,
    );
    expect(counters.rows.length).toBeGreaterThan(0);
    for (const row of counters.rows) {
      expect(row).toEqual({ last_value: row.issued, issued: row.issued, highest: row.issued });
    }
    // Every lot is counted once.
    expect(counters.rows.reduce((sum, row) => sum + row.issued, 0)).toBe(200);

    const problems = await sql.query<{ problem: string; n: number }>(
      `SELECT 'chamber colder or warmer than the goods allow' AS problem, count(*)::int AS n
         FROM lots l JOIN chambers ch ON ch.id = l.chamber_id
         JOIN commodities co ON co.id = l.commodity_id
        WHERE ch.min_temp_c < co.min_temp_c OR ch.max_temp_c > co.max_temp_c
           OR ch.warehouse_id <> l.warehouse_id
       UNION ALL
       SELECT 'first movement is not the inward at receipt', count(*)::int
         FROM lots l
        WHERE (SELECT m.type FROM stock_movements m WHERE m.lot_id = l.id
                ORDER BY m.occurred_at, m.type LIMIT 1) <> 'INWARD'
           OR (SELECT min(m.occurred_at) FROM stock_movements m WHERE m.lot_id = l.id)
              <> l.received_at
       UNION ALL
       SELECT 'movement in the future', count(*)::int
         FROM stock_movements WHERE occurred_at >= date_trunc('day', now())
       UNION ALL
       SELECT 'movement of another warehouse or client than its lot', count(*)::int
         FROM stock_movements m JOIN lots l ON l.id = m.lot_id
        WHERE m.warehouse_id <> l.warehouse_id OR m.client_id <> l.client_id
       UNION ALL
       SELECT 'depleted lot with weight left', count(*)::int
         FROM lots WHERE quantity = 0 AND weight_kg <> 0`,
    );
    expect(problems.rows.filter((p) => p.n > 0)).toEqual([]);
    const chambers = await sql.query<{ code: string; min_temp_c: string; max_temp_c: string }>(
      `SELECT DISTINCT split_part(code, '-', 1) AS code, min_temp_c, max_temp_c FROM chambers
        ORDER BY 1`,
    );
    expect(chambers.rows).toContainEqual({
      code: 'FRZ',
      min_temp_c: '-25.00',
      max_temp_c: '-18.00',
    });
    expect(chambers.rows).toContainEqual({ code: 'CHL', min_temp_c: '0.00', max_temp_c: '4.00' });
    const statuses = await sql.query<{ status: string }>('SELECT DISTINCT status FROM lots');
    expect(statuses.rows.map((s) => s.status)).toEqual(
      expect.arrayContaining(['IN_STOCK', 'DEPLETED']),
    );
  });

  it('verify-ledger passes on the demo data', async () => {
    const result = await runCli(['verify-ledger'], { DATABASE_URL: db.url });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('Checked 200 lots: all match.');
  }, 60_000);

  it('the API judges the demo readings: a few excursions, closed, each holding its lots', async () => {
    const api = await createTestApp({ databaseUrl: db.url });
    try {
      expect(await count('chamber_evaluation_queue')).toBe(16);
      await api.app.get(ColdChainSweep).runOnce();
      expect(await count('chamber_evaluation_queue')).toBe(0);
      const excursions = await sql.query<{ open: number; total: number; linked: number }>(
        `SELECT count(*) FILTER (WHERE closed_at IS NULL)::int AS open, count(*)::int AS total,
                (SELECT count(*) FROM excursion_lots)::int AS linked
           FROM excursions`,
      );
      expect(excursions.rows[0].total).toBeGreaterThan(0);
      expect(excursions.rows[0].open).toBe(0);
      expect(excursions.rows[0].linked).toBeGreaterThan(0);
    } finally {
      await api.close();
    }
    const verified = await runCli(['verify-ledger'], { DATABASE_URL: db.url });
    expect(verified.status).toBe(0);
  }, 120_000);

  it('demo-data refuses a database that already has lots, changing nothing', async () => {
    const users = await count('users');
    const result = await runCli(['demo-data', '--scale', 'small', '--seed', '8'], {
      DATABASE_URL: db.url,
    });
    expect(result.status).toBe(1);
    expect(lastLine(result.stderr)).toBe(
      'Error: The database already has lots: demo-data only loads into a database without stock, so demo and real data never mix.',
    );
    expect(await count('lots')).toBe(200);
    expect(await count('users')).toBe(users);
  }, 60_000);

  it('demo-data refuses a bad --scale, --seed or --as-of with one clear line each', async () => {
    const cases: [string[], RegExp][] = [
      [['--scale', 'huge'], /^Error: --scale must be one of small, medium, large, not "huge"\.$/],
      [['--scale', 'small', '--seed', '-3'], /^Error: --seed must be a whole number/],
      [['--scale', 'small', '--as-of', '2026-02-30'], /^Error: --as-of must be a date/],
    ];
    const results = await Promise.all(
      cases.map(([args]) => runCli(['demo-data', ...args], { DATABASE_URL: db.url })),
    );
    results.forEach((result, i) => {
      expect(result.status).toBe(1);
      expect(lastLine(result.stderr)).toMatch(cases[i][1]);
    });
  }, 60_000);

  it('the same seed gives the same lots; another seed gives others', async () => {
    const [first, second, other] = await Promise.all([
      freshDatabase(),
      freshDatabase(),
      freshDatabase(),
    ]);
    const runs = await Promise.all([
      runCli(['demo-data', '--scale', 'small', '--seed', '7', '--as-of', AS_OF], {
        DATABASE_URL: first.url,
      }),
      runCli(['demo-data', '--scale', 'small', '--seed', '7', '--as-of', AS_OF], {
        DATABASE_URL: second.url,
      }),
      runCli(['demo-data', '--scale', 'small', '--seed', '8', '--as-of', AS_OF], {
        DATABASE_URL: other.url,
      }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0, 0]);
    // Same data, never the same password: each load makes its own.
    const passwords = runs.map((r) => printedPassword(r.stdout));
    expect(new Set([...passwords, password]).size).toBe(4);
    const [a, b, c] = await Promise.all([first, second, other].map((d) => lotFingerprint(d.url)));
    expect(a.lots).toHaveLength(200);
    expect(b).toEqual(a);
    expect(c.lots.map((l) => l.lot_number)).not.toEqual(a.lots.map((l) => l.lot_number));
    expect(c.totals).not.toEqual(a.totals);
    // The year before --as-of: numbers of 2025 and 2026 only.
    expect(new Set(a.lots.map((l) => l.lot_number.split('-')[1]))).toEqual(
      new Set(['2025', '2026']),
    );
  }, 180_000);

  it('demo-data --password-stdin gives every demo account that password, without echoing it', async () => {
    const given = 'frost-ledger-Quay-4471';
    const target = await freshDatabase();
    const result = await runCli(
      ['demo-data', '--scale', 'small', '--as-of', AS_OF, '--password-stdin'],
      { DATABASE_URL: target.url },
      { stdin: `${given}\n` },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "Demo sign-in: every demo account's password is the one given on stdin",
    );
    expect(result.stdout + result.stderr).not.toContain(given);
    const hashes = await demoHashes(target.url);
    expect(hashes).toHaveLength(1);
    await expect(compare(given, hashes[0])).resolves.toBe(true);
  }, 120_000);

  it('demo-data --password-stdin refuses a weak or missing password, loading nothing', async () => {
    const target = await freshDatabase();
    const [weak, missing] = await Promise.all([
      runCli(
        ['demo-data', '--scale', 'small', '--password-stdin'],
        { DATABASE_URL: target.url },
        { stdin: 'password123\n' },
      ),
      runCli(
        ['demo-data', '--scale', 'small', '--password-stdin'],
        { DATABASE_URL: target.url },
        { stdin: '' },
      ),
    ]);
    expect(weak.status).toBe(1);
    expect(lastLine(weak.stderr)).toBe(
      'Error: Validation failed: password is too common; choose a less guessable password.',
    );
    expect(missing.status).toBe(1);
    expect(lastLine(missing.stderr)).toMatch(
      /^Error: No password on stdin: pipe it as the first line/,
    );
    expect(await withSql(target.url, (s) => s.query('SELECT 1 FROM users'))).toMatchObject({
      rowCount: 0,
    });
  }, 60_000);

  it('verify-ledger lists a lot broken on purpose and exits 1', async () => {
    const [target] = (
      await sql.query<{
        id: string;
        lot_number: string;
        code: string;
        quantity: number;
        weight_kg: string;
      }>(
        `SELECT l.id, l.lot_number, w.code, l.quantity, l.weight_kg::text
           FROM lots l JOIN warehouses w ON w.id = l.warehouse_id
          WHERE l.quantity > 0 ORDER BY l.lot_number LIMIT 1`,
      )
    ).rows;
    const [depleted] = (
      await sql.query<{ lot_number: string }>(
        `SELECT lot_number FROM lots WHERE status = 'DEPLETED' ORDER BY lot_number LIMIT 1`,
      )
    ).rows;
    // The schema forbids this (lots_guard); a superuser switches the guard off to fake a bug.
    await sql.query('ALTER TABLE lots DISABLE TRIGGER lots_guard');
    try {
      await sql.query('UPDATE lots SET quantity = quantity + 5 WHERE id = $1', [target.id]);
      await sql.query(`UPDATE lots SET status = 'IN_STOCK' WHERE lot_number = $1`, [
        depleted.lot_number,
      ]);
    } finally {
      await sql.query('ALTER TABLE lots ENABLE TRIGGER lots_guard');
    }

    const result = await runCli(['verify-ledger'], { DATABASE_URL: db.url });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `Lot ${target.lot_number} (warehouse ${target.code}): quantity ${target.quantity + 5} stored, ${target.quantity} from movements; weight ${target.weight_kg} kg stored, ${target.weight_kg} kg from movements`,
    );
    expect(result.stdout).toMatch(
      new RegExp(
        `Lot ${depleted.lot_number} .*quantity 0 stored, 0 from movements.*status IN_STOCK disagrees with quantity 0`,
      ),
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(lastLine(result.stderr)).toBe(
      'Error: 2 of 200 lots do not match their stock movements.',
    );
  }, 60_000);
});
