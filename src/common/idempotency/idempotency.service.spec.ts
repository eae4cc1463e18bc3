import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { canonicalJson, parseIdempotencyKey, requestHash } from './idempotency.service';

describe('parseIdempotencyKey', () => {
  it('treats a missing header as no key', () => {
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  it.each([
    ['a UUID', '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e'],
    ['one character', 'x'],
    ['200 characters', 'k'.repeat(200)],
    ['visible punctuation', 'order#42:retry/1~!'],
  ])('accepts %s', (_name, key) => {
    expect(parseIdempotencyKey(key)).toBe(key);
  });

  it.each([
    ['an empty value', ''],
    ['201 characters', 'k'.repeat(201)],
    ['a space', 'two words'],
    ['a control character', 'tab\there'],
    ['a non-ASCII character', 'clé'],
    ['a repeated header', ['a', 'b']],
  ])('refuses %s with a 422 naming the header', (_name, key) => {
    const refusal = (): unknown => {
      try {
        parseIdempotencyKey(key);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const error = refusal();
    expect(error).toBeInstanceOf(BusinessRuleError);
    expect((error as BusinessRuleError).errors).toEqual([
      { field: 'Idempotency-Key', message: expect.any(String) },
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts object keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
  });

  it('drops undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('requestHash', () => {
  const base = { method: 'POST', path: '/api/x', query: {}, body: { a: 1, b: [1, 2] } };

  it('is a hex SHA-256, equal for bodies that differ only in key order', () => {
    const hash = requestHash(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash({ ...base, body: { b: [1, 2], a: 1 } })).toBe(hash);
  });

  it.each([
    ['method', { method: 'PUT' }],
    ['path', { path: '/api/y' }],
    ['query', { query: { dry_run: 'true' } }],
    ['body', { body: { a: 2, b: [1, 2] } }],
    ['array order', { body: { a: 1, b: [2, 1] } }],
  ])('changes with the %s', (_name, change) => {
    expect(requestHash({ ...base, ...change })).not.toBe(requestHash(base));
  });
});
