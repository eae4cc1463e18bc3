import { stdSerializers } from 'pino';
import { QueryFailedError } from 'typeorm';
import { serializeError } from './error-serializer';

const PROBE = 'probe-7f3a9c@example.com';

function failedQuery(): QueryFailedError {
  const driverError = Object.assign(
    new Error(`duplicate key value violates unique constraint "uq_users_email"`),
    {
      code: '23505',
      constraint: 'uq_users_email',
      table: 'users',
      detail: `Key (email)=(${PROBE}) already exists.`,
    },
  );
  return new QueryFailedError(
    `INSERT INTO users (email) VALUES ($1) -- ${PROBE}`,
    [PROBE],
    driverError,
  );
}

describe('serializeError', () => {
  it('keeps the kind, code, constraint, table and frames of a failed query', () => {
    const logged = serializeError(failedQuery());
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '23505',
      constraint: 'uq_users_email',
      table: 'users',
    });
    expect(logged.stack).toMatch(/^at /);
  });

  it('never carries its parameters, query text, message or driver detail', () => {
    for (const input of [failedQuery(), stdSerializers.err(failedQuery())]) {
      const text = JSON.stringify(serializeError(input));
      expect(text).not.toContain(PROBE);
      expect(text).not.toContain('INSERT');
      expect(text).not.toContain('duplicate key');
    }
  });

  it('cuts a message that spans lines off the stack, frames that look real included', () => {
    const driverError = Object.assign(new Error(`bad "${PROBE}\n    at evil (${PROBE}:1:2)"`), {
      code: '22P02',
    });
    const logged = serializeError(new QueryFailedError('SELECT $1', [PROBE], driverError));
    expect(logged.code).toBe('22P02');
    expect(logged.stack).toMatch(/^at /);
    expect(JSON.stringify(logged)).not.toContain(PROBE);
  });

  it('leaves out a stack whose first line is no longer the message', () => {
    const error = new Error('first');
    expect(error.stack).toMatch(/^Error: first/);
    error.message = `later ${PROBE}`;
    expect(serializeError(error).stack).toBeUndefined();
  });

  it('follows causes, and refuses a code that is not a plain code', () => {
    const error = new Error(`outer ${PROBE}`, {
      cause: Object.assign(new Error(`inner ${PROBE}`), { code: `x ${PROBE}` }),
    });
    const logged = serializeError(error);
    expect(logged.cause).toMatchObject({ type: 'Error' });
    expect(logged.cause?.code).toBeUndefined();
    expect(JSON.stringify(logged)).not.toContain(PROBE);
  });

  it('describes a thrown non-error by its type alone', () => {
    expect(serializeError(PROBE)).toEqual({ type: 'string' });
  });
});
