import { isDecimalString, toScaled } from 'src/common/decimal';

/**
 * Money as integer minor units of an ISO 4217 currency; decimal strings only at the edges.
 */
const SUPPORTED = new Set(Intl.supportedValuesOf('currency'));

export const isIsoCurrency = (code: string): boolean => SUPPORTED.has(code);

/** Digits after the decimal point: 2 for INR and USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** 70000 INR → "700.00"; -5 USD → "-0.05". */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** A bigint amount that must fit a JSON number exactly. */
export function toSafeNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Amount out of range: ${value}`);
  return n;
}

/** "350.5" INR → 35050; null when it has more places than the currency has minor digits. */
export function parseMinor(amount: string, currency: string): number | null {
  const digits = minorDigits(currency);
  if (!isDecimalString(amount, digits)) return null;
  const minor = toScaled(amount, digits);
  return minor <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(minor) : null;
}
