import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getRounds } from 'bcrypt';
import { access } from 'node:fs';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import type { AppConfig } from 'src/config/configuration';

type HashTask = { name: 'hash'; password: string; rounds: number };
type CompareTask = { name: 'compare'; password: string; hash: string };

/**
 * bcrypt in a pool of worker threads, one per core, each at the lowest scheduling priority
 * (password-hash.worker.js): hashing uses every core nothing else needs, and the event loop is
 * never kept waiting for CPU behind it, as it was behind libuv's four equal-priority threads.
 */
@Injectable()
export class PasswordHasher implements OnApplicationShutdown {
  private readonly logger = new Logger(PasswordHasher.name);
  private readonly rounds: number;
  private readonly threads: number;
  private pool?: Piscina;
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<AppConfig, true>) {
    const auth = config.get('auth', { infer: true });
    this.rounds = auth.bcryptRounds;
    this.threads = auth.hashThreads;
  }

  hash(password: string): Promise<string> {
    return this.run<string>({ name: 'hash', password, rounds: this.rounds });
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return this.run<boolean>({ name: 'compare', password, hash: passwordHash });
  }

  /** Spends the same time as a real check, for an unknown account, so timing reveals nothing. */
  async verifyAgainstDummy(password: string): Promise<false> {
    // A failed attempt (a worker that died) is not kept: the next sign-in tries again.
    this.dummyHash ??= this.hash('dummy-password-for-timing').catch((error: unknown) => {
      this.dummyHash = undefined;
      throw error;
    });
    await this.verify(password, await this.dummyHash);
    return false;
  }

  needsRehash(passwordHash: string): boolean {
    return getRounds(passwordHash) < this.rounds;
  }

  // Nest calls this after the HTTP server has drained, so in-flight sign-ins finish first.
  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }

  private run<T>({ name, ...task }: HashTask | CompareTask): Promise<T> {
    this.pool ??= this.startPool();
    // A worker that dies mid-task rejects its task (the request answers 500) and is replaced.
    return this.pool.run(task, { name }) as Promise<T>;
  }

  // Started on first use, so CLI commands that never hash start no threads.
  private startPool(): Piscina {
    const filename = join(__dirname, 'password-hash.worker.js');
    // libuv's thread pool (fs, dns, crypto) starts on its first job and takes the priority of the
    // thread that submits it: submit one from here, before a hashing thread lowers its own.
    access(filename, () => undefined);
    const threads = this.threads;
    const pool = new Piscina({
      filename,
      minThreads: threads,
      maxThreads: threads,
      // Only bcrypt runs there: none of the parent's preloads (-r) or loaders.
      execArgv: [],
    });
    // A worker lost between tasks: the pool replaces it; without a listener it would crash us.
    pool.on('error', (error: Error) => {
      this.logger.error(`A password hashing thread failed: ${error.message}`);
    });
    return pool;
  }
}
