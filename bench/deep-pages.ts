/**
 * Deep pages of `npm run bench`: the lot and movement lists read at growing depths, with skip
 * (the first version's contract: PostgreSQL walks every row before the page) and with the keyset
 * cursor (after=: it seeks to the page), as an administrator over the whole dataset. Each figure
 * is the median of sequential requests, so it is latency alone, not throughput.
 */
import { Client } from 'pg';
import { cursorTimestampSql, encodeCursor } from 'src/common/pagination/keyset';
import type { Service } from './processes';

const LIMIT = 50;

export interface DeepPageRow {
  list: 'lots' | 'movements';
  depth: number;
  skipMs: number;
  cursorMs: number;
}

export interface DeepPageFigures {
  requests: number;
  rows: DeepPageRow[];
}

/** The list's cursor just before row `depth` (in its default sort), as a full page gives it. */
export async function cursorAt(
  db: Client,
  list: DeepPageRow['list'],
  depth: number,
): Promise<string> {
  if (list === 'lots') {
    const { rows } = await db.query<{ id: string; key: string }>(
      `SELECT id, ${cursorTimestampSql('received_at')} AS key FROM lots
        ORDER BY received_at DESC, id DESC OFFSET $1 LIMIT 1`,
      [depth - 1],
    );
    return encodeCursor('lots:-received_at', [rows[0].key, rows[0].id]);
  }
  const { rows } = await db.query<{ id: string; occurred: string; created: string }>(
    `SELECT id, ${cursorTimestampSql('occurred_at')} AS occurred,
            ${cursorTimestampSql('created_at')} AS created
       FROM stock_movements ORDER BY occurred_at DESC, created_at DESC, id DESC OFFSET $1 LIMIT 1`,
    [depth - 1],
  );
  return encodeCursor('movements', [rows[0].occurred, rows[0].created, rows[0].id]);
}

async function medianMs(url: string, token: string, times: number): Promise<number> {
  const took: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const started = performance.now();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const page = (await response.json()) as unknown[];
    if (response.status !== 200 || page.length !== LIMIT)
      throw new Error(`${url} answered ${response.status} with ${page.length} rows`);
    took.push(performance.now() - started);
  }
  took.sort((a, b) => a - b);
  return took[Math.floor(took.length / 2)];
}

export async function benchDeepPages(options: {
  url: string;
  api: Service;
  adminToken: string;
  depths: number[];
  requests: number;
  log: (line: string) => void;
}): Promise<DeepPageFigures> {
  const db = new Client({ connectionString: options.url });
  await db.connect();
  const rows: DeepPageRow[] = [];
  try {
    for (const list of ['lots', 'movements'] as const) {
      const path = `${options.api.url}/api/inventory/${list}?limit=${LIMIT}`;
      for (const depth of options.depths) {
        const skipMs = await medianMs(
          `${path}&skip=${depth}`,
          options.adminToken,
          options.requests,
        );
        const cursor = depth === 0 ? null : await cursorAt(db, list, depth);
        const cursorMs = await medianMs(
          cursor ? `${path}&after=${cursor}` : path,
          options.adminToken,
          options.requests,
        );
        rows.push({ list, depth, skipMs, cursorMs });
        options.log(
          `  deep page ${list} at ${depth.toLocaleString('en-US')}: skip ${skipMs.toFixed(1)} ms, after= ${cursorMs.toFixed(1)} ms`,
        );
      }
    }
  } finally {
    await db.end();
  }
  return { requests: options.requests, rows };
}
