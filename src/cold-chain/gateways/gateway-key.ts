import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A gateway's API key: `csg_<prefix>_<secret>`, the prefix 12 hex characters that find the row
 * (and tell keys apart in lists and logs), the secret 256 random bits in base64url. Only the
 * SHA-256 of the whole key is stored.
 */
const KEY = /^csg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewGatewayKey {
  key: string;
  prefix: string;
  hash: string;
}

export function newGatewayKey(): NewGatewayKey {
  const prefix = randomBytes(6).toString('hex');
  const key = `csg_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashGatewayKey(key) };
}

export function hashGatewayKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The prefix of a well-formed key; null for anything else. */
export function gatewayKeyPrefix(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}

/** Whether the key hashes to the stored hash, compared in constant time. */
export function gatewayKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashGatewayKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
