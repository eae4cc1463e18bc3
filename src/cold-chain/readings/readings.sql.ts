/**
 * The readings' SQL, with no framework imports, so the benchmark baseline stores readings with
 * exactly the query the API sends.
 */

/** ΔH/R for mean kinetic temperature (USP <1160>), kelvin. */
export const ACTIVATION_K = 10_000;

/**
 * Stores a batch (parallel arrays: $1 sensor ids, $2 recorded_at in epoch milliseconds, $3 chamber ids, $4 corrected
 * °C, $5 raw °C, $6 humidity % or null) in one round trip. A reading already stored for the same
 * sensor and instant, in the table or earlier in the batch, is skipped. The rows actually
 * stored are folded into the hourly rollups (UTC hours) and queued for the excursion detector
 * (chamber_evaluation_queue: the earliest reading not yet judged) in the same statement; the
 * answer is one row per chamber touched: how many were stored, the earliest and latest, and
 * the lowest and highest temperature.
 */
export const INSERT_READINGS_SQL = `WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::float8[], $3::uuid[], $4::float8[], $5::float8[], $6::float8[])
      AS t (sensor_id, recorded_ms, chamber_id, temperature_c, raw_temperature_c, humidity_pct)
  ), stored AS (
    INSERT INTO temperature_readings (sensor_id, recorded_at, chamber_id, temperature_c, raw_temperature_c, humidity_pct)
    SELECT sensor_id, to_timestamp(recorded_ms / 1000), chamber_id, temperature_c, raw_temperature_c, humidity_pct
      FROM input
    ON CONFLICT (sensor_id, recorded_at) DO NOTHING
    RETURNING sensor_id, recorded_at, chamber_id, temperature_c
  ), rolled AS (
    INSERT INTO temperature_rollups_hourly AS r
           (chamber_id, hour, sensor_id, reading_count, min_c, max_c, sum_c, arrhenius_sum)
    SELECT chamber_id, date_trunc('hour', recorded_at, 'UTC'), sensor_id, count(*)::int,
           min(temperature_c), max(temperature_c), sum(temperature_c),
           sum(exp(-${ACTIVATION_K} / (temperature_c + 273.15)))
      FROM stored
     GROUP BY 1, 2, 3
    ON CONFLICT (chamber_id, hour, sensor_id) DO UPDATE
       SET reading_count = r.reading_count + excluded.reading_count,
           min_c = least(r.min_c, excluded.min_c),
           max_c = greatest(r.max_c, excluded.max_c),
           sum_c = r.sum_c + excluded.sum_c,
           arrhenius_sum = r.arrhenius_sum + excluded.arrhenius_sum
  ), queued AS (
    INSERT INTO chamber_evaluation_queue AS q (chamber_id, since)
    SELECT chamber_id, min(recorded_at) FROM stored GROUP BY chamber_id
    ON CONFLICT (chamber_id) DO UPDATE SET since = least(q.since, excluded.since)
  ), heartbeat AS (
    UPDATE sensors s SET last_reading_at = latest.at
      FROM (SELECT sensor_id, max(recorded_at) AS at FROM stored GROUP BY sensor_id) latest
     WHERE s.id = latest.sensor_id AND (s.last_reading_at IS NULL OR s.last_reading_at < latest.at)
  )
  SELECT chamber_id, count(*)::int AS stored, min(recorded_at) AS first_at, max(recorded_at) AS last_at,
         min(temperature_c) AS min_c, max(temperature_c) AS max_c
    FROM stored GROUP BY chamber_id`;

export interface StoredReadingsRow {
  chamber_id: string;
  stored: number;
  first_at: Date;
  last_at: Date;
  min_c: number;
  max_c: number;
}
