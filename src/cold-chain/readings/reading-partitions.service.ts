import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** pg advisory lock keys (727_16x: the readings' storage): creating partitions, maintenance. */
export const PARTITION_CREATE_LOCK_KEY = 727_160;
export const READINGS_MAINTENANCE_LOCK_KEY = 727_161;

const PARTITION_NAME = /^temperature_readings_(\d{4})(\d{2})$/;
/** Months created ahead of the current one by maintenance. */
const MONTHS_AHEAD = 2;

/** The month of an instant (UTC) as YYYYMM, the suffix of its partition's name. */
const monthOf = (at: Date): number => at.getUTCFullYear() * 100 + at.getUTCMonth() + 1;

/** The month of an instant in epoch milliseconds, built once per distinct UTC day. */
const DAY_MS = 86_400_000;
const monthStart = (month: number): Date =>
  new Date(Date.UTC(Math.floor(month / 100), (month % 100) - 1, 1));

export interface MaintenanceReport {
  /** Partitions that now exist for this month and the next MONTHS_AHEAD (created or already there). */
  ensured: string[];
  /** Partitions dropped because every reading in them was past retention. */
  dropped: string[];
}

/**
 * Readings live in one partition per calendar month (UTC). Before a batch is written, the
 * partitions of its months must exist: the months this instance has seen are remembered, so
 * only a new month costs a call to temperature_readings_ensure_partition (serialised across
 * instances by an advisory lock). Maintenance creates the coming months ahead and drops whole
 * months past retention; the hourly rollups are never dropped.
 */
@Injectable()
export class ReadingPartitions {
  private readonly known = new Set<number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Makes sure a partition exists for the month of every instant given. */
  async ensureFor(instantsMs: Iterable<number>): Promise<void> {
    const missing = new Set<number>();
    let lastDay = Number.NaN;
    for (const at of instantsMs) {
      // Readings come in time order, mostly: a Date only when the UTC day changes.
      const day = Math.floor(at / DAY_MS);
      if (day === lastDay) continue;
      lastDay = day;
      const month = monthOf(new Date(at));
      if (!this.known.has(month)) missing.add(month);
    }
    if (missing.size === 0) return;
    await this.create([...missing]);
  }

  /**
   * Ensures this month's and the next two months' partitions and drops every partition whose
   * month ended more than `retentionDays` before `now`. Null when another instance holds the lock.
   */
  async maintain(retentionDays: number, now = new Date()): Promise<MaintenanceReport | null> {
    const current = monthOf(now);
    const months = Array.from({ length: MONTHS_AHEAD + 1 }, (_, i) =>
      monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))),
    );
    const ensured = await this.create(months);
    const cutoff = now.getTime() - retentionDays * 86_400_000;
    const dropped = await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [READINGS_MAINTENANCE_LOCK_KEY],
      );
      if (!locked) return null;
      const partitions = await manager.query<{ name: string }[]>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'temperature_readings'::regclass ORDER BY c.relname`,
      );
      const expired: string[] = [];
      for (const { name } of partitions) {
        const match = PARTITION_NAME.exec(name);
        if (!match) continue;
        const month = Number(match[1]) * 100 + Number(match[2]);
        const end = new Date(Date.UTC(Number(match[1]), Number(match[2]), 1));
        if (month < current && end.getTime() <= cutoff) expired.push(name);
      }
      for (const name of expired) {
        // The name matched PARTITION_NAME: quoting is enough.
        await manager.query(`DROP TABLE IF EXISTS "${name}"`);
        this.known.delete(Number(name.slice(-6)));
      }
      return expired;
    });
    return dropped === null ? null : { ensured, dropped };
  }

  private async create(months: number[]): Promise<string[]> {
    const names = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_CREATE_LOCK_KEY]);
      const rows = await manager.query<{ name: string }[]>(
        'SELECT temperature_readings_ensure_partition(m) AS name FROM unnest($1::timestamptz[]) m',
        [months.map((month) => monthStart(month).toISOString())],
      );
      return rows.map((row) => row.name);
    });
    for (const month of months) this.known.add(month);
    return names;
  }
}
