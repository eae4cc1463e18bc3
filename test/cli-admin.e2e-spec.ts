import { spawn } from 'node:child_process';
import { compare } from 'bcrypt';
import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from './helpers/database-server';
import { CLI_ARGS } from './helpers/app-process';
import { runCli, type CliResult } from './helpers/cli';
import { BASE_TEST_ENV } from './helpers/test-env';
import { Permission } from 'src/rbac/permission.enum';

/** The first version's 12 plus the codes later issues added. */
const PERMISSION_COUNT = Object.values(Permission).length;

const GOOD_PASSWORD = 'violet-harbour-73-tides';

/** Removes colours and cursor movement, leaving what a person would read. */
const plain = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/**
 * Runs the CLI under a pseudo-terminal (`script` from util-linux, always on Debian) and types
 * each answer once its prompt is on screen: keys typed earlier would be echoed by the terminal.
 */
function cliOnTty(
  args: string[],
  env: Record<string, string>,
  dialogue: [prompt: RegExp, answer: string][],
) {
  const command = [process.execPath, ...CLI_ARGS, ...args].map((word) => `'${word}'`).join(' ');
  return new Promise<{ status: number | null; output: string; unanswered: number }>(
    (resolve, reject) => {
      const child = spawn('script', ['-qec', command, '/dev/null'], {
        env: { ...process.env, ...BASE_TEST_ENV, TERM: 'xterm', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const pending = [...dialogue];
      let output = '';
      let answeredUpTo = 0;
      const onOutput = (chunk: Buffer): void => {
        output += chunk.toString();
        const next = pending.at(0);
        if (next && next[0].test(plain(output.slice(answeredUpTo)))) {
          pending.shift();
          answeredUpTo = output.length;
          // Ctrl-U first: an input prompt keeps a refused answer on the line for editing.
          child.stdin.write(`\u0015${next[1]}\r`);
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      child.once('error', reject);
      child.once('close', (status) => {
        clearTimeout(timer);
        child.stdin.destroy();
        resolve({ status, output: plain(output), unanswered: pending.length });
      });
    },
  );
}

/** The one line a failing command prints. */
const errorLine = (result: CliResult): string => result.stderr.trim().split('\n').at(-1) ?? '';

describe('CLI seed and create-admin', () => {
  let db: TestDatabase;
  let sql: Client;
  let env: Record<string, string>;

  const count = async (table: string): Promise<number> =>
    (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  const userRow = async (email: string) =>
    (
      await sql.query<{
        id: string;
        email: string;
        full_name: string;
        status: string;
        password_hash: string | null;
        roles: string[];
      }>(
        `SELECT u.id, u.email, u.full_name, u.status, u.password_hash,
                coalesce(array_agg(r.name) FILTER (WHERE r.name IS NOT NULL), '{}') AS roles
           FROM users u
           LEFT JOIN user_roles ur ON ur.user_id = u.id
           LEFT JOIN roles r ON r.id = ur.role_id
          WHERE u.email = $1
          GROUP BY u.id`,
        [email],
      )
    ).rows.at(0);

  const createAdmin = (email: string, name: string, password: string) =>
    runCli(['create-admin', '--email', email, '--name', name, '--password-stdin'], env, {
      stdin: `${password}\n`,
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url };
    sql = new Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await db.drop();
  });

  it('create-admin before the seed fails and says to run seed', async () => {
    const result = await createAdmin('early@example.com', 'Early Bird', GOOD_PASSWORD);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe(
      'Error: The ADMIN role does not exist yet: run `npm run cli -- seed` first (node dist/cli.js seed in a container).',
    );
    expect(await count('users')).toBe(0);
  }, 150_000);

  it('seed creates every permission code and the 5 roles', async () => {
    const result = await runCli(['seed'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Seeded: ${PERMISSION_COUNT} permission\\(s\\), 5 role\\(s\\), \\d+ role-permission`,
      ),
    );
    expect(await count('permissions')).toBe(PERMISSION_COUNT);
    const roles = await sql.query<{ name: string }>('SELECT name FROM roles ORDER BY name');
    expect(roles.rows.map((r) => r.name)).toEqual([
      'ADMIN',
      'BILLING_MANAGER',
      'CLIENT',
      'INVENTORY_MANAGER',
      'OPERATOR',
    ]);
  }, 150_000);

  it('seed run again changes nothing and says so', async () => {
    const links = await count('role_permissions');
    const result = await runCli(['seed'], env);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe('Roles and permissions are already up to date.');
    expect(await count('permissions')).toBe(PERMISSION_COUNT);
    expect(await count('roles')).toBe(5);
    expect(await count('role_permissions')).toBe(links);
  }, 150_000);

  it('seed repairs a deleted role-permission link', async () => {
    const links = await count('role_permissions');
    const deleted = await sql.query(
      `DELETE FROM role_permissions
        WHERE role_id = (SELECT id FROM roles WHERE name = 'OPERATOR')
          AND permission_id = (SELECT id FROM permissions WHERE code = 'inventory.dispatch.execute')`,
    );
    expect(deleted.rowCount).toBe(1);
    const result = await runCli(['seed'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Seeded: 0 permission(s), 0 role(s), 1 role-permission link(s) created.',
    );
    expect(await count('role_permissions')).toBe(links);
  }, 150_000);

  it('seed takes commodity.manage from a scoped role an older seed gave it to', async () => {
    const linkOf = (role: string) =>
      sql.query(
        `SELECT 1 FROM role_permissions rp JOIN roles r ON r.id = rp.role_id
           JOIN permissions p ON p.id = rp.permission_id
          WHERE r.name = $1 AND p.code = 'commodity.manage'`,
        [role],
      );
    await sql.query(
      `INSERT INTO role_permissions (role_id, permission_id)
       SELECT r.id, p.id FROM roles r, permissions p
        WHERE r.name = 'INVENTORY_MANAGER' AND p.code = 'commodity.manage'`,
    );
    const result = await runCli(['seed'], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Removed 1 link(s) giving a warehouse- or client-scoped role a permission over every warehouse.',
    );
    expect((await linkOf('INVENTORY_MANAGER')).rowCount).toBe(0);
    expect((await linkOf('ADMIN')).rowCount).toBe(1);
    const again = await runCli(['seed'], env);
    expect(again.stdout.trim()).toBe('Roles and permissions are already up to date.');
  }, 150_000);

  it('create-admin with --password-stdin creates an active ADMIN with a bcrypt hash', async () => {
    const result = await createAdmin('Root@Example.com', '  Rita Root ', GOOD_PASSWORD);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const user = await userRow('root@example.com');
    expect(user).toMatchObject({
      email: 'root@example.com',
      full_name: 'Rita Root',
      status: 'ACTIVE',
      roles: ['ADMIN'],
    });
    expect(result.stdout.trim()).toBe(`Created admin root@example.com (id ${user?.id}).`);
    const hash = user?.password_hash ?? '';
    expect(hash).toMatch(/^\$2[aby]\$\d{2}\$/);
    expect(hash).not.toContain(GOOD_PASSWORD);
    await expect(compare(GOOD_PASSWORD, hash)).resolves.toBe(true);
    expect(result.stdout + result.stderr).not.toContain(GOOD_PASSWORD);
  }, 150_000);

  it('create-admin refuses an email that exists, whatever its case', async () => {
    const result = await createAdmin('ROOT@example.COM', 'Rita Again', 'another-quiet-meadow-58');
    expect(result.status).toBe(1);
    expect(errorLine(result)).toBe('Error: A user with email root@example.com already exists.');
    expect(await count('users')).toBe(1);
  }, 150_000);

  it.each([
    ['too short', 'k3-shrt', /^Error: Password must be at least 8 characters long$/],
    ['too common', 'password123', /^Error: Password is too common/],
    ['longer than 72 bytes', 'x'.repeat(73), /^Error: Password must be at most 72 bytes long$/],
    ['25 characters but 75 bytes', '€'.repeat(25), /must be at most 72 bytes long/],
  ])(
    'create-admin refuses a password %s',
    async (_case, password, message) => {
      const result = await createAdmin('weak@example.com', 'Wendy Weak', password);
      expect(result.status).toBe(1);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(errorLine(result)).toMatch(message);
      expect(await userRow('weak@example.com')).toBeUndefined();
    },
    60_000,
  );

  it('create-admin without --name and no terminal fails at once, naming the flag', async () => {
    const result = await runCli(
      ['create-admin', '--email', 'noname@example.com', '--password-stdin'],
      env,
      { keepStdinOpen: true, timeoutMs: 60_000 },
    );
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toMatch(/^Error: Missing --name: .*--name <name>/);
    expect(await userRow('noname@example.com')).toBeUndefined();
  }, 150_000);

  it('create-admin with no flags and no terminal names every missing flag', async () => {
    const result = await runCli(['create-admin'], env, { keepStdinOpen: true, timeoutMs: 60_000 });
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(errorLine(result)).toMatch(/^Error: Missing --email, --name, --password-stdin: /);
  }, 150_000);

  it('create-admin with --password-stdin and nothing on stdin fails clearly', async () => {
    const result = await createAdmin('empty@example.com', 'Emma Empty', '');
    expect(result.status).toBe(1);
    expect(errorLine(result)).toMatch(/^Error: No password on stdin/);
  }, 150_000);

  it('create-admin on a terminal prompts, re-asks bad answers, and never shows the password', async () => {
    const weak = 'tiny7';
    const mistyped = 'violet-harbour-73-tidez';
    const result = await cliOnTty(['create-admin'], env, [
      [/Email:/, 'not-an-email'],
      [/email must be an email address/, 'Root@example.com'],
      [/already exists/, 'Tara@Example.com'],
      [/Full name:/, 'Tara Terminal'],
      [/Password:/, weak],
      [/at least 8 characters/, GOOD_PASSWORD],
      [/Repeat the password:/, mistyped],
      [/do not match/, GOOD_PASSWORD],
    ]);
    expect(result.unanswered).toBe(0);
    expect(result.status).toBe(0);
    const user = await userRow('tara@example.com');
    expect(user).toMatchObject({ full_name: 'Tara Terminal', status: 'ACTIVE', roles: ['ADMIN'] });
    expect(result.output).toContain(`Created admin tara@example.com (id ${user?.id}).`);
    for (const secret of [GOOD_PASSWORD, weak, mistyped]) {
      expect(result.output).not.toContain(secret);
    }
    await expect(compare(GOOD_PASSWORD, user?.password_hash ?? '')).resolves.toBe(true);
  }, 150_000);

  it('create-admin on a terminal asks only for what the flags did not give', async () => {
    const result = await cliOnTty(
      ['create-admin', '--email', 'flagged@example.com', '--name', 'Fay Flag'],
      env,
      [
        [/Password:/, GOOD_PASSWORD],
        [/Repeat the password:/, GOOD_PASSWORD],
      ],
    );
    expect(result.unanswered).toBe(0);
    expect(result.status).toBe(0);
    expect(result.output).not.toMatch(/Email:|Full name:/);
    expect(result.output).not.toContain(GOOD_PASSWORD);
    expect(await userRow('flagged@example.com')).toMatchObject({ roles: ['ADMIN'] });
  }, 150_000);
});
