import {
  defrostChecker,
  detectExcursions,
  type DetectorReading,
  type DetectorRules,
} from './excursion-detector';
import { ExcursionDirection } from './excursion.enums';

const MINUTE = 60_000;
const T0 = Date.parse('2026-11-26T08:00:00Z');

const rules = (overrides: Partial<DetectorRules> = {}): DetectorRules => ({
  alarmDelayMs: 15 * MINUTE,
  recoveryDelayMs: 10 * MINUTE,
  minC: -25,
  maxC: -15,
  maxSilenceMs: 3 * MINUTE,
  inDefrost: () => false,
  ...overrides,
});

/** One reading a minute from `from` (minutes after T0), one temperature per minute. */
const series = (from: number, temperatures: number[], sensorId = 's1'): DetectorReading[] =>
  temperatures.map((temperatureC, i) => ({
    sensorId,
    at: T0 + (from + i) * MINUTE,
    temperatureC,
  }));

const repeat = (value: number, times: number): number[] => Array<number>(times).fill(value);
const at = (minute: number): number => T0 + minute * MINUTE;

describe('detectExcursions', () => {
  it('opens nothing while a breach is shorter than the alarm delay', () => {
    const readings = series(0, [-18, ...repeat(-10, 15), -18]);
    expect(detectExcursions(rules(), readings, null)).toEqual([]);
  });

  it('opens once the breach has lasted the alarm delay, from its first reading', () => {
    const readings = series(0, [-18, ...repeat(-10, 16)]);
    const [excursion, ...rest] = detectExcursions(rules(), readings, null);
    expect(rest).toEqual([]);
    expect(excursion).toMatchObject({
      existing: false,
      direction: ExcursionDirection.Above,
      startedAt: at(1),
      openedAt: at(16),
      minC: -10,
      maxC: -10,
      endedAt: null,
      closedAt: null,
    });
  });

  it('opens at the first out-of-range reading when the delay is zero', () => {
    const [excursion] = detectExcursions(rules({ alarmDelayMs: 0 }), series(0, [-30]), null);
    expect(excursion).toMatchObject({
      direction: ExcursionDirection.Below,
      startedAt: at(0),
      openedAt: at(0),
    });
  });

  it('treats the range bounds as in range', () => {
    expect(detectExcursions(rules(), series(0, repeat(-15, 30)), null)).toEqual([]);
    expect(detectExcursions(rules(), series(0, repeat(-25, 30)), null)).toEqual([]);
  });

  it('restarts the countdown when one reading comes back in range', () => {
    const readings = series(0, [...repeat(-10, 10), -18, ...repeat(-10, 10)]);
    expect(detectExcursions(rules(), readings, null)).toEqual([]);
  });

  it('closes only after the recovery delay in range (hysteresis), ending at the first in-range reading', () => {
    const readings = series(0, [
      ...repeat(-10, 16), // opens at minute 15
      ...repeat(-18, 5), // back in range 16-20: not long enough
      -12, // out again at 21
      ...repeat(-18, 11), // 22-32: closes at 32
    ]);
    const [excursion] = detectExcursions(rules(), readings, null);
    expect(excursion).toMatchObject({
      startedAt: at(0),
      openedAt: at(15),
      endedAt: at(22),
      closedAt: at(32),
      maxC: -10,
      // The short recovery was part of the excursion; the final one is not.
      minC: -18,
    });
  });

  it('keeps the extremes of the breach only when the recovery succeeds', () => {
    const readings = series(0, [...repeat(-10, 14), -5, -10, ...repeat(-20, 11)]);
    const [excursion] = detectExcursions(rules(), readings, null);
    expect(excursion).toMatchObject({ minC: -10, maxC: -5, endedAt: at(16), closedAt: at(26) });
  });

  it('reports two excursions when a chamber breaches again after closing', () => {
    const readings = series(0, [
      ...repeat(-10, 16),
      ...repeat(-18, 11),
      ...repeat(-30, 16), // below this time
    ]);
    const found = detectExcursions(rules(), readings, null);
    expect(found.map((e) => [e.direction, e.startedAt, e.closedAt])).toEqual([
      [ExcursionDirection.Above, at(0), at(26)],
      [ExcursionDirection.Below, at(27), null],
    ]);
  });

  it('continues the excursion already open and closes it', () => {
    const open = {
      direction: ExcursionDirection.Above,
      startedAt: at(-30),
      openedAt: at(-15),
      minC: -12,
      maxC: -3,
    };
    const found = detectExcursions(rules(), series(0, [-1, ...repeat(-20, 11)]), open);
    expect(found).toEqual([
      {
        ...open,
        existing: true,
        maxC: -1,
        endedAt: at(1),
        closedAt: at(11),
      },
    ]);
  });

  it('leaves the open excursion open while the recovery is under way', () => {
    const open = {
      direction: ExcursionDirection.Above,
      startedAt: at(-30),
      openedAt: at(-15),
      minC: -12,
      maxC: -3,
    };
    const [excursion] = detectExcursions(rules(), series(0, repeat(-20, 5)), open);
    expect(excursion).toMatchObject({ existing: true, closedAt: null, minC: -20 });
  });

  it('opens when any fresh sensor is out of range, whatever the others say', () => {
    const readings = [
      ...series(0, repeat(-10, 16), 'warm'),
      ...series(0, repeat(-20, 16), 'cold'),
    ].sort((a, b) => a.at - b.at);
    const [excursion] = detectExcursions(rules(), readings, null);
    expect(excursion).toMatchObject({ startedAt: at(0), openedAt: at(15), minC: -20, maxC: -10 });
  });

  it('judges sensors that report at different instants by their latest readings', () => {
    const warm = series(0, repeat(-10, 16), 'warm');
    const cold = series(0, repeat(-20, 16), 'cold').map((r) => ({ ...r, at: r.at + 30_000 }));
    const readings = [...warm, ...cold].sort((a, b) => a.at - b.at);
    const [excursion] = detectExcursions(rules(), readings, null);
    expect(excursion).toMatchObject({ startedAt: at(0), openedAt: at(15) });
  });

  it('forgets a sensor that went silent', () => {
    // The warm sensor's last reading is at minute 0; the cold one goes on in range.
    const readings = [...series(0, [-10], 'warm'), ...series(0, repeat(-20, 30), 'cold')].sort(
      (a, b) => a.at - b.at,
    );
    expect(detectExcursions(rules(), readings, null)).toEqual([]);
  });

  it('breaks the countdown across a gap longer than the silence allowed', () => {
    const readings = [...series(0, repeat(-10, 10)), ...series(20, repeat(-10, 10))];
    expect(detectExcursions(rules(), readings, null)).toEqual([]);
  });

  it('counts through gaps shorter than the silence allowed', () => {
    const readings = series(0, repeat(-10, 16)).filter((_, i) => i % 2 === 0 || i === 15);
    expect(detectExcursions(rules(), readings, null)).toHaveLength(1);
  });

  it('does not close across a gap: recovery needs readings', () => {
    const open = {
      direction: ExcursionDirection.Above,
      startedAt: at(-30),
      openedAt: at(-15),
      minC: -12,
      maxC: -3,
    };
    const readings = [...series(0, repeat(-20, 5)), ...series(20, repeat(-20, 5))];
    const [excursion] = detectExcursions(rules(), readings, open);
    expect(excursion.closedAt).toBeNull();
  });

  it('ignores readings inside a defrost window', () => {
    const inDefrost = (t: number): boolean => t >= at(0) && t < at(30);
    const readings = series(0, repeat(-5, 30));
    expect(detectExcursions(rules({ inDefrost }), readings, null)).toEqual([]);
  });

  it('starts counting a breach only after the defrost ends', () => {
    const inDefrost = (t: number): boolean => t >= at(0) && t < at(30);
    const readings = series(0, repeat(-5, 50));
    const [excursion] = detectExcursions(rules({ inDefrost }), readings, null);
    expect(excursion).toMatchObject({ startedAt: at(30), openedAt: at(45), maxC: -5 });
  });

  it('breaks a breach that a defrost interrupts', () => {
    const inDefrost = (t: number): boolean => t >= at(10) && t < at(20);
    const readings = series(0, repeat(-10, 30));
    expect(detectExcursions(rules({ inDefrost }), readings, null)).toEqual([]);
  });

  it('handles readings arriving late: a whole past excursion opens and closes in one replay', () => {
    const readings = series(-120, [...repeat(-10, 20), ...repeat(-20, 10), ...repeat(-20, 5)]);
    const [excursion] = detectExcursions(rules(), readings, null);
    expect(excursion).toMatchObject({
      startedAt: at(-120),
      openedAt: at(-105),
      endedAt: at(-100),
      closedAt: at(-90),
    });
  });

  it('closes at the first in-range reading when the recovery delay is zero', () => {
    const readings = series(0, [...repeat(-10, 16), -20]);
    const [excursion] = detectExcursions(rules({ recoveryDelayMs: 0 }), readings, null);
    expect(excursion).toMatchObject({ endedAt: at(16), closedAt: at(16) });
  });
});

