import { Command, CommandRunner, Option } from 'nest-commander';
import { MigrationService } from './migration.service';

interface MigrateOptions {
  status?: boolean;
  revert?: boolean;
}

@Command({
  name: 'migrate',
  description: 'Apply pending database migrations (safe to run from several instances at once)',
})
export class MigrateCommand extends CommandRunner {
  constructor(private readonly migrations: MigrationService) {
    super();
  }

  async run(_args: string[], options: MigrateOptions): Promise<void> {
    if (options.status) {
      const { applied, pending } = await this.migrations.status();
      console.log(`Applied (${applied.length}):${applied.map((n) => `\n  ${n}`).join('')}`);
      console.log(`Pending (${pending.length}):${pending.map((n) => `\n  ${n}`).join('')}`);
      return;
    }
    if (options.revert) {
      const reverted = await this.migrations.revertLast();
      console.log(reverted ? 'Reverted the last migration.' : 'No migration to revert.');
      return;
    }
    const applied = await this.migrations.applyPending();
    console.log(
      applied.length === 0
        ? 'Database schema is up to date.'
        : `Applied ${applied.length} migration(s):${applied.map((n) => `\n  ${n}`).join('')}`,
    );
  }

  @Option({ flags: '--status', description: 'List applied and pending migrations, change nothing' })
  parseStatus(): boolean {
    return true;
  }

  @Option({ flags: '--revert', description: 'Revert the most recently applied migration' })
  parseRevert(): boolean {
    return true;
  }
}
