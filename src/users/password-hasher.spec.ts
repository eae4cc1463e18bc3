import { ConfigService } from '@nestjs/config';
import { getRounds } from 'bcrypt';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AppConfig } from 'src/config/configuration';
import { PasswordHasher } from './password-hasher.service';

const makeHasher = (bcryptRounds: number): PasswordHasher =>
  new PasswordHasher(
    new ConfigService<AppConfig, true>({
      auth: { bcryptRounds, hashThreads: availableParallelism() },
    }),
  );

interface ThreadStat {
  tid: number;
  nice: number;
  /** User plus system CPU time, in clock ticks. */
  cpu: number;
}

/** This process's threads, from /proc (Linux). */
function threads(): ThreadStat[] {
  const stats: ThreadStat[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // exited while listed
    }
    // Fields after "pid (comm) ": state is the first; utime, stime and nice are fields 14, 15, 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    stats.push({
      tid: Number(tid),
      nice: Number(fields[16]),
      cpu: Number(fields[11]) + Number(fields[12]),
    });
  }
  return stats;
}

const mainThread = (): ThreadStat => threads().find((t) => t.tid === process.pid)!;

/** Threads running below the main thread's priority: the hashing threads. */
const hashingThreads = (): ThreadStat[] => threads().filter((t) => t.nice > mainThread().nice);

/**
 * The hashing threads once `count` of them run: the pool starts its threads together, but each
 * loads (and lowers itself) on its own time, and on a busy machine one can still be loading when
 * the first hash is done. Gives up after 5 s and returns what there is.
 */
async function hashingThreadsOnceStarted(count: number): Promise<ThreadStat[]> {
  const deadline = Date.now() + 5_000;
  let found = hashingThreads();
  while (found.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    found = hashingThreads();
  }
  return found;
}

const onLinux = process.platform === 'linux' ? it : it.skip;

describe('PasswordHasher', () => {
  let hasher: PasswordHasher;

  beforeEach(() => {
    hasher = makeHasher(10);
  });

  afterEach(async () => {
    await hasher.onApplicationShutdown();
  });

  it('hashes at the configured cost, and the hash verifies that password and no other', async () => {
    const hash = await hasher.hash('correct horse battery');

    expect(getRounds(hash)).toBe(10);
    await expect(hasher.verify('correct horse battery', hash)).resolves.toBe(true);
    await expect(hasher.verify('correct horse battery!', hash)).resolves.toBe(false);
    await expect(hasher.verify('', hash)).resolves.toBe(false);
  });

  it('does the full work for an unknown account and answers false', async () => {
    await expect(hasher.verifyAgainstDummy('anything at all')).resolves.toBe(false);
    await expect(hasher.verifyAgainstDummy('anything at all')).resolves.toBe(false);
  });

  it('asks for a rehash only of hashes cheaper than the configured cost', async () => {
    const cheaper = makeHasher(4);
    try {
      expect(hasher.needsRehash(await cheaper.hash('correct horse battery'))).toBe(true);
      expect(hasher.needsRehash(await hasher.hash('correct horse battery'))).toBe(false);
    } finally {
      await cheaper.onApplicationShutdown();
    }
  });

  it('keeps the event loop turning while 8 verifications run', async () => {
    const hash = await hasher.hash('correct horse battery');
    let turns = 0;
    let running = true;
    const spin = (): void => {
      turns += 1;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);

    const turnsAtEachResult: number[] = [];
    const checks = Array.from({ length: 8 }, () =>
      hasher.verify('correct horse battery', hash).then((ok) => {
        turnsAtEachResult.push(turns);
        return ok;
      }),
    );
    const results = await Promise.all(checks);
    running = false;

    expect(results).toEqual(Array(8).fill(true));
    // The loop ran before the first result and again before the last: nothing blocked it.
    expect(turnsAtEachResult[0]).toBeGreaterThan(0);
    expect(turnsAtEachResult[7]).toBeGreaterThan(turnsAtEachResult[0]);
  });

  onLinux('hashes on one thread per core, each below the main thread priority', async () => {
    const mainNice = mainThread().nice;
    expect(hashingThreads()).toEqual([]);

    const hash = await hasher.hash('correct horse battery');
    const before = await hashingThreadsOnceStarted(availableParallelism());
    await Promise.all(
      Array.from({ length: 8 }, () => hasher.verify('correct horse battery', hash)),
    );
    const after = hashingThreads();

    expect(after).toHaveLength(availableParallelism());
    expect(after.map((t) => t.tid).sort()).toEqual(before.map((t) => t.tid).sort());
    const cpuSpent = (list: ThreadStat[]): number => list.reduce((sum, t) => sum + t.cpu, 0);
    expect(cpuSpent(after)).toBeGreaterThan(cpuSpent(before));
    expect(mainThread().nice).toBe(mainNice);
  });

  onLinux('stops its threads at shutdown', async () => {
    await hasher.hash('correct horse battery');
    expect(await hashingThreadsOnceStarted(availableParallelism())).toHaveLength(
      availableParallelism(),
    );

    await hasher.onApplicationShutdown();

    expect(hashingThreads()).toEqual([]);
  });

  it('fails the verification of a thread that dies, then verifies again on a new one', async () => {
    const hash = await hasher.hash('correct horse battery');
    const lost = hasher.verify('correct horse battery', hash);
    // The pool is private: reached here only to kill its threads.
    const pool = hasher['pool']!;
    await Promise.all(pool.threads.map((thread) => thread.terminate()));

    await expect(lost).rejects.toThrow();
    await expect(hasher.verify('correct horse battery', hash)).resolves.toBe(true);
  });

  // A fresh process: there, a hashing thread could be the first to need libuv's thread pool.
  it('lets a process that hashed exit by itself, and lowers the priority of its HASH_THREADS hashing threads alone', async () => {
    const script = `
      const { readdirSync, readFileSync } = require('node:fs');
      const { ConfigService } = require('@nestjs/config');
      const { PasswordHasher } = require('./src/users/password-hasher.service');
      const nice = (tid) => {
        const stat = readFileSync('/proc/self/task/' + tid + '/stat', 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      };
      const lowered = () => process.platform !== 'linux' ? null :
        readdirSync('/proc/self/task').filter((tid) => nice(tid) > nice(process.pid)).length;
      // The pool starts its threads together but each one loads (and lowers itself) on its own
      // time: on a busy machine a thread can still be loading when the first hashes are done.
      const settled = (deadline) => {
        const n = lowered();
        if (n === null || n >= 3 || Date.now() > deadline) return Promise.resolve(n);
        return new Promise((resolve) => setTimeout(resolve, 20)).then(() => settled(deadline));
      };
      const hasher = new PasswordHasher(new ConfigService({ auth: { bcryptRounds: 4, hashThreads: 3 } }));
      hasher.hash('correct horse battery')
        .then((hash) => hasher.verify('correct horse battery', hash))
        .then((ok) => settled(Date.now() + 5000).then((n) => process.stdout.write(JSON.stringify({ ok, lowered: n }))));
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', '-e', script],
      { cwd: join(__dirname, '..', '..'), timeout: 20_000 },
    );

    expect(JSON.parse(stdout)).toEqual({
      ok: true,
      lowered: process.platform === 'linux' ? 3 : null, // HASH_THREADS, not the cores
    });
  });
});