describe('defrostChecker', () => {
  it('reads windows on the warehouse wall clock', () => {
    // 06:00 in Kolkata is 00:30 UTC.
    const inDefrost = defrostChecker([{ start: '06:00', minutes: 30 }], 'Asia/Kolkata');
    expect(inDefrost(Date.parse('2026-11-26T00:29:00Z'))).toBe(false);
    expect(inDefrost(Date.parse('2026-11-26T00:30:00Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-26T00:59:59Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-26T01:00:00Z'))).toBe(false);
  });

  it('covers a window that runs past midnight on both days', () => {
    const inDefrost = defrostChecker([{ start: '23:30', minutes: 60 }], 'UTC');
    expect(inDefrost(Date.parse('2026-11-26T23:29:00Z'))).toBe(false);
    expect(inDefrost(Date.parse('2026-11-26T23:45:00Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-27T00:00:00Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-27T00:29:00Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-27T00:30:00Z'))).toBe(false);
  });

  it('suppresses a breach across midnight in the detector', () => {
    const inDefrost = defrostChecker([{ start: '23:50', minutes: 30 }], 'UTC');
    const start = Date.parse('2026-11-26T23:50:00Z');
    const readings = Array.from({ length: 30 }, (_, i) => ({
      sensorId: 's1',
      at: start + i * MINUTE,
      temperatureC: 0,
    }));
    expect(detectExcursions(rules({ inDefrost }), readings, null)).toEqual([]);
  });

  it('checks several windows and none at all', () => {
    const inDefrost = defrostChecker(
      [
        { start: '02:00', minutes: 20 },
        { start: '14:00', minutes: 20 },
      ],
      'UTC',
    );
    expect(inDefrost(Date.parse('2026-11-26T14:10:00Z'))).toBe(true);
    expect(inDefrost(Date.parse('2026-11-26T08:10:00Z'))).toBe(false);
    expect(defrostChecker([], 'UTC')(Date.parse('2026-11-26T14:10:00Z'))).toBe(false);
  });
});
