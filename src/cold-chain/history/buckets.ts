/** Bucket sizes a history or chart is cut into, aligned on UTC multiples of their size. */
export const BUCKET_SECONDS = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1_800,
  '1h': 3_600,
  '3h': 10_800,
  '6h': 21_600,
  '12h': 43_200,
  '1d': 86_400,
  '7d': 604_800,
} as const;

export type Bucket = keyof typeof BUCKET_SECONDS;

export const BUCKETS = Object.keys(BUCKET_SECONDS) as Bucket[];

/** As an enum object, for the query DTO's validation and the OpenAPI document. */
export const BucketValues = Object.fromEntries(BUCKETS.map((b) => [b, b])) as Record<
  Bucket,
  Bucket
>;

/** Hourly rollups answer any bucket of whole hours; shorter ones need the raw readings. */
export const ROLLUP_MIN_SECONDS = 3_600;

/** The UTC-aligned span [from, to) of whole buckets covering [from, to). */
export function snapToBuckets(from: Date, to: Date, bucket: Bucket): { from: Date; to: Date } {
  const size = BUCKET_SECONDS[bucket] * 1000;
  // The SQL's BUCKET_ORIGIN: midnight UTC, a Monday, so 7d buckets are Monday-to-Monday weeks.
  const origin = Date.UTC(2000, 0, 3);
  const start = origin + Math.floor((from.getTime() - origin) / size) * size;
  const end = origin + Math.ceil((to.getTime() - origin) / size) * size;
  return { from: new Date(start), to: new Date(end) };
}

/** How many buckets a span holds. */
export function bucketCount(span: { from: Date; to: Date }, bucket: Bucket): number {
  return Math.round((span.to.getTime() - span.from.getTime()) / (BUCKET_SECONDS[bucket] * 1000));
}

/** The finest bucket that draws [from, to) in at most `maxPoints` points. */
export function bucketForChart(from: Date, to: Date, maxPoints: number): Bucket {
  return (
    BUCKETS.find((bucket) => bucketCount(snapToBuckets(from, to, bucket), bucket) <= maxPoints) ??
    '7d'
  );
}
