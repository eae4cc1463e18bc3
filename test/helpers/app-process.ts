import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

/** Node's arguments that run TypeScript sources, with the src/ path alias, without a build. */
const FROM_SOURCE = [
  '-r',
  require.resolve('ts-node/register/transpile-only'),
  '-r',
  require.resolve('tsconfig-paths/register'),
];

/** Node's arguments that start src/main.ts as `npm start` would. */
export const APP_MAIN_ARGS = [...FROM_SOURCE, join(root, 'src', 'main.ts')];

/** Node's arguments that run src/cli.ts as `npm run cli --` would. */
export const CLI_ARGS = [...FROM_SOURCE, join(root, 'src', 'cli.ts')];

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
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: join(root, 'tsconfig.json'), ...env },
  };
}
