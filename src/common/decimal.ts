/**
 * Fixed-point decimals as scaled bigints: weights (3 places), temperatures (2), rates (4). No
 * binary float ever takes part in the arithmetic.
 */
const DECIMAL = /^-?\d+(\.\d+)?$/;

export function isDecimalString(value: string, scale: number): boolean {
  if (!DECIMAL.test(value)) return false;
  const fraction = value.split('.')[1] ?? '';
  return fraction.length <= scale;
}

export function toScaled(value: string, scale: number): bigint {
  if (!DECIMAL.test(value)) throw new Error(`Not a decimal: ${value}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  if (fraction.length > scale) throw new Error(`More than ${scale} decimal places: ${value}`);
  const scaled = BigInt(whole + fraction.padEnd(scale, '0'));
  return negative ? -scaled : scaled;
}

export function fromScaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? digits.slice(digits.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

export function compareDecimal(a: string, b: string, scale: number): number {
  const x = toScaled(a, scale);
  const y = toScaled(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** numerator × factor / divisor, rounded half-up (all non-negative scaled integers). */
export function mulDivHalfUp(value: bigint, factor: bigint, divisor: bigint): bigint {
  const product = value * factor;
  const quotient = product / divisor;
  return (product % divisor) * 2n >= divisor ? quotient + 1n : quotient;
}
