import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** Where the sessions are looked at from: the app's data source, or a connection of the test's own. */
export type Observer = DataSource | Client;

/** Which sessions of the current database count (pg_stat_activity); every given field must hold. */
export interface SessionFilter {
  /** Waiting for a heavyweight lock (row, table, transaction id...), or an advisory lock only. */
  waitingFor?: 'lock' | 'advisory lock';
  /** Blocked by this backend (pg_blocking_pids). */
  blockedBy?: number;
  /** Of this application_name: 'coldstore-api' is the API's pool. */
  application?: string;
  /** Running a query whose text contains this. */
  running?: string;
}

const COUNT = `
  SELECT count(*)::int AS n FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid()
     AND ($1::text IS NULL OR (wait_event_type = 'Lock' AND ($1 = 'lock' OR wait_event = 'advisory')))
     AND ($2::int IS NULL OR $2 = ANY (pg_blocking_pids(pid)))
     AND ($3::text IS NULL OR application_name = $3)
     AND ($4::text IS NULL OR (state = 'active' AND strpos(query, $4) > 0))`;

/** How many sessions of the observer's database match. */
export async function countSessions(on: Observer, filter: SessionFilter): Promise<number> {
  const params = [
    filter.waitingFor ?? null,
    filter.blockedBy ?? null,
    filter.application ?? null,
    filter.running ?? null,
  ];
  const rows =
    on instanceof DataSource
      ? await on.query<{ n: number }[]>(COUNT, params)
      : (await on.query<{ n: number }>(COUNT, params)).rows;
  return rows[0].n;
}

/** Waits until at least `atLeast` (1) sessions match: a request has reached its lock or query. */
export async function waitForSessions(
  on: Observer,
  filter: SessionFilter,
  options: { description: string; atLeast?: number; timeoutMs?: number },
): Promise<void> {
  const atLeast = options.atLeast ?? 1;
  await waitFor(async () => (await countSessions(on, filter)) >= atLeast, {
    description: options.description,
    timeoutMs: options.timeoutMs,
    intervalMs: 25,
  });
}

/** Waits until no session matches: the waiting ones got their lock, or their backend ended. */
export async function waitForNoSessions(
  on: Observer,
  filter: SessionFilter,
  options: { description: string; timeoutMs?: number },
): Promise<void> {
  await waitFor(async () => (await countSessions(on, filter)) === 0, {
    description: options.description,
    timeoutMs: options.timeoutMs,
    intervalMs: 50,
  });
}

/** The backend pid of a connection of the test's own, to wait on what it blocks. */
export async function backendPid(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0].pid;
}
