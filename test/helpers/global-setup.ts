// Loaded by jest outside its module system: resolve the src/ alias here.
import 'tsconfig-paths/register';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from 'src/database/data-source-options';
import {
  embeddedDataDir,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from 'src/database/embedded-postgres';
import { runMigrations } from 'src/database/migrator';
import { unusedPort } from './ports';
import {
  databaseUrl,
  RUN_PREFIX_VAR,
  SERVER_URL_VAR,
  templateName,
  withAdmin,
} from './database-server';
import { testConfig } from './test-env';

/** Folders of runs whose process is gone (killed before its teardown). */
function removeAbandonedRuns(root: string): void {
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (!pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      // Its server may outlive it: stop that too.
      const pidFile = join(root, entry, 'pg', 'postmaster.pid');
      const serverPid = existsSync(pidFile)
        ? Number(readFileSync(pidFile, 'utf8').split('\n')[0])
        : 0;
      if (serverPid > 0) {
        try {
          process.kill(serverPid, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
      rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
}

declare global {
  var __E2E_EMBEDDED__: EmbeddedPostgres | undefined;
}

/** Builds dist/ when the sources are newer: the specs start the API and the CLI from it. */
function ensureBuild(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'ensure-build.js')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/**
 * Once per run: the build the specs start processes from, a PostgreSQL server (TEST_DATABASE_URL, else an embedded one kept apart from
 * the development data) and a template database with every migration applied.
 */
export default async function globalSetup(): Promise<void> {
  ensureBuild();
  let server = process.env.TEST_DATABASE_URL;
  if (!server) {
    // A cluster of this run's own, so runs in two terminals never share (or stop) a server; in a
    // folder the server's user can reach (moved out of a private clone when running as root).
    const root = embeddedDataDir(process.env.TEST_EMBEDDED_PG_DIR ?? '.data/test');
    removeAbandonedRuns(root);
    const embedded = await startEmbeddedPostgres({
      dir: join(root, `run-${process.pid}`),
      port: process.env.TEST_EMBEDDED_PG_PORT
        ? Number(process.env.TEST_EMBEDDED_PG_PORT)
        : await unusedPort(),
      database: 'postgres',
    });
    globalThis.__E2E_EMBEDDED__ = embedded;
    server = embedded.url;
  }
  const prefix = `coldstore_e2e_${process.pid}`;
  const template = templateName(prefix);
  await withAdmin(server, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${template}`);
  });
  const url = databaseUrl(server, template);
  const dataSource = new DataSource(
    buildDataSourceOptions(testConfig(url).database, url, { maintenance: true }),
  );
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env[SERVER_URL_VAR] = server;
  process.env[RUN_PREFIX_VAR] = prefix;
}
