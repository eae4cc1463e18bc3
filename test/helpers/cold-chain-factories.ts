import request from 'supertest';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { Gateway } from 'src/cold-chain/gateways/gateway.entity';
import { newGatewayKey } from 'src/cold-chain/gateways/gateway-key';
import { Sensor } from 'src/cold-chain/sensors/sensor.entity';

let sequence = 0;
const next = (): number => (sequence += 1);

/**
 * A sensor in the chamber (and the chamber's warehouse), written directly (no audit event).
 * Defaults: code `S-<n>`, name `Sensor <n>`, offset 0, every 60 s, active.
 */
export async function createSensor(
  dataSource: DataSource,
  chamber: { id: string; warehouseId: string },
  overrides: Partial<Sensor> = {},
): Promise<Sensor> {
  const n = next();
  const saved = await dataSource.getRepository(Sensor).save({
    warehouseId: chamber.warehouseId,
    chamberId: chamber.id,
    code: `S-${n}`,
    name: `Sensor ${n}`,
    calibrationOffsetC: '0',
    expectedIntervalSeconds: 60,
    active: true,
    ...overrides,
  });
  return dataSource.getRepository(Sensor).findOneByOrFail({ id: saved.id });
}

export interface CreatedGateway {
  id: string;
  /** The API key, for the X-Api-Key header. */
  key: string;
}

/** A gateway of the warehouse with a working API key, written directly (no audit event). */
export async function createGateway(
  dataSource: DataSource,
  warehouseId: string,
  name = `Gateway ${next()}`,
): Promise<CreatedGateway> {
  const { key, prefix, hash } = newGatewayKey();
  const saved = await dataSource
    .getRepository(Gateway)
    .save({ warehouseId, name, keyPrefix: prefix, keyHash: hash });
  return { id: saved.id, key };
}

/** One reading as a gateway sends it. */
export interface WireReading {
  sensor_code: string;
  recorded_at: string;
  temperature_c: number;
  humidity_pct?: number | null;
}

export function reading(
  sensorCode: string,
  at: Date | string,
  temperatureC: number,
  humidityPct?: number,
): WireReading {
  return {
    sensor_code: sensorCode,
    recorded_at: typeof at === 'string' ? at : at.toISOString(),
    temperature_c: temperatureC,
    ...(humidityPct === undefined ? {} : { humidity_pct: humidityPct }),
  };
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: { index: number; reason: string }[];
}

/**
 * POST /api/telemetry/readings with the gateway's key; expects `status` (200 by default) and
 * returns the body. When it answers, the readings are stored and excursions evaluated.
 */
export async function postReadings(
  server: Server,
  key: string,
  readings: readonly WireReading[],
  status = 200,
): Promise<IngestResult> {
  const res = await request(server)
    .post('/api/telemetry/readings')
    .set('X-Api-Key', key)
    .send({ readings })
    .expect(status);
  return res.body as IngestResult;
}
