import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from 'src/config/configuration';
import { buildDataSourceOptions } from './data-source-options';
import { Db } from './db';

export interface DatabaseModuleOptions {
  /** Resolved connection URL (external or embedded); null leaves the data source unconnected. */
  url: string | null;
  applicationName?: string;
  /** Connection attempts after the first failure (the API waits for a database coming up). */
  retryAttempts?: number;
}

@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [Db],
      exports: [Db],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => ({
            ...buildDataSourceOptions(
              config.get('database', { infer: true }),
              options.url ?? 'postgresql://unused@127.0.0.1/unused',
              { applicationName: options.applicationName },
            ),
            manualInitialization: options.url === null,
            retryAttempts: options.retryAttempts ?? 3,
            retryDelay: 2_000,
          }),
        }),
      ],
    };
  }
}
