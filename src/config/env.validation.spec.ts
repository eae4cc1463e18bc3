import { ConfigValidationError, DEVELOPMENT_SECRET_KEY, validateEnv } from './env.validation';

const expectInvalid = (env: Record<string, string>, message: RegExp): void => {
  expect(() => validateEnv(env)).toThrow(ConfigValidationError);
  expect(() => validateEnv(env)).toThrow(message);
};

describe('validateEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8000,
      DATABASE_POOL_SIZE: 20,
      ACCESS_TOKEN_EXPIRE_MINUTES: 30,
      JWT_ALGORITHM: 'HS256',
      EMBEDDED_PG_DIR: '.data',
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('treats blank values as unset', () => {
    expect(validateEnv({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({
      PORT: 8000,
      DATABASE_URL: undefined,
    });
  });

  it('converts numbers, booleans and lists', () => {
    const env = validateEnv({
      PORT: '9000',
      DEBUG: 'true',
      CORS_ORIGINS: 'http://a.test, http://b.test',
    });
    expect(env).toMatchObject({
      PORT: 9000,
      DEBUG: true,
      CORS_ORIGINS: ['http://a.test', 'http://b.test'],
    });
  });

  it("accepts the first version's JSON list for CORS_ORIGINS", () => {
    expect(validateEnv({ CORS_ORIGINS: '["http://a.test"]' }).CORS_ORIGINS).toEqual([
      'http://a.test',
    ]);
  });

  it('names the variable in one line when a value is bad', () => {
    expectInvalid({ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer number$/);
    expectInvalid(
      { PORT: '70000' },
      /^Invalid configuration: PORT must not be greater than 65535$/,
    );
    expectInvalid({ DEBUG: 'maybe' }, /DEBUG must be a boolean/);
    expectInvalid({ JWT_ALGORITHM: 'none' }, /JWT_ALGORITHM must be HS256/);
    expectInvalid({ FRONTEND_URL: 'not a url' }, /FRONTEND_URL must be an http\(s\) URL/);
    expectInvalid({ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres/);
  });

  it('refuses production without DATABASE_URL', () => {
    expectInvalid(
      { NODE_ENV: 'production', SECRET_KEY: 'k'.repeat(32) },
      /DATABASE_URL is required when NODE_ENV=production/,
    );
  });

  it('refuses production with the default or a short SECRET_KEY', () => {
    const db = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/db' };
    expectInvalid(db, /SECRET_KEY of at least 32 bytes/);
    expectInvalid({ ...db, SECRET_KEY: 'k'.repeat(31) }, /SECRET_KEY of at least 32 bytes/);
    expect(validateEnv({ ...db, SECRET_KEY: 'k'.repeat(32) }).SECRET_KEY).toHaveLength(32);
  });

  it('refuses the published keys in production, with one line that does not echo them', () => {
    const db = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/db' };
    const published = [
      // The old docker-compose default, the built-in development key, the test suite's key.
      'change-me-to-32-or-more-random-bytes-0123456789',
      'development-only-secret-key-change-me-0123456789',
      'test-secret-key-that-is-long-enough-0123456789',
      // Anything still saying to replace it.
      'please-CHANGEME-before-going-live-0123456789',
      'replace_me_with_32_random_bytes_from_openssl',
    ];
    for (const key of published) {
      expect(() => validateEnv({ ...db, SECRET_KEY: key })).toThrow(
        /^Invalid configuration: SECRET_KEY is a published example key; set a random one \(e\.g\. `openssl rand -hex 32`\) when NODE_ENV=production$/,
      );
    }
  });

  it('accepts a random key in production', () => {
    const key = 'f3a9c2e1b7d04a6f9e8c1b2a3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a';
    expect(
      validateEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@h/db', SECRET_KEY: key })
        .SECRET_KEY,
    ).toBe(key);
  });

  it('refuses DATABASE_URL without SECRET_KEY when NODE_ENV is not set', () => {
    const line =
      /^Invalid configuration: SECRET_KEY is required with DATABASE_URL \(set it, or NODE_ENV=development or test to use the built-in development key\)$/;
    expectInvalid({ DATABASE_URL: 'postgresql://u@h/db' }, line);
    expectInvalid({ DATABASE_URL: 'postgresql://u@h/db', SECRET_KEY: '  ' }, line);
  });

  it('lets development and test use the built-in key with a DATABASE_URL', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const env = validateEnv({ NODE_ENV, DATABASE_URL: 'postgresql://u@h/db' });
      expect(env.SECRET_KEY).toBe(DEVELOPMENT_SECRET_KEY);
    }
  });

  it('needs no SECRET_KEY for the embedded database (no DATABASE_URL)', () => {
    expect(validateEnv({}).SECRET_KEY).toBe(DEVELOPMENT_SECRET_KEY);
  });

  it('takes a key of its own with DATABASE_URL in any environment', () => {
    const key = 'k'.repeat(32);
    expect(validateEnv({ DATABASE_URL: 'postgresql://u@h/db', SECRET_KEY: key }).SECRET_KEY).toBe(
      key,
    );
  });

  it('keeps raw readings two years and connects to no MQTT broker unless told otherwise', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({ READINGS_RETENTION_DAYS: 730, MQTT_SHARE_GROUP: 'coldstore' });
    expect(env.MQTT_URL).toBeUndefined();
    expect(validateEnv({ MQTT_URL: 'mqtt://127.0.0.1:1883' }).MQTT_URL).toBe(
      'mqtt://127.0.0.1:1883',
    );
    expectInvalid(
      { READINGS_RETENTION_DAYS: '7' },
      /^Invalid configuration: READINGS_RETENTION_DAYS must not be less than 30$/,
    );
    expectInvalid(
      { MQTT_URL: 'http://broker:1883' },
      /^Invalid configuration: MQTT_URL must be an mqtt:\/\/ or mqtts:\/\/ URL/,
    );
    expectInvalid({ MQTT_SHARE_GROUP: 'a/b' }, /^Invalid configuration: MQTT_SHARE_GROUP must be/);
  });

  it('keeps sent mail 30 days and runs housekeeping hourly unless told otherwise', () => {
    expect(validateEnv({})).toMatchObject({
      OUTBOX_RETENTION_DAYS: 30,
      HOUSEKEEPING_INTERVAL_MINUTES: 60,
    });
    expect(validateEnv({ OUTBOX_RETENTION_DAYS: '7' }).OUTBOX_RETENTION_DAYS).toBe(7);
    expectInvalid(
      { OUTBOX_RETENTION_DAYS: '0' },
      /^Invalid configuration: OUTBOX_RETENTION_DAYS must not be less than 1$/,
    );
    expectInvalid(
      { HOUSEKEEPING_INTERVAL_MINUTES: 'hourly' },
      /^Invalid configuration: HOUSEKEEPING_INTERVAL_MINUTES must be an integer number$/,
    );
  });

  it('caps lien interest at 24% a year unless told otherwise, a percentage of 0 to 100', () => {
    expect(validateEnv({}).LIEN_MAX_INTEREST_PERCENT).toBe('24');
    expect(validateEnv({ LIEN_MAX_INTEREST_PERCENT: '18.5' }).LIEN_MAX_INTEREST_PERCENT).toBe(
      '18.5',
    );
    for (const bad of ['abc', '-1', '100.5', '101', '12.34567', '1e2'])
      expectInvalid(
        { LIEN_MAX_INTEREST_PERCENT: bad },
        /^Invalid configuration: LIEN_MAX_INTEREST_PERCENT must be a percentage from 0 to 100/,
      );
  });

  it('does not echo a secret value in its message', () => {
    expect(() => validateEnv({ SECRET_KEY: 'hunter2' })).toThrow(
      /^Invalid configuration: SECRET_KEY must be at least 16 characters$/,
    );
  });
});
