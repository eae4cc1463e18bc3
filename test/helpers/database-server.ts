import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by global-setup for the spec workers. */
export const SERVER_URL_VAR = 'E2E_SERVER_URL';
export const RUN_PREFIX_VAR = 'E2E_RUN_PREFIX';

/** Databases of one test run share a prefix, so its teardown drops only its own. */
export const templateName = (prefix: string): string => `${prefix}_template`;

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdmin<T>(
  serverUrl: string,
  work: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function serverUrl(): string {
  const url = process.env[SERVER_URL_VAR];
  if (!url) throw new Error('The e2e global setup did not run (no database server)');
  return url;
}

/**
 * A database of this spec file's own: cloned from the migrated template, or empty when asked,
 * so spec files run in parallel without sharing rows.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const server = serverUrl();
  const prefix = process.env[RUN_PREFIX_VAR];
  if (!prefix) throw new Error('The e2e global setup did not create a template database');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const template = options.empty ? 'template0' : templateName(prefix);
  await withAdmin(server, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return {
    name,
    url: databaseUrl(server, name),
    drop: () =>
      withAdmin(server, (admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
}
