import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomUUID } from 'node:crypto';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import { ClsService } from 'nestjs-cls';
import type { AppConfig, TelemetrySettings } from 'src/config/configuration';
import { Db } from 'src/database/db';
import { parseReadingsPayload, WIRE_SENSOR_CODE } from '../readings/reading-input';
import { ReadingsIngest } from '../readings/readings-ingest.service';

/** Readings of sensor {sensor_code} of warehouse {warehouse_code}: coldstore/{w}/{s}/readings. */
export const READINGS_TOPIC = 'coldstore/+/+/readings';
const TOPIC = /^coldstore\/([^/]{1,40})\/([^/]{1,40})\/readings$/;

/** What this instance has taken from the broker (for its logs and tests). */
export interface MqttStats {
  received: number;
  stored: number;
  dropped: number;
}

/**
 * Takes readings from an MQTT broker when MQTT_URL is set (nothing connects otherwise):
 * a shared subscription ($share/<MQTT_SHARE_GROUP>/coldstore/+/+/readings, QoS 1), so the
 * instances of a deployment split the messages between them; a message redelivered to another
 * instance is a duplicate the readings' primary key ignores. The payload is one reading
 * `{recorded_at, temperature_c, humidity_pct?}` or an array of them, stored like a gateway's
 * batch. A message is acknowledged once handled: stored, or dropped and logged (malformed,
 * unknown warehouse or sensor) without its content. The client reconnects by itself.
 */
@Injectable()
export class MqttReadings implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MqttReadings.name);
  private readonly settings: TelemetrySettings;
  private client: MqttClient | undefined;
  private subscribed: Promise<void> = Promise.resolve();
  readonly stats: MqttStats = { received: 0, stored: 0, dropped: 0 };

  constructor(
    private readonly ingest: ReadingsIngest,
    private readonly db: Db,
    private readonly cls: ClsService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.settings = config.get('telemetry', { infer: true });
  }

  onApplicationBootstrap(): void {
    const url = this.settings.mqttUrl;
    if (!url) return;
    const client = connect(url, {
      clientId: `coldstore-${randomUUID()}`,
      username: this.settings.mqttUsername,
      password: this.settings.mqttPassword,
      protocolVersion: 5,
      clean: true,
      reconnectPeriod: 2_000,
      connectTimeout: 10_000,
      resubscribe: true,
    });
    // Messages are handled one at a time and acknowledged (PUBACK) only once handled.
    client.handleMessage = (packet: IPublishPacket, done: () => void): void => {
      // handle() never rejects: every failure is logged and the message acknowledged.
      void this.handle(packet).then(() => {
        done();
      });
    };
    client.on('connect', () => {
      this.logger.log('Connected to the MQTT broker');
    });
    client.on('offline', () => {
      this.logger.warn('MQTT broker unreachable; reconnecting');
    });
    // The message only: an error object may carry the URL, credentials included.
    client.on('error', (error) => {
      this.logger.warn(`MQTT: ${error.message}`);
    });
    const topic = `$share/${this.settings.mqttShareGroup}/${READINGS_TOPIC}`;
    this.subscribed = client.subscribeAsync(topic, { qos: 1 }).then(
      () => {
        this.logger.log(`Subscribed to ${topic}`);
      },
      (error: unknown) => {
        this.logger.warn(`MQTT subscription failed: ${(error as Error).message}`);
      },
    );
    this.client = client;
  }

  /** Resolves once the first subscription is acknowledged (immediately without MQTT_URL). */
  ready(): Promise<void> {
    return this.subscribed;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    // Lets the message being handled finish and be acknowledged, then disconnects.
    await client?.endAsync();
  }

  private async handle(packet: IPublishPacket): Promise<void> {
    this.stats.received += 1;
    const size = packet.payload.length;
    try {
      const topic = TOPIC.exec(packet.topic);
      const sensorCode = topic?.[2];
      const valid = topic !== null && sensorCode !== undefined && WIRE_SENSOR_CODE.test(sensorCode);
      const readings = valid
        ? parseReadingsPayload(
            typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload,
            sensorCode.toUpperCase(),
          )
        : null;
      if (!topic || !readings) {
        this.drop(`Dropped a malformed MQTT message (${size} bytes) on ${packet.topic}`);
        return;
      }
      const result = await this.cls.run(async () => {
        const warehouseId = await this.warehouseId(topic[1].toUpperCase());
        if (!warehouseId) return null;
        return this.ingest.ingest(warehouseId, readings);
      });
      if (!result) {
        this.drop(`Dropped an MQTT message for an unknown warehouse on ${packet.topic}`);
        return;
      }
      this.stats.stored += result.accepted;
      if (result.rejected.length > 0) {
        const reasons = [...new Set(result.rejected.map((r) => r.reason))].join(', ');
        this.drop(`Refused ${result.rejected.length} reading(s) on ${packet.topic}: ${reasons}`);
      }
    } catch (error) {
      // Acknowledged all the same: a message that cannot be stored now would only come back
      // to fail again, and the broker would hold the subscription's queue behind it.
      this.drop(`Storing an MQTT message on ${packet.topic} failed: ${(error as Error).message}`);
    }
  }

  private drop(message: string): void {
    this.stats.dropped += 1;
    this.logger.warn(message);
  }

  private async warehouseId(code: string): Promise<string | null> {
    const rows = await this.db.manager.query<{ id: string }[]>(
      'SELECT id FROM warehouses WHERE code = $1',
      [code],
    );
    return rows.at(0)?.id ?? null;
  }
}
