import { withCallback, type QueryMethod } from './pg-client';

describe('withCallback', () => {
  const calls: unknown[][] = [];
  let answer: { error: Error | null; result: unknown } = { error: null, result: undefined };
  const base: QueryMethod = function (this: unknown, ...args: unknown[]) {
    calls.push([this, ...args]);
    const callback = args.find((arg) => typeof arg === 'function') as
      ((error: Error | null, result: unknown) => void) | undefined;
    if (callback) {
      queueMicrotask(() => {
        callback(answer.error, answer.result);
      });
    }
    return 'base-return';
  };
  const query = withCallback(base);
  const self = { name: 'client' };

  beforeEach(() => {
    calls.length = 0;
  });

  it('makes a promise-style call with a callback, and resolves with its result', async () => {
    answer = { error: null, result: { rows: [{ n: 1 }] } };
    await expect(query.call(self, 'SELECT $1::int AS n', [1])).resolves.toEqual({
      rows: [{ n: 1 }],
    });
    expect(calls).toHaveLength(1);
    const [thisArg, text, values, callback] = calls[0];
    expect(thisArg).toBe(self);
    expect(text).toBe('SELECT $1::int AS n');
    expect(values).toEqual([1]);
    expect(typeof callback).toBe('function');
  });

  it('rejects with the error the callback is given', async () => {
    const failure = new Error('relation "nope" does not exist');
    answer = { error: failure, result: undefined };
    await expect(query.call(self, 'SELECT * FROM nope')).rejects.toBe(failure);
  });

  it('leaves callback and submittable calls as they are', () => {
    const callback = (): void => undefined;
    expect(query.call(self, 'SELECT 1', callback)).toBe('base-return');
    expect(query.call(self, 'SELECT 1', [], callback)).toBe('base-return');
    const cursor = { submit: (): void => undefined };
    expect(query.call(self, cursor)).toBe('base-return');
    expect(calls.map((call) => call.length)).toEqual([3, 4, 2]);
  });
});
