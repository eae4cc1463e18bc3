import { Command, CommandRunner } from 'nest-commander';
import { RbacSeedService } from './rbac-seed.service';

@Command({
  name: 'seed',
  description: 'Create the permissions and roles, repairing missing links (idempotent)',
})
export class SeedCommand extends CommandRunner {
  constructor(private readonly seeder: RbacSeedService) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.seeder.seed();
    console.log(
      report.changed
        ? `Seeded: ${report.permissionsCreated} permission(s), ${report.rolesCreated} role(s), ${report.linksCreated} role-permission link(s) created.`
        : 'Roles and permissions are already up to date.',
    );
    if (report.linksRemoved > 0) {
      console.log(
        `Removed ${report.linksRemoved} link(s) giving a warehouse- or client-scoped role a permission over every warehouse.`,
      );
    }
  }
}
