import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { revertLastMigration, runMigrations } from './migrator';

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

@Injectable()
export class MigrationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async applyPending(): Promise<string[]> {
    return (await runMigrations(this.dataSource)).applied;
  }

  async revertLast(): Promise<boolean> {
    return revertLastMigration(this.dataSource);
  }

  async status(): Promise<MigrationStatus> {
    const known = this.dataSource.migrations.map((m) => m.name ?? m.constructor.name);
    const hasTable = await this.dataSource.createQueryRunner().hasTable('migrations');
    const applied = hasTable
      ? (
          await this.dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id')
        ).map((r) => r.name)
      : [];
    return { applied, pending: known.filter((name) => !applied.includes(name)) };
  }
}
