import { ExcursionEvaluator } from 'src/cold-chain/excursions/excursion-evaluator.service';
import {
  ReadingsWriter,
  type ResolvedReading,
} from 'src/cold-chain/readings/readings-writer.service';
import type { Sensor } from 'src/cold-chain/sensors/sensor.entity';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { createSensor } from './helpers/cold-chain-factories';
import { feedReadings, MINUTE, minutesAgo, repeat } from './helpers/excursion-helpers';
import { makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/** Several API instances on one database: detection state lives in PostgreSQL only. */
describe('cold chain: excursions across instances', () => {
  let first: TestApp;
  let second: TestApp;
  let warehouse: Warehouse;

  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ databaseUrl: first.database!.url });
    await seedRoles(first.dataSource);
    warehouse = await makeWarehouse(first.dataSource);
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  async function sensorWithLot(): Promise<Sensor> {
    const chamber = await makeChamber(first.dataSource, warehouse.id);
    await makeLot(first.dataSource, {
      warehouseId: warehouse.id,
      clientId: (await makeClient(first.dataSource)).client.id,
      commodityId: (await makeCommodity(first.dataSource)).id,
      chamberId: chamber.id,
      quantity: 5,
      weightKg: '5',
      receivedAt: new Date(Date.now() - 3 * 3600_000),
    });
    return createSensor(first.dataSource, chamber);
  }

  const counts = async (
    chamberId: string,
  ): Promise<{ excursions: number; alarms: number; links: number; started: string | null }> => {
    const [row] = await first.dataSource.query<
      { excursions: number; alarms: number; links: number; started: Date | null }[]
    >(
      `SELECT (SELECT count(*) FROM excursions WHERE chamber_id = $1)::int AS excursions,
              (SELECT count(*) FROM alarms WHERE chamber_id = $1
                  AND type = 'TEMPERATURE_EXCURSION')::int AS alarms,
              (SELECT count(*) FROM excursion_lots x JOIN excursions e ON e.id = x.excursion_id
                WHERE e.chamber_id = $1)::int AS links,
              (SELECT min(started_at) FROM excursions WHERE chamber_id = $1) AS started`,
      [chamberId],
    );
    return { ...row, started: row.started ? new Date(row.started).toISOString() : null };
  };

  it('two instances evaluating the same breach at once open exactly one excursion', async () => {
    const sensor = await sensorWithLot();
    const start = minutesAgo(30);
    const readings: ResolvedReading[] = repeat(-5, 20).map((temperatureC, i) => ({
      sensorId: sensor.id,
      chamberId: sensor.chamberId,
      recordedAt: new Date(start + i * MINUTE),
      temperatureC,
      rawTemperatureC: temperatureC,
      humidityPct: null,
    }));
    const changes = await first.app.get(ReadingsWriter).write(readings);
    // Both instances hear of the batch (say, one via HTTP, one via MQTT) and both sweep.
    await Promise.all([
      first.app.get(ReadingsWriter).notify(changes),
      second.app.get(ReadingsWriter).notify(changes),
      first.app.get(ExcursionEvaluator).evaluateChamber(sensor.chamberId, new Date(start), false),
      second.app.get(ExcursionEvaluator).evaluateChamber(sensor.chamberId, new Date(start)),
    ]);
    expect(await counts(sensor.chamberId)).toEqual({
      excursions: 1,
      alarms: 1,
      links: 1,
      started: new Date(start).toISOString(),
    });
  });

  it('a breach that spans a restart still opens exactly one excursion, from its start', async () => {
    const sensor = await sensorWithLot();
    const start = minutesAgo(30);
    // Ten minutes of breach seen by an instance that then stops.
    const dying = await createTestApp({ databaseUrl: first.database!.url });
    await feedReadings(dying.app, sensor, start, repeat(-5, 10));
    await dying.close();
    expect((await counts(sensor.chamberId)).excursions).toBe(0);
    // A new instance receives the rest of it.
    const restarted = await createTestApp({ databaseUrl: first.database!.url });
    try {
      await feedReadings(restarted.app, sensor, start + 10 * MINUTE, repeat(-5, 6));
      await feedReadings(second.app, sensor, start + 16 * MINUTE, repeat(-5, 2));
    } finally {
      await restarted.close();
    }
    expect(await counts(sensor.chamberId)).toEqual({
      excursions: 1,
      alarms: 1,
      links: 1,
      started: new Date(start).toISOString(),
    });
  });
});
