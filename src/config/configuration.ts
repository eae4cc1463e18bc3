import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { validateEnv, type EnvironmentVariables } from './env.validation';

export interface AppSettings {
  name: string;
  version: string;
  description: string;
  env: 'development' | 'production' | 'test';
  debug: boolean;
  port: number;
  host: string;
  logLevel: string;
  shutdownTimeoutMs: number;
  corsOrigins: string[];
  frontendUrl: string;
  /** Express "trust proxy" value; false means the socket's address is the client's. */
  trustProxy: boolean | number | string;
  /** The HTTP platform shim of src/performance (PERFORMANCE_SHIMS). */
  performanceShims: boolean;
}

export interface DatabaseSettings {
  /** External PostgreSQL; absent means the embedded server. */
  url?: string;
  embeddedDir: string;
  embeddedPort: number;
  poolSize: number;
  ssl: boolean;
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  maxLifetimeSeconds: number;
  /** The pg client shim of src/performance (PERFORMANCE_SHIMS). */
  performanceShims: boolean;
}

export interface AuthSettings {
  secretKey: string;
  jwtAlgorithm: 'HS256';
  accessTokenExpireMinutes: number;
  bcryptRounds: number;
  /** Threads hashing passwords (default: one per core the process may run on). */
  hashThreads: number;
  /** Seconds a loaded caller may be reused (dropped at once when the database says it changed). */
  principalCacheSeconds: number;
  refreshTokenExpireDays: number;
  /** A spent refresh token shown again within this many seconds is a race, not a theft. */
  refreshReuseGraceSeconds: number;
  passwordResetExpireMinutes: number;
  loginMaxFailures: number;
  loginFailureWindowMinutes: number;
  loginLockMinutes: number;
  rateLimit: number;
  rateWindowSeconds: number;
}

export interface MailSettings {
  /** SMTP host; absent means outgoing mail is written to the log instead. */
  host?: string;
  port: number;
  sender: string;
  password?: string;
  timeoutMs: number;
  outboxPollIntervalMs: number;
  outboxMaxAttempts: number;
  outboxWorkerEnabled: boolean;
  /** Days a sent or failed email is kept before housekeeping deletes it. */
  outboxRetentionDays: number;
}

export interface HousekeepingSettings {
  intervalMinutes: number;
}

export interface AlarmSettings {
  /** Minutes an alarm may stay unacknowledged before admins are emailed. */
  escalateMinutes: number;
}

export interface BillingSettings {
  /** Time zone of new warehouses and of invoice dates (IANA). */
  defaultTimezone: string;
  /** The seller on invoices. */
  companyName: string;
  companyAddress: string | null;
  companyTaxId: string | null;
  /** The cap on a lien's interest rate, percent per annum (a decimal string). */
  lienMaxInterestPercent: string;
}

export interface TelemetrySettings {
  /** Days raw readings are kept; older monthly partitions are dropped whole. */
  readingsRetentionDays: number;
  /** Absent: no MQTT connection. */
  mqttUrl?: string;
  mqttUsername?: string;
  mqttPassword?: string;
  mqttShareGroup: string;
}

export interface AppConfig {
  app: AppSettings;
  database: DatabaseSettings;
  auth: AuthSettings;
  mail: MailSettings;
  billing: BillingSettings;
  housekeeping: HousekeepingSettings;
  telemetry: TelemetrySettings;
  alarms: AlarmSettings;
}

interface PackageInfo {
  version: string;
  description: string;
}

function packageInfo(): PackageInfo {
  // src/config or dist/config: the package root is two levels up either way.
  const pkg = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as PackageInfo;
  return { version: pkg.version, description: pkg.description };
}

export function buildConfig(env: EnvironmentVariables): AppConfig {
  const pkg = packageInfo();
  return {
    app: {
      name: env.APP_NAME,
      version: pkg.version,
      description: pkg.description,
      env: env.NODE_ENV,
      debug: env.DEBUG,
      port: env.PORT,
      host: env.HOST,
      logLevel: env.LOG_LEVEL,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      corsOrigins: env.CORS_ORIGINS,
      frontendUrl: env.FRONTEND_URL,
      trustProxy:
        env.TRUST_PROXY === ''
          ? false
          : /^\d+$/.test(env.TRUST_PROXY)
            ? Number(env.TRUST_PROXY)
            : env.TRUST_PROXY,
      performanceShims: env.PERFORMANCE_SHIMS === 'on',
    },
    database: {
      url: env.DATABASE_URL,
      embeddedDir: env.EMBEDDED_PG_DIR,
      embeddedPort: env.EMBEDDED_PG_PORT,
      poolSize: env.DATABASE_POOL_SIZE,
      ssl: env.DATABASE_SSL,
      connectTimeoutMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: env.DATABASE_LOCK_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      maxLifetimeSeconds: env.DATABASE_MAX_CONNECTION_LIFETIME_SECONDS,
      performanceShims: env.PERFORMANCE_SHIMS === 'on',
    },
    auth: {
      secretKey: env.SECRET_KEY,
      jwtAlgorithm: 'HS256',
      accessTokenExpireMinutes: env.ACCESS_TOKEN_EXPIRE_MINUTES,
      bcryptRounds: env.BCRYPT_ROUNDS,
      hashThreads: env.HASH_THREADS ?? availableParallelism(),
      principalCacheSeconds: env.PRINCIPAL_CACHE_SECONDS,
      refreshTokenExpireDays: env.REFRESH_TOKEN_EXPIRE_DAYS,
      refreshReuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
      passwordResetExpireMinutes: env.PASSWORD_RESET_EXPIRE_MINUTES,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginFailureWindowMinutes: env.LOGIN_FAILURE_WINDOW_MINUTES,
      loginLockMinutes: env.LOGIN_LOCK_MINUTES,
      rateLimit: env.AUTH_RATE_LIMIT,
      rateWindowSeconds: env.AUTH_RATE_WINDOW_SECONDS,
    },
    mail: {
      host: env.EMAIL_HOST,
      port: env.EMAIL_PORT,
      sender: env.SENDER_EMAIL,
      password: env.EMAIL_PASSWORD,
      timeoutMs: env.EMAIL_TIMEOUT_MS,
      outboxPollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      outboxMaxAttempts: env.OUTBOX_MAX_ATTEMPTS,
      outboxWorkerEnabled: env.OUTBOX_WORKER_ENABLED,
      outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    },
    billing: {
      defaultTimezone: env.DEFAULT_TIMEZONE,
      companyName: env.COMPANY_NAME || env.APP_NAME,
      companyAddress: env.COMPANY_ADDRESS || null,
      companyTaxId: env.COMPANY_TAX_ID || null,
      lienMaxInterestPercent: env.LIEN_MAX_INTEREST_PERCENT,
    },
    housekeeping: { intervalMinutes: env.HOUSEKEEPING_INTERVAL_MINUTES },
    telemetry: {
      readingsRetentionDays: env.READINGS_RETENTION_DAYS,
      mqttUrl: env.MQTT_URL,
      mqttUsername: env.MQTT_USERNAME,
      mqttPassword: env.MQTT_PASSWORD,
      mqttShareGroup: env.MQTT_SHARE_GROUP,
    },
    alarms: { escalateMinutes: env.ALARM_ESCALATE_MINUTES },
  };
}

/** Reads `.env` (values already in the environment win) and validates the result. */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  envFile = join(process.cwd(), '.env'),
): AppConfig {
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return buildConfig(validateEnv({ ...fromFile, ...environment }));
}
