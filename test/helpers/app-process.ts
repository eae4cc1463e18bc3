import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
