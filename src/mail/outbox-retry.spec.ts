import { describeSendError, retryDelayMs } from './outbox-retry';

describe('retryDelayMs', () => {
  const middle = (): number => 0.5; // no jitter

  it('doubles from one second', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, middle))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000,
    ]);
  });

  it('never waits more than ten minutes', () => {
    expect(retryDelayMs(20, () => 1)).toBe(600_000);
    expect(retryDelayMs(50, () => 1)).toBe(600_000);
  });

  it('spreads retries by ±20 %', () => {
    expect(retryDelayMs(3, () => 0)).toBe(3_200);
    expect(retryDelayMs(3, () => 1)).toBe(4_800);
  });
});

describe('describeSendError', () => {
  it('keeps the error code and message on one short line', () => {
    const error = Object.assign(new Error('Message failed: 451 4.3.0\r\nTry again later'), {
      code: 'EMESSAGE',
    });
    expect(describeSendError(error)).toBe('EMESSAGE: Message failed: 451 4.3.0 Try again later');
    expect(describeSendError(new Error('x'.repeat(1_000)))).toHaveLength(300);
  });

  it('does not repeat a code the message already names', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), {
      code: 'ECONNREFUSED',
    });
    expect(describeSendError(error)).toBe('connect ECONNREFUSED 127.0.0.1:25');
  });

  it('never stores the SMTP password', () => {
    const error = new Error('Invalid login: 535 bad credentials for hunter2-password');
    expect(describeSendError(error, 'hunter2-password')).toBe(
      'Invalid login: 535 bad credentials for ***',
    );
  });
});
