import { Module, type DynamicModule } from '@nestjs/common';
import { ClsModule } from 'nestjs-cls';
import { BillingCliModule } from 'src/billing/run/billing-cli.module';
import { AppConfigModule } from './config/app-config.module';
import type { AppConfig } from './config/configuration';
import { DemoDataCliModule } from './demo-data/demo-data-cli.module';
import { DatabaseCliModule } from './database/database-cli.module';
import { DatabaseModule } from './database/database.module';
import { transactionalPlugin } from './database/db';
import { InventoryCliModule } from './inventory/inventory-cli.module';
import { OpenApiCliModule } from './openapi/openapi-cli.module';
import { RbacCliModule } from './rbac/rbac-cli.module';
import { TraceabilityCliModule } from './traceability/traceability-cli.module';
import { UsersCliModule } from './users/users-cli.module';

export interface CliModuleOptions {
  config: AppConfig;
  /** Null when the command line needs no database (help, unknown command). */
  databaseUrl: string | null;
}

/** The application context behind `npm run cli`: config, database and the command modules. */
@Module({})
export class CliModule {
  static forRoot(options: CliModuleOptions): DynamicModule {
    return {
      module: CliModule,
      imports: [
        AppConfigModule.forRoot(options.config),
        ClsModule.forRoot({ global: true, plugins: [transactionalPlugin()] }),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          applicationName: 'coldstore-cli',
          retryAttempts: 0,
        }),
        ...CLI_COMMAND_MODULES,
      ],
    };
  }
}

/** Command modules, walked by cli.ts to know which words name a command. */
export const CLI_COMMAND_MODULES = [
  DatabaseCliModule,
  RbacCliModule,
  UsersCliModule,
  InventoryCliModule,
  DemoDataCliModule,
  BillingCliModule,
  TraceabilityCliModule,
  OpenApiCliModule,
];
