/**
 * Calendar days as `YYYY-MM-DD` strings. Billing counts a warehouse's local days and stock its
 * expiry dates; the database turns instants into those days (`AT TIME ZONE`), and the arithmetic
 * here is on plain dates.
 */
const MS_PER_DAY = 86_400_000;

export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const addDays = (date: string, days: number): string =>
  fromDayNumber(dayNumber(date) + days);

/** Days from `from` to `to`, both counted: 2026-03-03..2026-03-10 is 8. */
export const inclusiveDays = (from: string, to: string): number =>
  dayNumber(to) - dayNumber(from) + 1;

/** The first and last day of a `YYYY-MM` month. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const start = `${month}-01`;
  const end = fromDayNumber(Date.UTC(y, m, 1) / MS_PER_DAY - 1);
  return { start, end };
}

/** Today's date in an IANA time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
