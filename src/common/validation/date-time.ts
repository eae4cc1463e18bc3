/** Days in a month of the proleptic Gregorian calendar, by arithmetic (no Date built). */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The decimal number of `count` ASCII digits at `at`, or -1 when one is not a digit. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether the character at `at` is `char` (compared case-insensitively for letters). */
const isChar = (text: string, at: number, char: string): boolean =>
  text.charAt(at).toUpperCase() === char;

/**
 * Reads an RFC 3339 date-time ("2026-11-26T08:30:00Z", "2026-11-26T14:00:00.5+05:30") as
 * milliseconds since the epoch: a date alone, a missing offset, or a day the calendar does not
 * have (JavaScript would roll "02-30" over into March) is null. Years 0001-9999, which
 * PostgreSQL's timestamptz holds; digits of a second finer than milliseconds are dropped. Read
 * character by character, building nothing: a batch of 10,000 sensor readings reads 10,000.
 */
export function parseDateTimeMs(text: string): number | null {
  if (text.length < 20 || text.length > 35) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const shape =
    text.charAt(4) === '-' &&
    text.charAt(7) === '-' &&
    isChar(text, 10, 'T') &&
    text.charAt(13) === ':' &&
    text.charAt(16) === ':';
  if (!shape || year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    return null;
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return null;
  }
  let at = 19;
  let ms = 0;
  if (text.charAt(at) === '.') {
    const start = ++at;
    while (at < text.length && at - start < 9 && digits(text, at, 1) >= 0) at++;
    const count = at - start;
    if (count === 0) return null;
    for (let i = 0; i < 3; i++) ms = ms * 10 + (i < count ? digits(text, start + i, 1) : 0);
  }
  let offsetMinutes = 0;
  if (isChar(text, at, 'Z')) {
    at += 1;
  } else {
    const sign = text.charAt(at);
    const offsetHours = digits(text, at + 1, 2);
    const offsetMins = digits(text, at + 4, 2);
    if (
      (sign !== '+' && sign !== '-') ||
      text.charAt(at + 3) !== ':' ||
      offsetHours < 0 ||
      offsetHours > 23 ||
      offsetMins < 0 ||
      offsetMins > 59
    ) {
      return null;
    }
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
    at += 6;
  }
  if (at !== text.length) return null;
  // Date.UTC reads years 0-99 as 1900-1999: set the full year on its own.
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return utc.getTime() + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/** `parseDateTimeMs` as a Date. */
export function parseDateTime(text: string): Date | null {
  const ms = parseDateTimeMs(text);
  return ms === null ? null : new Date(ms);
}
