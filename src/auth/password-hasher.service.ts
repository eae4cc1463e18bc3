import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { compare, getRounds, hash } from 'bcrypt';
import type { AppConfig } from 'src/config/configuration';

/**
 * bcrypt through its async API, which runs on libuv's thread pool: hashing never blocks the
 * event loop.
 */
@Injectable()
export class PasswordHasher {
  private readonly rounds: number;
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<AppConfig, true>) {
    this.rounds = config.get('auth', { infer: true }).bcryptRounds;
  }

  hash(password: string): Promise<string> {
    return hash(password, this.rounds);
  }

  verify(password: string, passwordHash: string): Promise<boolean> {
    return compare(password, passwordHash);
  }

  /** Spends the same time as a real check, for an unknown account, so timing reveals nothing. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= hash('dummy-password-for-timing', this.rounds);
    await compare(password, await this.dummyHash);
    return false;
  }

  needsRehash(passwordHash: string): boolean {
    return getRounds(passwordHash) < this.rounds;
  }
}
