import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';

const NODE_ENVS = ['development', 'production', 'test'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;

/** The built-in key of development: published with the source, so never a real secret. */
export const DEVELOPMENT_SECRET_KEY = 'development-only-secret-key-change-me-0123456789';

/**
 * Keys published in this repository or its history (the built-in one, the old docker-compose
 * default, the test suite's): anyone can sign tokens with them.
 */
const PUBLISHED_SECRET_KEYS = new Set([
  DEVELOPMENT_SECRET_KEY,
  'change-me-to-32-or-more-random-bytes-0123456789',
  'test-secret-key-that-is-long-enough-0123456789',
]);
/** Words of example keys people copy ("change-me", "changeme", "replace_me"). */
const EXAMPLE_KEY_WORDS = /change[-_ ]?me|replace[-_ ]?me/i;

export function isPublishedSecret(value: string): boolean {
  return PUBLISHED_SECRET_KEYS.has(value) || EXAMPLE_KEY_WORDS.test(value);
}

const toInt = ({ value }: { value: unknown }): unknown => {
  const v = value;
  return typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
};

const toBool = ({ value }: { value: unknown }): unknown => {
  const v = value;
  if (typeof v !== 'string') return v;
  const lowered = v.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  return v;
};

/** Accepts `a,b` as well as the first version's JSON list form `["a","b"]`. */
const toList = ({ value }: { value: unknown }): unknown => {
  const v = value;
  if (typeof v !== 'string') return v;
  const trimmed = v.trim();
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return v;
    }
  }
  return trimmed
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
};

/**
 * Every environment variable the service reads. Validated once at boot; the rest of the code
 * reads typed config namespaces, never process.env.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsString()
  @MaxLength(100)
  APP_NAME = 'Cold Storage Management System';

  @Transform(toBool)
  @IsBoolean()
  DEBUG = false;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 8000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  @Transform(toBool)
  @IsBoolean()
  DATABASE_SSL = false;

  /** The two performance shims of src/performance (Express platform, pg client); off: stock ones. */
  @IsIn(['on', 'off'])
  PERFORMANCE_SHIMS: 'on' | 'off' = 'on';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_LOCK_TIMEOUT_MS = 5_000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  DATABASE_MAX_CONNECTION_LIFETIME_SECONDS = 1_800;

  @IsString()
  EMBEDDED_PG_DIR = '.data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsString()
  @MinLength(16, { message: 'SECRET_KEY must be at least 16 characters' })
  SECRET_KEY = DEVELOPMENT_SECRET_KEY;

  @IsIn(['HS256'], { message: 'JWT_ALGORITHM must be HS256' })
  JWT_ALGORITHM = 'HS256';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  ACCESS_TOKEN_EXPIRE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(4)
  @Max(15)
  BCRYPT_ROUNDS = 12;

  /** Threads hashing passwords; by default one per core the process may run on. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  HASH_THREADS?: number;

  /** How long an instance may reuse a loaded caller; 0 loads it on every request. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  PRINCIPAL_CACHE_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_EXPIRE_DAYS = 14;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60)
  REFRESH_REUSE_GRACE_SECONDS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_EXPIRE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_FAILURE_WINDOW_MINUTES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  AUTH_RATE_LIMIT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600)
  AUTH_RATE_WINDOW_SECONDS = 60;

  /** Express "trust proxy": empty (the socket's address), a hop count, or addresses/subnets. */
  @IsString()
  @Matches(
    /^$|^\d{1,2}$|^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/,
    {
      message:
        'TRUST_PROXY must be empty, a hop count, or a comma-separated list of proxy addresses',
    },
  )
  TRUST_PROXY = '';

  @IsOptional()
  @IsString()
  EMAIL_HOST?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMAIL_PORT = 587;

  @Transform(toInt)
  @IsInt()
  @Min(1_000)
  @Max(120_000)
  EMAIL_TIMEOUT_MS = 15_000;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 2_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  OUTBOX_MAX_ATTEMPTS = 10;

  @Transform(toBool)
  @IsBoolean()
  OUTBOX_WORKER_ENABLED = true;

  /** Sent and failed emails are deleted this many days after their last attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  OUTBOX_RETENTION_DAYS = 30;

  /** How often an instance runs housekeeping (purging old mail and expired idempotency keys). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  HOUSEKEEPING_INTERVAL_MINUTES = 60;

  /** Raw sensor readings are kept this long (whole months are dropped); hourly rollups for ever. */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(36_500)
  READINGS_RETENTION_DAYS = 730;

  /** MQTT broker to take sensor readings from; unset, nothing connects. */
  @IsOptional()
  @Matches(/^mqtts?:\/\/[^\s/]+/, {
    message: 'MQTT_URL must be an mqtt:// or mqtts:// URL, e.g. mqtt://127.0.0.1:1883',
  })
  MQTT_URL?: string;

  @IsOptional()
  @IsString()
  MQTT_USERNAME?: string;

  @IsOptional()
  @IsString()
  MQTT_PASSWORD?: string;

  /** The shared-subscription group: instances of one deployment split the messages within it. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, {
    message: 'MQTT_SHARE_GROUP must be 1-64 characters of A-Z, a-z, 0-9, _ and -',
  })
  MQTT_SHARE_GROUP = 'coldstore';

  /** Minutes an alarm may stay unacknowledged before every admin is emailed about it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  ALARM_ESCALATE_MINUTES = 30;

  @IsEmail({}, { message: 'SENDER_EMAIL must be an email address' })
  SENDER_EMAIL = 'no-reply@coldstore.local';

  @IsOptional()
  @IsString()
  EMAIL_PASSWORD?: string;

  @IsTimeZone({ message: 'DEFAULT_TIMEZONE must be an IANA time zone such as Asia/Kolkata' })
  DEFAULT_TIMEZONE = 'UTC';

  @IsOptional()
  @IsString()
  @MaxLength(200)
  COMPANY_NAME?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  COMPANY_ADDRESS?: string;

  @IsOptional()
  @IsString()
  @MaxLength(60)
  COMPANY_TAX_ID?: string;

  /** The highest simple interest rate per annum a lien may carry, in percent. */
  @Matches(/^(100(\.0{1,4})?|\d{1,2}(\.\d{1,4})?)$/, {
    message:
      'LIEN_MAX_INTEREST_PERCENT must be a percentage from 0 to 100 with at most 4 decimal places, e.g. 24',
  })
  LIEN_MAX_INTEREST_PERCENT = '24';

  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'FRONTEND_URL must be an http(s) URL' },
  )
  FRONTEND_URL = 'http://localhost:5173';

  @Transform(toList)
  @IsString({ each: true, message: 'CORS_ORIGINS must be a comma-separated list of origins' })
  CORS_ORIGINS: string[] = ['http://localhost:5173'];
}

