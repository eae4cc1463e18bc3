/** The alarms' SQL: who is told, which sensors went silent, which alarms escalate. */

/** A sensor is offline once silent for twice its interval plus a minute. */
export const SENSOR_SILENT = `coalesce(s.last_reading_at, s.created_at)
  < now() - make_interval(secs => 2 * s.expected_interval_seconds + 60)`;

/** Active users holding role $1; with $2 set, only those whose operator profile is that warehouse. */
export const RECIPIENTS_SQL = `SELECT DISTINCT u.email
    FROM users u
    JOIN user_roles ur ON ur.user_id = u.id
    JOIN roles r ON r.id = ur.role_id AND r.name = $1
    LEFT JOIN operator_profiles op ON op.user_id = u.id
   WHERE u.status = 'ACTIVE' AND ($2::uuid IS NULL OR op.warehouse_id = $2::uuid)
   ORDER BY u.email`;

/** Raises one SENSOR_OFFLINE alarm per silent active sensor that has none active. */
export const RAISE_OFFLINE_SQL = `INSERT INTO alarms (warehouse_id, chamber_id, type, sensor_id, message, raised_at)
  SELECT s.warehouse_id, s.chamber_id, 'SENSOR_OFFLINE', s.id,
         format('Sensor %s in chamber %s has sent no reading since %s.', s.code, ch.code,
                to_char(coalesce(s.last_reading_at, s.created_at) AT TIME ZONE 'UTC',
                        'YYYY-MM-DD HH24:MI "UTC"')),
         now()
    FROM sensors s JOIN chambers ch ON ch.id = s.chamber_id
   WHERE s.active AND ${SENSOR_SILENT}
  ON CONFLICT (sensor_id) WHERE type = 'SENSOR_OFFLINE' AND state <> 'CLEARED' DO NOTHING
  RETURNING id`;

/**
 * Clears the SENSOR_OFFLINE alarms of sensors that reported again or were deactivated; with
 * $1 set, only those of these chambers.
 */
export const CLEAR_OFFLINE_SQL = `UPDATE alarms a SET state = 'CLEARED', cleared_at = now(), updated_at = now()
    FROM sensors s
   WHERE a.sensor_id = s.id AND a.type = 'SENSOR_OFFLINE' AND a.state <> 'CLEARED'
     AND ($1::uuid[] IS NULL OR s.chamber_id = ANY($1::uuid[]))
     AND (NOT s.active OR NOT (${SENSOR_SILENT}))`;

/** Marks the alarms unacknowledged for $1 minutes as escalated, once; returns them. */
export const ESCALATE_SQL = `UPDATE alarms SET escalated_at = now(), updated_at = now()
   WHERE state = 'ACTIVE_UNACKNOWLEDGED' AND escalated_at IS NULL
     AND raised_at <= now() - make_interval(mins => $1)
  RETURNING id`;
