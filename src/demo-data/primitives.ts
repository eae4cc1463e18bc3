/** Seeded randomness, business time and exact number formatting for the demo data generator. */

export const DAY_MS = 86_400_000;
/** Business hours 08:30-19:30 IST, kept in UTC: the demo warehouses are all in India. */
const BUSINESS_START_MINUTE = 3 * 60;
export const BUSINESS_MINUTES = 11 * 60;

/** mulberry32: small, fast and good enough for demo data; floats here are draws, never amounts. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A draw in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

/** Mixes numbers into one 32-bit seed, so each lot and each truck draws from a stream of its own. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const isoDate = (date: Date): string => date.toISOString().slice(0, 10);
/** Days since the epoch, UTC. */
export const dayNumber = (date: Date): number => Math.floor(date.getTime() / DAY_MS);

/** A time `minute` minutes into business hours on a day counted from the epoch. */
export function businessTime(day: number, minute: number): Date {
  return new Date(day * DAY_MS + (BUSINESS_START_MINUTE + minute) * 60_000);
}

/** Integer grams as a kilogram decimal string with three places: no float ever carries weight. */
export function gramsToKg(grams: number): string {
  const abs = Math.abs(grams);
  const fraction = abs % 1000;
  const digits = fraction < 10 ? `00${fraction}` : fraction < 100 ? `0${fraction}` : `${fraction}`;
  return `${grams < 0 ? '-' : ''}${(abs - fraction) / 1000}.${digits}`;
}

export const formatTemp = (celsius: number): string => celsius.toFixed(2);
