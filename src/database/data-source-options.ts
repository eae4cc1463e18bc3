import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseSettings } from 'src/config/configuration';
import { pgClientClass } from 'src/performance/shims';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceOverrides {
  /** Migrations and other maintenance: no statement timeout, one connection is enough. */
  maintenance?: boolean;
  applicationName?: string;
}

/** The one place TypeORM is configured: the API, the CLI, ormconfig.ts and the tests use it. */
export function buildDataSourceOptions(
  settings: DatabaseSettings,
  url: string,
  overrides: DataSourceOverrides = {},
): DataSourceOptions {
  const maintenance = overrides.maintenance ?? false;
  return {
    type: 'postgres',
    url,
    ssl: settings.ssl ? { rejectUnauthorized: true } : false,
    namingStrategy: new SnakeNamingStrategy(),
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto', // gen_random_uuid(): built in since PostgreSQL 13
    installExtensions: false,
    useUTC: true,
    connectTimeoutMS: settings.connectTimeoutMs,
    logging: false, // failures surface as exceptions and are logged once, structured
    extra: {
      // Results die young: see src/performance/pg-client.ts.
      Client: pgClientClass(settings.performanceShims),
      max: maintenance ? 2 : settings.poolSize,
      // Also bounds the wait for a free pooled connection: an exhausted pool fails fast.
      connectionTimeoutMillis: settings.connectTimeoutMs,
      idleTimeoutMillis: 30_000,
      maxLifetimeSeconds: settings.maxLifetimeSeconds,
      keepAlive: true,
      application_name: overrides.applicationName ?? 'coldstore-api',
      statement_timeout: maintenance ? 0 : settings.statementTimeoutMs,
      lock_timeout: settings.lockTimeoutMs,
      idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
      // A statement whose client has gone (a killed instance) is ended within 2 s instead of
      // running on, holding its locks and idempotency claims, until it next writes a result.
      options: '-c client_connection_check_interval=2000',
    },
  };
}
