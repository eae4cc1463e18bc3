/** The detector's SQL: what a chamber is judged against, its readings, and the holds. */

/** Waits for the chamber's lock (the same key the lots triggers take shared): $1 chamber. */
export const LOCK_CHAMBER_SQL = 'SELECT pg_advisory_xact_lock(cold_chain_chamber_lock_key($1))';

/** The sweep's variant: false when another instance is evaluating the chamber. */
export const TRY_LOCK_CHAMBER_SQL =
  'SELECT pg_try_advisory_xact_lock(cold_chain_chamber_lock_key($1)) AS locked';

/**
 * What chamber $1 is judged against: its range narrowed by the commodities of the lots in it
 * (IN_STOCK or ON_HOLD), its monitoring settings ($2, $3 the default delays), the warehouse's
 * time zone, and the longest silence its active sensors may keep. No row: no such chamber.
 */
export const CHAMBER_RULES_SQL = `SELECT ch.id AS chamber_id, ch.warehouse_id, ch.code AS chamber_code, w.timezone,
         greatest(ch.min_temp_c, coalesce(goods.min_c, ch.min_temp_c))::float8 AS min_c,
         least(ch.max_temp_c, coalesce(goods.max_c, ch.max_temp_c))::float8 AS max_c,
         coalesce(m.alarm_delay_minutes, $2::int) AS alarm_delay_minutes,
         coalesce(m.recovery_delay_minutes, $3::int) AS recovery_delay_minutes,
         coalesce(m.defrost_windows, '[]'::jsonb) AS defrost_windows,
         probes.sensors, probes.max_silence_seconds
    FROM chambers ch
    JOIN warehouses w ON w.id = ch.warehouse_id
    LEFT JOIN chamber_monitoring m ON m.chamber_id = ch.id
    CROSS JOIN LATERAL (
      SELECT max(co.min_temp_c) AS min_c, min(co.max_temp_c) AS max_c
        FROM lots l JOIN commodities co ON co.id = l.commodity_id
       WHERE l.chamber_id = ch.id AND l.status IN ('IN_STOCK', 'ON_HOLD')
    ) goods
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS sensors,
             coalesce(max(2 * s.expected_interval_seconds + 60), 0)::int AS max_silence_seconds
        FROM sensors s WHERE s.chamber_id = ch.id AND s.active
    ) probes
   WHERE ch.id = $1`;

export interface ChamberRulesRow {
  chamber_id: string;
  warehouse_id: string;
  chamber_code: string;
  timezone: string;
  min_c: number;
  max_c: number;
  alarm_delay_minutes: number;
  recovery_delay_minutes: number;
  defrost_windows: { start: string; minutes: number }[];
  sensors: number;
  max_silence_seconds: number;
}

/** When the chamber's latest closed excursion closed: $1 chamber. */
export const LAST_CLOSED_SQL = `SELECT max(closed_at) AS closed_at FROM excursions
   WHERE chamber_id = $1 AND closed_at IS NOT NULL`;

/** The active sensors' readings of chamber $1 from $2 on, in time order. */
export const CHAMBER_READINGS_SQL = `SELECT r.sensor_id, r.recorded_at, r.temperature_c
    FROM temperature_readings r JOIN sensors s ON s.id = r.sensor_id AND s.active
   WHERE r.chamber_id = $1 AND r.recorded_at >= $2
   ORDER BY r.recorded_at, r.sensor_id`;

export interface ChamberReadingRow {
  sensor_id: string;
  recorded_at: Date;
  temperature_c: number;
}

/**
 * What the sweep looks at: every chamber with readings queued for judgement (from the earliest
 * of them), and the chambers whose active sensors reported since $1 (from $1).
 */
export const SWEEP_CHAMBERS_SQL = `SELECT chamber_id, min(since) AS since FROM (
      SELECT chamber_id, since FROM chamber_evaluation_queue
      UNION ALL
      SELECT DISTINCT chamber_id, $1::timestamptz FROM sensors WHERE active AND last_reading_at >= $1
    ) due
   GROUP BY chamber_id ORDER BY chamber_id`;

/** Takes chamber $1's queued readings for this evaluation: the earliest, or no row. */
// A SELECT around the DELETE, so the driver answers rows (not [rows, count]).
export const TAKE_QUEUED_SQL = `WITH taken AS (
    DELETE FROM chamber_evaluation_queue WHERE chamber_id = $1 RETURNING since
  ) SELECT since FROM taken`;
