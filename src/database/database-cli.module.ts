import { Module } from '@nestjs/common';
import { MigrateCommand } from './migrate.command';
import { MigrationService } from './migration.service';

@Module({
  providers: [MigrationService, MigrateCommand],
})
export class DatabaseCliModule {}
