import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unusedPort } from './ports';
import { BASE_TEST_ENV } from './test-env';
import { waitFor } from './wait-for';

const root = resolve(__dirname, '..', '..');

/**
 * Node's arguments that start the API as `npm start` does: the build in dist/, which the e2e
 * global setup brings up to date with the sources first (scripts/ensure-build.js). A process
 * starts in about a second instead of the four that compiling the sources on start takes.
 */
export const APP_MAIN_ARGS = [join(root, 'dist', 'main.js')];

/** Node's arguments that run the CLI as `npm run cli --` does, from the same build. */
export const CLI_ARGS = [join(root, 'dist', 'cli.js')];

/**
 * Where and with what the process starts: an empty folder, so no developer's .env gets in the
 * way, and only the given variables.
 */
export function appProcessOptions(env: Record<string, string>): {
  cwd: string;
  env: Record<string, string>;
} {
  return {
    cwd: mkdtempSync(join(tmpdir(), 'coldstore-app-')),
    env: { PATH: process.env.PATH ?? '', ...env },
  };
}

/** An API instance in a process of its own, as `npm start` runs it, that a test can kill. */
export interface ApiProcess {
  base: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

/** Starts the built API on a free port against `databaseUrl`; resolves once /health answers. */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ApiProcess> {
  const port = await unusedPort();
  const child = spawn(process.execPath, APP_MAIN_ARGS, {
    ...appProcessOptions({
      ...BASE_TEST_ENV,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      ...env,
    }),
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => {
    child.once('exit', () => {
      done();
    });
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error('The API instance exited while starting');
      return fetch(`${base}/health`).then(
        (res) => res.ok,
        () => false,
      );
    },
    {
      description: `the API instance on port ${port} to answer /health`,
      timeoutMs: 90_000,
      intervalMs: 200,
    },
  );
  return {
    base,
    process: child,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
