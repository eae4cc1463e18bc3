import { BusinessRuleError, type FieldError } from 'src/common/errors/domain.errors';
import { parseDateTimeMs } from 'src/common/validation/date-time';

/**
 * The readings body, checked by hand: 10,000 readings through class-validator cost tens of
 * milliseconds per batch (see docs/cold-chain.md); this walk costs a few. dto/readings.dto.ts
 * describes the same shape for OpenAPI.
 */
export const MAX_READINGS_PER_BATCH = 10_000;
export const MIN_TEMPERATURE_C = -100;
export const MAX_TEMPERATURE_C = 100;
/** Sensor codes as gateways send them; matched upper-case (codes are stored upper-case). */
export const WIRE_SENSOR_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
/** At most this many field errors are listed in a 422; the count of the rest is in its detail. */
const MAX_LISTED_ERRORS = 100;

/**
 * Readings as measured (raw temperatures, before the sensors' calibration offsets), held as
 * parallel columns, one entry per reading: a batch of 10,000 builds no object per reading.
 */
export interface ReadingColumns {
  /** Upper-cased (codes are stored upper-case). */
  sensorCodes: string[];
  recordedAtMs: number[];
  temperatureC: number[];
  humidityPct: (number | null)[];
}

const emptyColumns = (): ReadingColumns => ({
  sensorCodes: [],
  recordedAtMs: [],
  temperatureC: [],
  humidityPct: [],
});

const READING_FIELDS = new Set(['recorded_at', 'temperature_c', 'humidity_pct']);
const CODED_READING_FIELDS = new Set([...READING_FIELDS, 'sensor_code']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const inRange = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

/** Collects field errors; `fail()` throws them as one 422. */
class Problems {
  readonly list: FieldError[] = [];
  count = 0;

  add(field: string, message: string): void {
    this.count += 1;
    if (this.list.length < MAX_LISTED_ERRORS) this.list.push({ field, message });
  }

  fail(): never {
    const shown = this.list.slice(0, 3).map((e) => e.message);
    const more = this.count > 3 ? ` (and ${this.count - 3} more)` : '';
    throw new BusinessRuleError(`Validation failed: ${shown.join('; ')}${more}.`, this.list);
  }
}

/**
 * Reads one reading into `columns` (its sensor code is the caller's to add); false (with its
 * problems noted under `path()`) when it is malformed. The path is built only for a problem.
 */
function readReading(
  value: Record<string, unknown>,
  path: () => string,
  allowed: ReadonlySet<string>,
  problems: Problems,
  columns: ReadingColumns,
): boolean {
  const before = problems.count;
  for (const key in value) {
    if (!allowed.has(key)) problems.add(`${path()}.${key}`, `${path()}.${key} is not allowed`);
  }
  const at = value.recorded_at;
  const recordedAtMs = typeof at === 'string' ? parseDateTimeMs(at) : null;
  if (recordedAtMs === null) {
    problems.add(
      `${path()}.recorded_at`,
      `${path()}.recorded_at must be an ISO 8601 date-time with seconds and an offset, e.g. 2026-11-26T08:30:00Z`,
    );
  }
  const temperatureC = value.temperature_c;
  if (!inRange(temperatureC, MIN_TEMPERATURE_C, MAX_TEMPERATURE_C)) {
    problems.add(
      `${path()}.temperature_c`,
      `${path()}.temperature_c must be a number from ${MIN_TEMPERATURE_C} to ${MAX_TEMPERATURE_C} (°C)`,
    );
  }
  const humidityPct = value.humidity_pct ?? null;
  if (humidityPct !== null && !inRange(humidityPct, 0, 100)) {
    problems.add(`${path()}.humidity_pct`, `${path()}.humidity_pct must be a number from 0 to 100`);
  }
  if (problems.count > before || recordedAtMs === null) return false;
  columns.recordedAtMs.push(recordedAtMs);
  columns.temperatureC.push(temperatureC as number);
  columns.humidityPct.push(humidityPct as number | null);
  return true;
}

/**
 * `{readings: [{sensor_code, recorded_at, temperature_c, humidity_pct?}]}`, 1 to 10,000 of them.
 * Any malformed reading makes the whole body a 422 naming each field (`readings[3].temperature_c`):
 * a gateway sending those is broken, not unlucky.
 */
export function parseReadingsBatch(body: unknown): ReadingColumns {
  const problems: Problems = new Problems();
  if (!isObject(body)) {
    problems.add('readings', 'The body must be an object with a readings array');
    problems.fail();
  }
  for (const key of Object.keys(body)) {
    if (key !== 'readings') problems.add(key, `${key} is not allowed`);
  }
  const readings = body.readings;
  if (!Array.isArray(readings) || readings.length === 0) {
    problems.add('readings', 'readings must be an array of 1 or more readings');
    problems.fail();
  }
  if (readings.length > MAX_READINGS_PER_BATCH) {
    problems.add(
      'readings',
      `readings must hold at most ${MAX_READINGS_PER_BATCH.toLocaleString('en')} readings (${readings.length.toLocaleString('en')} sent); split the batch`,
    );
    problems.fail();
  }
  const columns = emptyColumns();
  // A gateway sends few distinct codes: each is upper-cased once.
  const upper = new Map<string, string>();
  for (let i = 0; i < readings.length; i++) {
    const item: unknown = readings[i];
    const path = (): string => `readings[${i}]`;
    if (!isObject(item)) {
      problems.add(path(), `${path()} must be an object`);
      continue;
    }
    const code = item.sensor_code;
    const codeOk = typeof code === 'string' && WIRE_SENSOR_CODE.test(code);
    if (!codeOk) {
      problems.add(
        `${path()}.sensor_code`,
        `${path()}.sensor_code must be 1-40 characters of A-Z, a-z, 0-9, _, . and -`,
      );
    }
    if (readReading(item, path, CODED_READING_FIELDS, problems, columns) && codeOk) {
      let sensorCode = upper.get(code);
      if (sensorCode === undefined) {
        sensorCode = code.toUpperCase();
        upper.set(code, sensorCode);
      }
      columns.sensorCodes.push(sensorCode);
    }
  }
  if (problems.count > 0) problems.fail();
  return columns;
}

/**
 * An MQTT payload for one sensor (the topic's, `sensorCode`): one reading `{recorded_at,
 * temperature_c, humidity_pct?}` or an array of them. Null when it is not JSON or any reading is
 * malformed.
 */
export function parseReadingsPayload(payload: Buffer, sensorCode: string): ReadingColumns | null {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0 || items.length > MAX_READINGS_PER_BATCH) return null;
  const problems: Problems = new Problems();
  const columns = emptyColumns();
  for (const item of items) {
    const read =
      isObject(item) && readReading(item, () => 'reading', READING_FIELDS, problems, columns);
    if (!read) return null;
    columns.sensorCodes.push(sensorCode);
  }
  return columns;
}
