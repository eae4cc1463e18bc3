import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The cold chain: sensors and the gateways that report them, per-chamber monitoring settings,
 * excursions with the lots they hold, and alarms. Readings are a monthly range-partitioned table
 * (partitions are created ahead by the service through `temperature_readings_ensure_partition`)
 * with hourly rollups kept for ever; neither has an entity, they are written and read in SQL.
 * Readings carry no foreign key: sensors are never deleted, ingestion resolves them first, and
 * a per-row key check would halve the ingestion rate.
 */
export class ColdChain1796524603678 implements MigrationInterface {
  name = 'ColdChain1796524603678';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TYPE "public"."excursion_direction" AS ENUM('ABOVE', 'BELOW')
        `);
    await queryRunner.query(`
            CREATE TABLE "excursions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "chamber_id" uuid NOT NULL,
                "direction" "public"."excursion_direction" NOT NULL,
                "limit_min_c" double precision NOT NULL,
                "limit_max_c" double precision NOT NULL,
                "min_temp_c" double precision NOT NULL,
                "max_temp_c" double precision NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                "closed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_c3ab0f230f7521fcdd7a29dd828" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_excursions_chamber_started" ON "excursions" ("chamber_id", "started_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_excursions_warehouse_started" ON "excursions" ("warehouse_id", "started_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_excursions_open_chamber" ON "excursions" ("chamber_id")
            WHERE "closed_at" IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "sensors" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "chamber_id" uuid NOT NULL,
                "code" character varying(40) NOT NULL,
                "name" character varying(200) NOT NULL,
                "calibration_offset_c" numeric(4, 2) NOT NULL DEFAULT '0',
                "expected_interval_seconds" integer NOT NULL DEFAULT '60',
                "active" boolean NOT NULL DEFAULT true,
                "last_reading_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "uq_sensors_warehouse_code" UNIQUE ("warehouse_id", "code"),
                CONSTRAINT "ck_sensors_offset" CHECK (
                    "calibration_offset_c" BETWEEN -10 AND 10
                ),
                CONSTRAINT "ck_sensors_interval" CHECK (
                    "expected_interval_seconds" BETWEEN 1 AND 86400
                ),
                CONSTRAINT "PK_b8bd5fcfd700e39e96bcd9ba6b7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_sensors_chamber" ON "sensors" ("chamber_id")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."alarm_type" AS ENUM('TEMPERATURE_EXCURSION', 'SENSOR_OFFLINE')
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."alarm_state" AS ENUM(
                'ACTIVE_UNACKNOWLEDGED',
                'ACTIVE_ACKNOWLEDGED',
                'CLEARED'
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "alarms" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "chamber_id" uuid,
                "type" "public"."alarm_type" NOT NULL,
                "state" "public"."alarm_state" NOT NULL DEFAULT 'ACTIVE_UNACKNOWLEDGED',
                "excursion_id" uuid,
                "sensor_id" uuid,
                "message" character varying(500) NOT NULL,
                "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_by" uuid,
                "acknowledgement_note" character varying(1000),
                "escalated_at" TIMESTAMP WITH TIME ZONE,
                "cleared_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b776da486fb19d38b4f7777a6da" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_alarms_sensor_offline_active" ON "alarms" ("sensor_id")
            WHERE "type" = 'SENSOR_OFFLINE'
                AND "state" <> 'CLEARED'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_alarms_excursion" ON "alarms" ("excursion_id")
            WHERE "excursion_id" IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_alarms_state" ON "alarms" ("state", "raised_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_alarms_warehouse_raised" ON "alarms" ("warehouse_id", "raised_at")
        `);
    await queryRunner.query(`
            CREATE TYPE "public"."lot_disposition" AS ENUM('RELEASED', 'QUARANTINED', 'DESTROYED')
        `);
    await queryRunner.query(`
            CREATE TABLE "excursion_lots" (
                "excursion_id" uuid NOT NULL,
                "lot_id" uuid NOT NULL,
                "held_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "disposition" "public"."lot_disposition",
                "disposition_note" character varying(1000),
                "disposed_by" uuid,
                "disposed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_ff50fc30d3d07e22bcf462f3b2e" PRIMARY KEY ("excursion_id", "lot_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_excursion_lots_lot" ON "excursion_lots" ("lot_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "gateways" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "warehouse_id" uuid NOT NULL,
                "name" character varying(200) NOT NULL,
                "key_prefix" character varying(24) NOT NULL,
                "key_hash" character varying(64) NOT NULL,
                "created_by" uuid,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_b53153080a6907017cf44cb7f58" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_gateways_warehouse" ON "gateways" ("warehouse_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "uq_gateways_key_prefix" ON "gateways" ("key_prefix")
        `);
    await queryRunner.query(`
            CREATE TABLE "chamber_monitoring" (
                "chamber_id" uuid NOT NULL,
                "alarm_delay_minutes" integer NOT NULL DEFAULT '15',
                "recovery_delay_minutes" integer NOT NULL DEFAULT '10',
                "defrost_windows" jsonb NOT NULL DEFAULT '[]',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "ck_chamber_monitoring_recovery_delay" CHECK (
                    "recovery_delay_minutes" BETWEEN 0 AND 1440
                ),
                CONSTRAINT "ck_chamber_monitoring_alarm_delay" CHECK (
                    "alarm_delay_minutes" BETWEEN 0 AND 1440
                ),
                CONSTRAINT "PK_d77000e5ae981bc5752bb57abc9" PRIMARY KEY ("chamber_id")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "excursions"
            ADD CONSTRAINT "FK_adfbdbbc46d4aeef274184ea259" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "excursions"
            ADD CONSTRAINT "FK_efde3a7d5277fd82e4ea5ba7c7f" FOREIGN KEY ("chamber_id") REFERENCES "chambers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sensors"
            ADD CONSTRAINT "FK_ec721e6ab92f722298bdc673935" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "sensors"
            ADD CONSTRAINT "FK_83b5afde39450c085b9a60d849a" FOREIGN KEY ("chamber_id") REFERENCES "chambers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms"
            ADD CONSTRAINT "FK_d0956b11c9756b0fe7fdca4b822" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms"
            ADD CONSTRAINT "FK_0da6b13c099d43ead63cdca0af3" FOREIGN KEY ("excursion_id") REFERENCES "excursions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms"
            ADD CONSTRAINT "FK_ad093b2d5eb1aa337f3f99e6f59" FOREIGN KEY ("sensor_id") REFERENCES "sensors"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "excursion_lots"
            ADD CONSTRAINT "FK_8f0b1ab221e0609c45627a5ade6" FOREIGN KEY ("excursion_id") REFERENCES "excursions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "excursion_lots"
            ADD CONSTRAINT "FK_80c9af694b98eb3d827ebf07b95" FOREIGN KEY ("lot_id") REFERENCES "lots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "gateways"
            ADD CONSTRAINT "FK_7bb450fa6f3226a4ae44b9eb72c" FOREIGN KEY ("warehouse_id") REFERENCES "warehouses"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "chamber_monitoring"
            ADD CONSTRAINT "FK_d77000e5ae981bc5752bb57abc9" FOREIGN KEY ("chamber_id") REFERENCES "chambers"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE TABLE "temperature_readings" (
                "sensor_id" uuid NOT NULL,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "chamber_id" uuid NOT NULL,
                "temperature_c" double precision NOT NULL,
                "raw_temperature_c" double precision NOT NULL,
                "humidity_pct" double precision,
                "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "pk_temperature_readings" PRIMARY KEY ("sensor_id", "recorded_at")
            ) PARTITION BY RANGE ("recorded_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "ix_temperature_readings_chamber" ON "temperature_readings" ("chamber_id", "recorded_at")
        `);
    // One partition per calendar month (UTC), named temperature_readings_YYYYMM; idempotent.
    await queryRunner.query(`
            CREATE FUNCTION temperature_readings_ensure_partition(p_at timestamptz) RETURNS text
            LANGUAGE plpgsql AS $$
            DECLARE
                month_start timestamptz := date_trunc('month', p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
                part text := 'temperature_readings_' || to_char(p_at AT TIME ZONE 'UTC', 'YYYYMM');
            BEGIN
                IF to_regclass(part) IS NULL THEN
                    EXECUTE format(
                        'CREATE TABLE IF NOT EXISTS %I PARTITION OF temperature_readings FOR VALUES FROM (%L) TO (%L)',
                        part, month_start, month_start + interval '1 month');
                END IF;
                RETURN part;
            END
            $$
        `);
    await queryRunner.query(`
            SELECT temperature_readings_ensure_partition(now() + make_interval(months => m))
              FROM generate_series(-1, 2) AS m
        `);
    // Per chamber, hour (UTC) and sensor: enough for min/max/avg charts and for MKT (the Arrhenius sum,
    // Σ exp(-10000 / T[K])) over any range without the raw readings.
    await queryRunner.query(`
            CREATE TABLE "temperature_rollups_hourly" (
                "sensor_id" uuid NOT NULL,
                "hour" TIMESTAMP WITH TIME ZONE NOT NULL,
                "chamber_id" uuid NOT NULL,
                "reading_count" integer NOT NULL,
                "min_c" double precision NOT NULL,
                "max_c" double precision NOT NULL,
                "sum_c" double precision NOT NULL,
                "arrhenius_sum" double precision NOT NULL,
                CONSTRAINT "pk_temperature_rollups_hourly" PRIMARY KEY ("chamber_id", "hour", "sensor_id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "temperature_rollups_hourly"`);
    await queryRunner.query(`DROP FUNCTION temperature_readings_ensure_partition(timestamptz)`);
    await queryRunner.query(`DROP TABLE "temperature_readings"`);
    await queryRunner.query(`
            ALTER TABLE "chamber_monitoring" DROP CONSTRAINT "FK_d77000e5ae981bc5752bb57abc9"
        `);
    await queryRunner.query(`
            ALTER TABLE "gateways" DROP CONSTRAINT "FK_7bb450fa6f3226a4ae44b9eb72c"
        `);
    await queryRunner.query(`
            ALTER TABLE "excursion_lots" DROP CONSTRAINT "FK_80c9af694b98eb3d827ebf07b95"
        `);
    await queryRunner.query(`
            ALTER TABLE "excursion_lots" DROP CONSTRAINT "FK_8f0b1ab221e0609c45627a5ade6"
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms" DROP CONSTRAINT "FK_ad093b2d5eb1aa337f3f99e6f59"
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms" DROP CONSTRAINT "FK_0da6b13c099d43ead63cdca0af3"
        `);
    await queryRunner.query(`
            ALTER TABLE "alarms" DROP CONSTRAINT "FK_d0956b11c9756b0fe7fdca4b822"
        `);
    await queryRunner.query(`
            ALTER TABLE "sensors" DROP CONSTRAINT "FK_83b5afde39450c085b9a60d849a"
        `);
    await queryRunner.query(`
            ALTER TABLE "sensors" DROP CONSTRAINT "FK_ec721e6ab92f722298bdc673935"
        `);
    await queryRunner.query(`
            ALTER TABLE "excursions" DROP CONSTRAINT "FK_efde3a7d5277fd82e4ea5ba7c7f"
        `);
    await queryRunner.query(`
            ALTER TABLE "excursions" DROP CONSTRAINT "FK_adfbdbbc46d4aeef274184ea259"
        `);
    await queryRunner.query(`
            DROP TABLE "chamber_monitoring"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_gateways_key_prefix"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_gateways_warehouse"
        `);
    await queryRunner.query(`
            DROP TABLE "gateways"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_excursion_lots_lot"
        `);
    await queryRunner.query(`
            DROP TABLE "excursion_lots"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."lot_disposition"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_alarms_warehouse_raised"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_alarms_state"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_alarms_excursion"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_alarms_sensor_offline_active"
        `);
    await queryRunner.query(`
            DROP TABLE "alarms"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."alarm_state"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."alarm_type"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_sensors_chamber"
        `);
    await queryRunner.query(`
            DROP TABLE "sensors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."uq_excursions_open_chamber"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_excursions_warehouse_started"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."ix_excursions_chamber_started"
        `);
    await queryRunner.query(`
            DROP TABLE "excursions"
        `);
    await queryRunner.query(`
            DROP TYPE "public"."excursion_direction"
        `);
  }
}
