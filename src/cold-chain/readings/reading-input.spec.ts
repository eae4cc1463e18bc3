import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { parseReadingsBatch, parseReadingsPayload } from './reading-input';

const AT = '2026-11-26T08:30:00+05:30';

describe('reading input', () => {
  it('reads a batch, upper-casing codes and treating a null humidity as none', () => {
    expect(
      parseReadingsBatch({
        readings: [
          { sensor_code: 't-1', recorded_at: AT, temperature_c: -18.5, humidity_pct: null },
          { sensor_code: 'T-2', recorded_at: AT, temperature_c: 4, humidity_pct: 80 },
        ],
      }),
    ).toEqual({
      sensorCodes: ['T-1', 'T-2'],
      recordedAtMs: [Date.parse('2026-11-26T03:00:00Z'), Date.parse('2026-11-26T03:00:00Z')],
      temperatureC: [-18.5, 4],
      humidityPct: [null, 80],
    });
  });

  it('names every malformed field of every reading', () => {
    const failure = (() => {
      try {
        parseReadingsBatch({
          readings: [
            { sensor_code: 'T 1', recorded_at: AT, temperature_c: Infinity },
            { sensor_code: 'T-2', recorded_at: '2026-11-26', temperature_c: 1, extra: true },
          ],
        });
      } catch (error) {
        return error as BusinessRuleError;
      }
      throw new Error('accepted');
    })();
    expect(failure).toBeInstanceOf(BusinessRuleError);
    expect(failure.errors.map((e) => e.field)).toEqual([
      'readings[0].sensor_code',
      'readings[0].temperature_c',
      'readings[1].extra',
      'readings[1].recorded_at',
    ]);
    expect(failure.message).toMatch(/^Validation failed: .+ \(and 1 more\)\.$/);
  });

  it('reads an MQTT payload of one reading or an array, and nothing malformed', () => {
    const one = { recorded_at: AT, temperature_c: -18 };
    expect(parseReadingsPayload(Buffer.from(JSON.stringify(one)), 'T-1')).toEqual({
      sensorCodes: ['T-1'],
      recordedAtMs: [Date.parse('2026-11-26T03:00:00Z')],
      temperatureC: [-18],
      humidityPct: [null],
    });
    expect(
      parseReadingsPayload(Buffer.from(JSON.stringify([one, one])), 'T-1')?.sensorCodes,
    ).toHaveLength(2);
    for (const bad of ['not json', '[]', '42', JSON.stringify({ ...one, sensor_code: 'T-1' })]) {
      expect(parseReadingsPayload(Buffer.from(bad), 'T-1')).toBeNull();
    }
    expect(
      parseReadingsPayload(
        Buffer.from(JSON.stringify([one, { ...one, temperature_c: '1' }])),
        'T-1',
      ),
    ).toBeNull();
  });
});
