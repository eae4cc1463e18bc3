import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * JSON with object keys sorted at every level: one text for the same content, whatever the order
 * its keys were written in. Undefined members are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The certificates' key: derived from SECRET_KEY, never the key itself. */
export function certificateKey(secretKey: string): Buffer {
  return createHmac('sha256', secretKey).update('coldstore/cold-chain-certificate').digest();
}

/** 80 bits of HMAC-SHA256 over the canonical content, as five groups of four hex digits. */
export function verificationCode(key: Buffer, content: unknown): string {
  const hex = createHmac('sha256', key).update(canonicalJson(content)).digest('hex');
  return (hex.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

/** Compares a typed code (case and dashes aside) with the expected one in constant time. */
export function codesMatch(expected: string, given: string): boolean {
  const normalize = (code: string): Buffer => Buffer.from(code.replace(/[\s-]/g, '').toUpperCase());
  const a = normalize(expected);
  const b = normalize(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
