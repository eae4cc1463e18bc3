import { compareDecimal, fromScaled, isDecimalString, mulDivHalfUp, toScaled } from './decimal';

describe('decimal', () => {
  it('round-trips scaled values', () => {
    expect(toScaled('12.5', 3)).toBe(12500n);
    expect(toScaled('-18.25', 2)).toBe(-1825n);
    expect(fromScaled(12500n, 3)).toBe('12.5');
    expect(fromScaled(-5n, 2)).toBe('-0.05');
    expect(fromScaled(0n, 3)).toBe('0');
  });

  it('validates places', () => {
    expect(isDecimalString('1.234', 3)).toBe(true);
    expect(isDecimalString('1.2345', 3)).toBe(false);
    expect(isDecimalString('1e3', 3)).toBe(false);
    expect(() => toScaled('0.0001', 3)).toThrow();
  });

  it('compares without floats', () => {
    expect(compareDecimal('-18', '-18.00', 2)).toBe(0);
    expect(compareDecimal('0.1', '0.09', 2)).toBe(1);
  });

  it('rounds half up', () => {
    expect(mulDivHalfUp(1000n, 1n, 3n)).toBe(333n);
    expect(mulDivHalfUp(1000n, 2n, 3n)).toBe(667n);
    expect(mulDivHalfUp(5n, 1n, 2n)).toBe(3n);
  });
});
