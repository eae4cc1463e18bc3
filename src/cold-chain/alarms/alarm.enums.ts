export enum AlarmType {
  TemperatureExcursion = 'TEMPERATURE_EXCURSION',
  SensorOffline = 'SENSOR_OFFLINE',
}

/** ACTIVE_UNACKNOWLEDGED → ACTIVE_ACKNOWLEDGED → CLEARED (or straight to CLEARED). */
export enum AlarmState {
  ActiveUnacknowledged = 'ACTIVE_UNACKNOWLEDGED',
  ActiveAcknowledged = 'ACTIVE_ACKNOWLEDGED',
  Cleared = 'CLEARED',
}
