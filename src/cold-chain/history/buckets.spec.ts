import { bucketCount, bucketForChart, snapToBuckets } from './buckets';

const at = (iso: string): Date => new Date(iso);

describe('history buckets', () => {
  it('snap a span outwards to whole UTC buckets', () => {
    const span = snapToBuckets(at('2026-03-01T10:07:30Z'), at('2026-03-01T12:00:01Z'), '1h');
    expect(span).toEqual({ from: at('2026-03-01T10:00:00Z'), to: at('2026-03-01T13:00:00Z') });
    expect(bucketCount(span, '1h')).toBe(3);
    expect(snapToBuckets(at('2026-03-01T10:07:30Z'), at('2026-03-01T10:20:00Z'), '15m')).toEqual({
      from: at('2026-03-01T10:00:00Z'),
      to: at('2026-03-01T10:30:00Z'),
    });
  });

  it('days are UTC days', () => {
    expect(
      snapToBuckets(at('2026-03-01T23:30:00+05:30'), at('2026-03-02T00:00:00Z'), '1d'),
    ).toEqual({ from: at('2026-03-01T00:00:00Z'), to: at('2026-03-02T00:00:00Z') });
  });

  it('a chart takes the finest bucket that fits its points', () => {
    // 90 days: 2,160 hours, 720 three-hour buckets, 360 six-hour buckets.
    expect(bucketForChart(at('2026-01-01T00:00:00Z'), at('2026-04-01T00:00:00Z'), 500)).toBe('6h');
    // 6 hours: 360 minutes.
    expect(bucketForChart(at('2026-01-01T00:00:00Z'), at('2026-01-01T06:00:00Z'), 500)).toBe('1m');
  });
});
