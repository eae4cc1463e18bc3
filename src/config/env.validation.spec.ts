import { ConfigValidationError, validateEnv } from './env.validation';

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

  it('does not echo a secret value in its message', () => {
    expect(() => validateEnv({ SECRET_KEY: 'hunter2' })).toThrow(
      /^Invalid configuration: SECRET_KEY must be at least 16 characters$/,
    );
  });
});
