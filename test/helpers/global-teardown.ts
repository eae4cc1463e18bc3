// Loaded by jest outside its module system: resolve the src/ alias here.
import 'tsconfig-paths/register';
import { rmSync } from 'node:fs';
import { RUN_PREFIX_VAR, SERVER_URL_VAR, withAdmin } from './database-server';

export default async function globalTeardown(): Promise<void> {
  const server = process.env[SERVER_URL_VAR];
  const prefix = process.env[RUN_PREFIX_VAR];
  if (server && prefix) {
    await withAdmin(server, async (admin) => {
      // This run's template and any clone a crashed spec left behind.
      const { rows } = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [`${prefix}_`],
      );
      for (const { datname } of rows) {
        await admin.query(
          `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`,
        );
      }
    });
  }
  const embedded = globalThis.__E2E_EMBEDDED__;
  if (embedded) {
    await embedded.stop({ force: true });
    rmSync(embedded.dir, { recursive: true, force: true });
  }
}
