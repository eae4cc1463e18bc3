const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|([+-])(\d{2}):(\d{2}))$/i;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads an RFC 3339 date-time ("2026-11-26T08:30:00Z", "2026-11-26T14:00:00.5+05:30"): a
 * date alone, a missing offset, or a day the calendar does not have (JavaScript would roll
 * "02-30" over into March) is null. Years 0001-9999, which PostgreSQL's timestamptz holds.
 */
export function parseDateTime(text: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  // Absent for "Z": Number(undefined) is NaN, so default them.
  const [offsetHours = 0, offsetMinutes = 0] = [match[9], match[10]]
    .filter((part): part is string => typeof part === 'string')
    .map(Number);
  const valid =
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
