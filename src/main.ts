import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { pino } from 'pino';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { httpPlatform } from 'src/performance/shims';
import { configureApp } from './app.setup';
import { ConfigValidationError } from './config/env.validation';
import { loadConfig } from './config/configuration';
import { prepareDatabase, type DatabaseRuntime } from './database/database-runtime';
import { seedRolesAfterMigrate } from 'src/rbac/rbac-seed.service';

async function bootstrap(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  // Same JSON lines as the request logs, for what happens before and after Nest runs.
  const logger = pino({ level: config.app.logLevel, base: { service: 'coldstore-api' } });
  const say = (message: string): void => {
    logger.info(message);
  };
  let database: DatabaseRuntime | undefined;
  try {
    database = await prepareDatabase(config, { log: say, afterMigrate: seedRolesAfterMigrate });
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, databaseUrl: database.url }),
      httpPlatform(config.app.performanceShims),
      { bufferLogs: true, bodyParser: false, abortOnError: false },
    );
    configureApp(app, config);
    await app.listen(config.app.port, config.app.host);
    say(
      `${config.app.name} ${config.app.version} listening on http://${config.app.host}:${config.app.port} ` +
        `(docs at /docs) — ready in ${Date.now() - startedAt} ms`,
    );
    installShutdown(
      async () => {
        await app.close(); // stops accepting, lets in-flight requests finish, closes the pool
      },
      database,
      config.app.shutdownTimeoutMs,
      say,
    );
  } catch (error) {
    await database?.release();
    throw error;
  }
}

function installShutdown(
  closeApp: () => Promise<void>,
  database: DatabaseRuntime,
  timeoutMs: number,
  say: (message: string) => void,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      say(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal} received: finishing in-flight requests`);
    const force = setTimeout(() => {
      say(`Shutdown took longer than ${timeoutMs} ms: exiting`);
      void database.release().finally(() => process.exit(1));
    }, timeoutMs);
    force.unref();
    closeApp()
      .then(() => database.release())
      .then(() => {
        say('Stopped cleanly');
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(`Shutdown failed: ${(error as Error).message}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

bootstrap().catch((error: unknown) => {
  const message =
    error instanceof ConfigValidationError
      ? error.message
      : `Startup failed: ${(error as Error).message}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
});
