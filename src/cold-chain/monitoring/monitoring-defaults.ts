/** What a chamber without monitoring settings uses (the chamber_monitoring column defaults). */
export const DEFAULT_ALARM_DELAY_MINUTES = 15;
export const DEFAULT_RECOVERY_DELAY_MINUTES = 10;
