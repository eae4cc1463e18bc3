/**
 * A certificate's figures in SQL, with no framework imports, so the benchmark's baseline can time
 * the same queries. Readings are aggregated where they are: only one row per stay comes back.
 */
import { lnFromShiftedSql, shiftedArrheniusSql } from '../history/history.sql';

/**
 * Per stay ($1 index, $2 chamber, $3 start, $4 end or null while open, $5/$6 the range °C):
 * the readings of every sensor of the chamber in [start, end): count, min, max, Σ °C, ln of the
 * Arrhenius sum, and the minutes out of range. A reading counts for the time until its sensor's
 * next reading, at most twice the sensor's interval and never past the stay's end; a sensor's
 * last reading counts for one interval. The stay is out of range as long as its worst sensor is.
 */
export const STAY_FIGURES_SQL = `WITH stay AS (
    SELECT * FROM unnest($1::int[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::float8[], $6::float8[])
      AS s (idx, chamber_id, start_at, end_at, low_c, high_c)
  ), timed AS (
    SELECT s.idx, r.sensor_id, r.temperature_c,
           (r.temperature_c < s.low_c OR r.temperature_c > s.high_c) AS outside,
           extract(epoch FROM least(
             coalesce(lead(r.recorded_at) OVER w, r.recorded_at + make_interval(secs => se.expected_interval_seconds)),
             r.recorded_at + make_interval(secs => 2 * se.expected_interval_seconds),
             coalesce(s.end_at, 'infinity'::timestamptz)) - r.recorded_at) AS seconds
      FROM stay s
      JOIN temperature_readings r
        ON r.chamber_id = s.chamber_id AND r.recorded_at >= s.start_at
       AND r.recorded_at < coalesce(s.end_at, 'infinity'::timestamptz)
      JOIN sensors se ON se.id = r.sensor_id
    WINDOW w AS (PARTITION BY s.idx, r.sensor_id ORDER BY r.recorded_at)
  ), per_sensor AS (
    SELECT idx, count(*) AS n, min(temperature_c) AS min_c, max(temperature_c) AS max_c,
           sum(temperature_c) AS sum_c, ${shiftedArrheniusSql('temperature_c')} AS arrhenius,
           coalesce(sum(seconds) FILTER (WHERE outside), 0) AS out_seconds
      FROM timed GROUP BY idx, sensor_id
  )
  SELECT idx, sum(n)::int AS reading_count, min(min_c) AS min_c, max(max_c) AS max_c,
         sum(sum_c) AS sum_c, ${lnFromShiftedSql('sum(arrhenius)')} AS ln_arrhenius,
         max(out_seconds) AS out_seconds
    FROM per_sensor GROUP BY idx ORDER BY idx`;

export interface StayFiguresRow {
  idx: number;
  reading_count: number;
  min_c: number;
  max_c: number;
  sum_c: number;
  ln_arrhenius: number;
  out_seconds: number;
}
