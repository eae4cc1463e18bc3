import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAsync, type MqttClient } from 'mqtt';
import type { DestinationStream } from 'pino';
import { MqttReadings } from 'src/cold-chain/mqtt/mqtt-readings.service';
import type { Sensor } from 'src/cold-chain/sensors/sensor.entity';
import { createSensor } from './helpers/cold-chain-factories';
import { makeWarehouse } from './helpers/factories';
import { makeChamber } from './helpers/inventory-factories';
import { unusedPort } from './helpers/ports';
import { createTestApp, type TestApp } from './helpers/test-app';

const BROKER = 'mqtt://127.0.0.1:1883';

/** Whether something answers on the broker's port, asked synchronously so the suite can skip. */
function brokerAnswers(): boolean {
  const probe = `require('net').connect(1883, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1)); setTimeout(() => process.exit(1), 2000);`;
  return spawnSync(process.execPath, ['-e', probe]).status === 0;
}

const brokerUp = brokerAnswers();
if (!brokerUp) {
  process.stdout.write(
    `cold-chain-mqtt: SKIPPED, no MQTT broker answers on ${BROKER} (start one: mosquitto -d)\n`,
  );
}
const describeWithBroker = brokerUp ? describe : describe.skip;

/** Polls until `check` holds (or fails after 10 s). */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

describeWithBroker('cold chain: readings over MQTT (real broker)', () => {
  // A group of this run's own, so no other subscriber on the broker takes these messages.
  const env = {
    MQTT_URL: BROKER,
    MQTT_SHARE_GROUP: `test-${randomUUID().slice(0, 8)}`,
    LOG_LEVEL: 'info',
  };
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => lines.push(line) };
  let first: TestApp;
  let second: TestApp;
  let publisher: MqttClient;
  let warehouseCode: string;
  let sensor: Sensor;

  beforeAll(async () => {
    first = await createTestApp({ env, logDestination: destination });
    second = await createTestApp({
      env,
      databaseUrl: first.database?.url,
      logDestination: destination,
    });
    await Promise.all([first, second].map((t) => t.app.get(MqttReadings).ready()));
    const warehouse = await makeWarehouse(first.dataSource);
    warehouseCode = warehouse.code;
    const chamber = await makeChamber(first.dataSource, warehouse.id);
    sensor = await createSensor(first.dataSource, chamber, { calibrationOffsetC: '0.5' });
    publisher = await connectAsync(BROKER, { clientId: `test-publisher-${randomUUID()}` });
  });
  afterAll(async () => {
    await publisher.endAsync();
    await second.close();
    await first.close();
  });

  const publish = (sensorCode: string, payload: unknown) =>
    publisher.publishAsync(
      `coldstore/${warehouseCode}/${sensorCode}/readings`,
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      { qos: 1 },
    );
  const storedCount = async (sensorId: string): Promise<number> => {
    const [{ count }] = await first.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM temperature_readings WHERE sensor_id = $1',
      [sensorId],
    );
    return count;
  };
  const stats = () => [first, second].map((t) => t.app.get(MqttReadings).stats);

  it('stores a published reading, corrected by the calibration offset', async () => {
    const at = new Date(Date.now() - 60_000).toISOString();
    await publish(sensor.code.toLowerCase(), { recorded_at: at, temperature_c: -18.5 });
    await eventually(async () => (await storedCount(sensor.id)) === 1, 'the reading');
    const [row] = await first.dataSource.query<{ temperature_c: number }[]>(
      'SELECT temperature_c FROM temperature_readings WHERE sensor_id = $1',
      [sensor.id],
    );
    expect(row.temperature_c).toBe(-18);
  });

  it('stores an array of readings in one message', async () => {
    const s = await createSensor(first.dataSource, {
      id: sensor.chamberId,
      warehouseId: sensor.warehouseId,
    });
    await publish(s.code, [
      { recorded_at: new Date(Date.now() - 120_000).toISOString(), temperature_c: -18 },
      {
        recorded_at: new Date(Date.now() - 60_000).toISOString(),
        temperature_c: -19,
        humidity_pct: 70,
      },
    ]);
    await eventually(async () => (await storedCount(s.id)) === 2, 'both readings');
  });

  it('splits messages between two instances and stores each reading once', async () => {
    const s = await createSensor(first.dataSource, {
      id: sensor.chamberId,
      warehouseId: sensor.warehouseId,
    });
    const before = stats().map((x) => x.received);
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 20; i++) {
      await publish(s.code, {
        recorded_at: new Date(base + i * 1000).toISOString(),
        temperature_c: -18,
      });
    }
    // Sent twice: stored once.
    await publish(s.code, { recorded_at: new Date(base).toISOString(), temperature_c: -18 });
    await eventually(
      () => stats().reduce((sum, x) => sum + x.received, 0) - before[0] - before[1] === 21,
      'all 21 messages',
    );
    // Received is counted on arrival, before the reading is written: wait for the writes.
    await eventually(async () => (await storedCount(s.id)) === 20, 'the 20 readings stored');
    expect(await storedCount(s.id)).toBe(20);
    const taken = stats().map((x, i) => x.received - before[i]);
    // Each message went to one instance of the group, and both took their share.
    expect(taken[0] + taken[1]).toBe(21);
    expect(Math.min(...taken)).toBeGreaterThan(0);
  });

  it('drops malformed messages, logging them without their content', async () => {
    const s = await createSensor(first.dataSource, {
      id: sensor.chamberId,
      warehouseId: sensor.warehouseId,
    });
    lines.length = 0;
    const secret = `payload-${randomUUID()}`;
    const before = stats().reduce((sum, x) => sum + x.dropped, 0);
    await publish(s.code, secret);
    await publish(s.code, { recorded_at: secret, temperature_c: -18 });
    await publish(s.code, { recorded_at: new Date().toISOString(), temperature_c: 'NaN' });
    // Not a sensor code (a space); "+" or "#" could not even be published.
    await publish('T BAD', { recorded_at: new Date().toISOString(), temperature_c: -18 });
    await eventually(
      () => stats().reduce((sum, x) => sum + x.dropped, 0) - before === 4,
      'four dropped messages',
    );
    expect(await storedCount(s.id)).toBe(0);
    expect(lines.join('')).toContain('Dropped a malformed MQTT message');
    expect(lines.join('')).not.toContain(secret);
  });
});

