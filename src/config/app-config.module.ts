import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from './configuration';

/** The whole validated configuration, for what hands it on (the OpenAPI export builds an app). */
export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Global typed configuration. The config is validated before Nest starts (see main.ts and
 * cli.ts) and handed in whole; services read it through `ConfigService<AppConfig, true>`.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      global: true,
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          load: [() => config],
        }),
      ],
    };
  }
}
