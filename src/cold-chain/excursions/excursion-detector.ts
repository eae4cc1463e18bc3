import { ExcursionDirection } from './excursion.enums';

/**
 * The excursion state machine as a pure function: no clock, no database. It replays a chamber's
 * readings in time order and says which excursions they open and close. The service feeds it
 * the readings of a span (looked back far enough for the delays) and the excursion still open.
 *
 * The chamber is judged at each reading instant from the latest reading of every sensor still
 * fresh (reported within `maxSilenceMs`): out of range when any of them is outside
 * [minC, maxC]. A breach opens an excursion once it lasts `alarmDelayMs` without a break; the
 * excursion closes once the chamber stays in range `recoveryDelayMs` (hysteresis). A reading
 * inside a defrost window is not judged and breaks both countdowns, and so does a silence
 * longer than `maxSilenceMs` between two instants: neither delay can run across time nobody
 * measured. Boundaries count as in range.
 */

export interface DetectorReading {
  sensorId: string;
  /** Epoch milliseconds. */
  at: number;
  temperatureC: number;
}

export interface DetectorRules {
  alarmDelayMs: number;
  recoveryDelayMs: number;
  minC: number;
  maxC: number;
  /** A sensor's reading stands for the chamber this long; a longer silence breaks continuity. */
  maxSilenceMs: number;
  inDefrost: (at: number) => boolean;
}

/** An excursion as the replay leaves it (times in epoch ms). */
export interface DetectedExcursion {
  /** True for the excursion that was already open when the replay began. */
  existing: boolean;
  direction: ExcursionDirection;
  startedAt: number;
  openedAt: number;
  minC: number;
  maxC: number;
  endedAt: number | null;
  closedAt: number | null;
}

export type OpenExcursion = Pick<
  DetectedExcursion,
  'direction' | 'startedAt' | 'openedAt' | 'minC' | 'maxC'
>;

interface Extremes {
  minC: number;
  maxC: number;
}

const widen = (into: Extremes, from: Extremes): void => {
  into.minC = Math.min(into.minC, from.minC);
  into.maxC = Math.max(into.maxC, from.maxC);
};

/** Consecutive readings of one instant. */
function* instants(readings: readonly DetectorReading[]): Generator<DetectorReading[]> {
  let group: DetectorReading[] = [];
  for (const reading of readings) {
    if (group.length > 0 && group[0].at !== reading.at) {
      yield group;
      group = [];
    }
    group.push(reading);
  }
  if (group.length > 0) yield group;
}

function directionOf(rules: DetectorRules, temperatureC: number): ExcursionDirection | null {
  if (temperatureC > rules.maxC) return ExcursionDirection.Above;
  if (temperatureC < rules.minC) return ExcursionDirection.Below;
  return null;
}

/**
 * Replays `readings` (sorted by time) from `open` (the excursion open before the first of
 * them, or null) and returns every excursion they touch, the open one first: those with
 * `closedAt` null are open at the end.
 */
export function detectExcursions(
  rules: DetectorRules,
  readings: readonly DetectorReading[],
  open: OpenExcursion | null,
): DetectedExcursion[] {
  const found: DetectedExcursion[] = [];
  let current: DetectedExcursion | null = open
    ? { ...open, existing: true, endedAt: null, closedAt: null }
    : null;
  if (current) found.push(current);
  /** The latest judgement of each fresh sensor: its time and direction (null: in range). */
  const sensors = new Map<string, { at: number; direction: ExcursionDirection | null }>();
  let breach: ({ since: number; direction: ExcursionDirection } & Extremes) | null = null;
  let recovery: ({ since: number } & Extremes) | null = null;
  let lastAt: number | null = null;

  const breakContinuity = (): void => {
    sensors.clear();
    breach = null;
    recovery = null;
  };

  for (const group of instants(readings)) {
    const at = group[0].at;
    if (rules.inDefrost(at)) {
      breakContinuity();
      lastAt = null;
      continue;
    }
    if (lastAt !== null && at - lastAt > rules.maxSilenceMs) breakContinuity();
    lastAt = at;
    const seen: Extremes = { minC: Infinity, maxC: -Infinity };
    for (const reading of group) {
      sensors.set(reading.sensorId, { at, direction: directionOf(rules, reading.temperatureC) });
      widen(seen, { minC: reading.temperatureC, maxC: reading.temperatureC });
    }
    let direction: ExcursionDirection | null = null;
    for (const [sensorId, state] of sensors) {
      if (at - state.at > rules.maxSilenceMs) sensors.delete(sensorId);
      else direction ??= state.direction;
    }

    if (current === null) {
      if (direction === null) {
        breach = null;
        continue;
      }
      breach ??= { since: at, direction, ...seen };
      widen(breach, seen);
      if (at - breach.since >= rules.alarmDelayMs) {
        current = {
          existing: false,
          direction: breach.direction,
          startedAt: breach.since,
          openedAt: at,
          minC: breach.minC,
          maxC: breach.maxC,
          endedAt: null,
          closedAt: null,
        };
        found.push(current);
        breach = null;
      }
      continue;
    }

    if (direction !== null) {
      // A recovery that did not last was part of the excursion.
      if (recovery) widen(current, recovery);
      recovery = null;
      widen(current, seen);
      continue;
    }
    recovery ??= { since: at, ...seen };
    widen(recovery, seen);
    if (at - recovery.since >= rules.recoveryDelayMs) {
      current.endedAt = recovery.since;
      current.closedAt = at;
      current = null;
      recovery = null;
    }
  }
  // A recovery still under way: the readings so far count toward the excursion's extremes.
  if (current && recovery) widen(current, recovery);
  return found;
}

const MINUTES_PER_DAY = 1440;

/** "HH:MM" as minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Whether an instant falls in one of a chamber's daily defrost windows, read on the wall clock
 * of `timeZone`. A window may run past midnight (23:30 for 60 minutes covers 23:30-00:30).
 */
export function defrostChecker(
  windows: readonly { start: string; minutes: number }[],
  timeZone: string,
): (at: number) => boolean {
  if (windows.length === 0) return () => false;
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const spans = windows.map((w) => ({ start: minuteOfDay(w.start), minutes: w.minutes }));
  return (at) => {
    const parts = format.formatToParts(new Date(at));
    const hour = Number(parts.find((p) => p.type === 'hour')?.value);
    const minute = Number(parts.find((p) => p.type === 'minute')?.value);
    const local = hour * 60 + minute;
    return spans.some(
      (span) => (local - span.start + MINUTES_PER_DAY) % MINUTES_PER_DAY < span.minutes,
    );
  };
}
