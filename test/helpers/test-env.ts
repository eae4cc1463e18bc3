import { buildConfig, type AppConfig } from 'src/config/configuration';
import { validateEnv } from 'src/config/env.validation';

/** The environment every e2e app starts from; a spec overrides what it is about. */
export const BASE_TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SECRET_KEY: 'test-secret-key-that-is-long-enough-0123456789',
  FRONTEND_URL: 'http://localhost:5173',
  CORS_ORIGINS: 'http://localhost:5173',
  BCRYPT_ROUNDS: '4',
  OUTBOX_POLL_INTERVAL_MS: '100',
  // Specs sign in many times from 127.0.0.1; the throttling spec sets its own limit.
  AUTH_RATE_LIMIT: '10000',
};

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return buildConfig(validateEnv({ ...BASE_TEST_ENV, DATABASE_URL: databaseUrl, ...overrides }));
}
