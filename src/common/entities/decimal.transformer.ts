import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL numeric stays a string end to end: no binary float ever touches a temperature,
 * a weight or an amount. Normalises "10.500" to "10.5" for the wire.
 */
export const decimalTransformer: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : normalizeDecimal(value)),
};

export function normalizeDecimal(value: string): string {
  if (!value.includes('.')) return value;
  const trimmed = value.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}