describeWithBroker('cold chain: MQTT reconnects after the broker restarts', () => {
  let port: number;
  let broker: ChildProcess;
  let t: TestApp;

  const startBroker = async (): Promise<ChildProcess> => {
    const child = spawn('mosquitto', ['-p', String(port)], { stdio: 'ignore' });
    await eventually(
      async () =>
        connectAsync(`mqtt://127.0.0.1:${port}`, { connectTimeout: 500, reconnectPeriod: 0 }).then(
          async (c) => {
            await c.endAsync();
            return true;
          },
          () => false,
        ),
      'the test broker',
    );
    return child;
  };
  const stopBroker = async (child: ChildProcess): Promise<void> => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };

  beforeAll(async () => {
    port = await unusedPort();
    broker = await startBroker();
    t = await createTestApp({ env: { MQTT_URL: `mqtt://127.0.0.1:${port}` } });
    await t.app.get(MqttReadings).ready();
  });
  afterAll(async () => {
    await t.close();
    await stopBroker(broker);
  });

  it('subscribes again when the broker is back and stores what is published', async () => {
    const warehouse = await makeWarehouse(t.dataSource);
    const chamber = await makeChamber(t.dataSource, warehouse.id);
    const s = await createSensor(t.dataSource, chamber);
    await stopBroker(broker);
    await sleep(500);
    broker = await startBroker();
    const publisher = await connectAsync(`mqtt://127.0.0.1:${port}`);
    try {
      // Published until one is stored: the service needs a moment to reconnect and resubscribe.
      let n = 0;
      await eventually(async () => {
        await publisher.publishAsync(
          `coldstore/${warehouse.code}/${s.code}/readings`,
          JSON.stringify({
            recorded_at: new Date(Date.now() - 60_000 + n++).toISOString(),
            temperature_c: -18,
          }),
          { qos: 1 },
        );
        await sleep(200);
        const [{ count }] = await t.dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM temperature_readings WHERE sensor_id = $1',
          [s.id],
        );
        return count > 0;
      }, 'a reading after the restart');
    } finally {
      await publisher.endAsync();
    }
  });
});
