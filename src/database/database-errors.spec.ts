import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-errors';

const pgError = (code: string, message = 'failed'): Error =>
  Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['an exhausted pool', new Error('timeout exceeded when trying to connect')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a statement timeout', new QueryFailedError('SELECT 1', [], pgError('57014'))],
    ['a lock timeout', new QueryFailedError('UPDATE x', [], pgError('55P03'))],
    ['an administrator shutdown', pgError('57P01')],
    ['a plain object from another realm', { code: 'ECONNRESET', message: 'read ECONNRESET' }],
  ])('is true for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], pgError('23505'))],
    ['a programming error', new TypeError('x is undefined')],
    ['a non-error', 'boom'],
  ])('is false for %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
