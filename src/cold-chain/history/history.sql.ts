/**
 * A chamber's temperature history in SQL, with no framework imports, so the benchmark baseline
 * answers with exactly the queries the API sends.
 */
import { ACTIVATION_K } from '../readings/readings.sql';

const ZERO_C_K = 273.15;
/** The Arrhenius term at 0 °C, as an exponent: terms are summed shifted by it (log-sum-exp). */
const SHIFT = ACTIVATION_K / ZERO_C_K;

/**
 * Σ exp(−ΔH/(R·T) + SHIFT) over a column of °C: every exponent stays within ±60 for readings
 * from −100 to 100 °C, so the sum neither underflows nor overflows. ln of it minus SHIFT is
 * ln Σ exp(−ΔH/(R·T)).
 */
export const shiftedArrheniusSql = (column: string): string =>
  `sum(exp(${SHIFT} - ${ACTIVATION_K} / (${column} + ${ZERO_C_K})))`;

/** ln Σ exp(−ΔH/(R·T)) from a shifted sum. */
export const lnFromShiftedSql = (shiftedSum: string): string => `(ln(${shiftedSum}) - ${SHIFT})`;

/** Buckets start at multiples of their size from this Monday midnight UTC (weeks start on Mondays). */
export const BUCKET_ORIGIN = '2000-01-03T00:00:00Z';

/**
 * Buckets from raw readings: $1 chamber, $2 from (inclusive), $3 to (exclusive), $4 bucket
 * size in seconds. One row per bucket holding readings, oldest first.
 */
export const READING_BUCKETS_SQL = `SELECT date_bin(make_interval(secs => $4::int), recorded_at, TIMESTAMPTZ '${BUCKET_ORIGIN}') AS at,
         count(*)::int AS reading_count, min(temperature_c) AS min_c, max(temperature_c) AS max_c,
         sum(temperature_c) AS sum_c, ${lnFromShiftedSql(shiftedArrheniusSql('temperature_c'))} AS ln_arrhenius
    FROM temperature_readings
   WHERE chamber_id = $1::uuid AND recorded_at >= $2::timestamptz AND recorded_at < $3::timestamptz
   GROUP BY 1 ORDER BY 1`;

/**
 * The same buckets from the hourly rollups (bucket sizes of whole hours; $2 and $3 on hour
 * boundaries): identical figures, an hour's readings read as one row per sensor.
 */
export const ROLLUP_BUCKETS_SQL = `SELECT date_bin(make_interval(secs => $4::int), hour, TIMESTAMPTZ '${BUCKET_ORIGIN}') AS at,
         sum(reading_count)::int AS reading_count, min(min_c) AS min_c, max(max_c) AS max_c,
         sum(sum_c) AS sum_c, ln(sum(arrhenius_sum)) AS ln_arrhenius
    FROM temperature_rollups_hourly
   WHERE chamber_id = $1::uuid AND hour >= $2::timestamptz AND hour < $3::timestamptz
   GROUP BY 1 ORDER BY 1`;

export interface BucketRow {
  at: Date;
  reading_count: number;
  min_c: number;
  max_c: number;
  sum_c: number;
  ln_arrhenius: number;
}
