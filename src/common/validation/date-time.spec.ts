import { parseDateTime, parseDateTimeMs } from './date-time';

describe('parseDateTime', () => {
  it.each([
    ['2026-11-26T08:30:00Z', '2026-11-26T08:30:00.000Z'],
    ['2026-11-26T14:00:00+05:30', '2026-11-26T08:30:00.000Z'],
    ['2026-11-26T08:30:00.123456-01:00', '2026-11-26T09:30:00.123Z'],
    ['2028-02-29T00:00:00z', '2028-02-29T00:00:00.000Z'],
  ])('reads %s as that instant', (text, iso) => {
    expect(parseDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-12-05',
    '2026-12-05T10:00:00',
    '2026-12-05T10:00Z',
    '2026-12-05 10:00:00Z',
    '2026-02-30T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:00:60Z',
    '2026-01-01T23:00:00+24:00',
    '0000-01-01T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '1764146400',
    '',
  ])('refuses %p', (text) => {
    expect(parseDateTime(text)).toBeNull();
  });
});

describe('parseDateTimeMs', () => {
  it('agrees with Date on a year of minutes in every offset form', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let minute = 0; minute < 366 * 1440; minute += 997) {
      const at = start + minute * 60_000 + (minute % 1000);
      const iso = new Date(at).toISOString();
      expect(parseDateTimeMs(iso)).toBe(at);
      expect(parseDateTimeMs(iso.replace('Z', '+00:00'))).toBe(at);
      const local = new Date(at + 330 * 60_000).toISOString().replace('Z', '+05:30');
      expect(parseDateTimeMs(local)).toBe(at);
    }
  });

  it('reads years below 100 as themselves', () => {
    expect(new Date(parseDateTimeMs('0001-01-01T00:00:00Z') ?? 0).getUTCFullYear()).toBe(1);
  });

  it.each(['2026-11-26T08:30:00.Z', '2026-11-26T08:30:00+05:3', '2026-11-26T08:30:00+0530'])(
    'refuses %p',
    (text) => {
      expect(parseDateTimeMs(text)).toBeNull();
    },
  );
});
