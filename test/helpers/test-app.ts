import type { DynamicModule, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { AppModule } from 'src/app.module';
import { configureApp } from 'src/app.setup';
import { httpPlatform } from 'src/performance/shims';
import type { AppConfig } from 'src/config/configuration';
import { createTestDatabase, type TestDatabase } from './database-server';
import { testConfig } from './test-env';

export interface TestApp {
  app: NestExpressApplication;
  server: Server;
  config: AppConfig;
  dataSource: DataSource;
  database: TestDatabase | null;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment overrides, validated like the real environment. */
  env?: Record<string, string>;
  /** Use this database instead of a fresh clone of the template. */
  databaseUrl?: string;
  /** Extra modules (test-only controllers that exercise the platform). */
  imports?: (Type | DynamicModule)[];
  /** Receives the app's JSON log lines instead of stdout. */
  logDestination?: DestinationStream;
}

/** Boots the real application, as main.ts does, on a database of the spec's own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.databaseUrl ? null : await createTestDatabase();
  const url = options.databaseUrl ?? database!.url;
  const config = testConfig(url, options.env);
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.forRoot({ config, databaseUrl: url, logDestination: options.logDestination }),
      ...(options.imports ?? []),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>(
    httpPlatform(config.app.performanceShims),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  configureApp(app, config);
  await app.init();
  return {
    app,
    server: app.getHttpServer(),
    config,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    database,
    close: async () => {
      await app.close();
      await database?.drop();
    },
  };
}