export type Environment = EnvironmentVariables;

/** Thrown when the environment is unusable; its message is the one line printed at boot. */
export class ConfigValidationError extends Error {
  override name = 'ConfigValidationError';
}

/** The type check speaks first: "PORT must be an integer number" before "must not be greater". */
const firstMessage = (error: ValidationError): string => {
  const entries = Object.entries(error.constraints ?? {});
  const chosen =
    entries.find(([name]) => name.startsWith('is') || name === 'matches') ?? entries.at(0);
  return chosen ? chosen[1] : `${error.property} is invalid`;
};

export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  // Only our variables, and a blank value means "not set" so the default applies.
  const known = new Set(Object.keys(new EnvironmentVariables()));
  const given = Object.fromEntries(
    Object.entries(raw).filter(
      ([key, value]) => known.has(key) && !(typeof value === 'string' && value.trim() === ''),
    ),
  );
  const env = plainToInstance(EnvironmentVariables, given, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(`Invalid configuration: ${firstMessage(errors[0])}`);
  }
  assertSecretsFit(env, given.SECRET_KEY !== undefined, given.NODE_ENV !== undefined);
  return env;
}

/**
 * The signing key decides who can mint tokens. A real database (DATABASE_URL) needs a key of its
 * own unless NODE_ENV says, explicitly, development or test; production also refuses short and
 * published keys.
 */
function assertSecretsFit(
  env: EnvironmentVariables,
  secretGiven: boolean,
  nodeEnvGiven: boolean,
): void {
  const invalid = (line: string): never => {
    throw new ConfigValidationError(`Invalid configuration: ${line}`);
  };
  if (env.NODE_ENV === 'production') {
    if (!env.DATABASE_URL) invalid('DATABASE_URL is required when NODE_ENV=production');
    if (!secretGiven || Buffer.byteLength(env.SECRET_KEY, 'utf8') < 32) {
      invalid('SECRET_KEY of at least 32 bytes is required when NODE_ENV=production');
    }
    if (isPublishedSecret(env.SECRET_KEY)) {
      invalid(
        'SECRET_KEY is a published example key; set a random one (e.g. `openssl rand -hex 32`) when NODE_ENV=production',
      );
    }
    return;
  }
  if (env.DATABASE_URL && !secretGiven && !nodeEnvGiven) {
    invalid(
      'SECRET_KEY is required with DATABASE_URL (set it, or NODE_ENV=development or test to use the built-in development key)',
    );
  }
}
