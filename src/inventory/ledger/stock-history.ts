import { QueryFailedError, type EntityManager } from 'typeorm';
import { ConflictError } from 'src/common/errors/domain.errors';
import { StockHistoryClosure } from './stock-history-closure.entity';

/**
 * One advisory lock per client orders whatever closes a client's stock history against the
 * movements that change it. Movements take it shared (they never wait for each other); closing
 * takes it exclusively, so it sees every movement committed before it, and a movement started
 * after it sees the closure. The key is the database's `stock_history_lock_key`, which the
 * movements' check (`stock_history_assert_open`) uses too.
 */
export async function lockStockHistory(
  manager: EntityManager,
  clientId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${fn}(stock_history_lock_key($1))`, [clientId]);
}

/** How far back a client's history is closed, and the reason quoted to whoever is refused. */
export interface Closure {
  through: string;
  by: string;
}

/**
 * Sets (or, with null, lifts) how far back a client's stock history is closed. Call it holding
 * the client's lock exclusively (`lockStockHistory`), in the transaction that closes or reopens.
 */
export async function setStockHistoryClosure(
  manager: EntityManager,
  clientId: string,
  closure: Closure | null,
): Promise<void> {
  const closures = manager.getRepository(StockHistoryClosure);
  if (!closure) {
    await closures.delete({ clientId });
    return;
  }
  await closures.upsert({ clientId, closedThrough: closure.through, closedBy: closure.by }, [
    'clientId',
  ]);
}

/** What `stock_history_assert_open` raises (SQLSTATE SC409) when a movement's day is closed. */
const HISTORY_CLOSED = 'SC409';

interface ClosedDay {
  closed_through: string;
  closed_by: string;
  day: string;
}

/** The 409 for a movement refused by `stock_history_assert_open`; null for any other error. */
function historyClosedConflict(error: unknown): ConflictError | null {
  const driver: unknown = error instanceof QueryFailedError ? error.driverError : undefined;
  const { code, detail } = (driver ?? {}) as { code?: unknown; detail?: unknown };
  if (code !== HISTORY_CLOSED || typeof detail !== 'string') return null;
  const closed = JSON.parse(detail) as ClosedDay;
  return new ConflictError(
    `The stock history of this client is closed up to ${closed.closed_through}: ${closed.closed_by}. A movement dated ${closed.day} would change it.`,
  );
}

/** Runs SQL that checks the history with `stock_history_assert_open`, mapping its 409. */
export async function withOpenHistoryCheck<T>(query: Promise<T>): Promise<T> {
  try {
    return await query;
  } catch (error: unknown) {
    throw historyClosedConflict(error) ?? error;
  }
}

/**
 * A movement dated (in its warehouse's time zone) on or before the day a client's history is
 * closed through is a 409. Runs inside the movement's transaction (the shared lock is held until
 * it ends).
 */
export async function assertHistoryOpen(
  manager: EntityManager,
  clientId: string,
  warehouseId: string,
  at: Date,
): Promise<void> {
  await withOpenHistoryCheck(
    manager.query('SELECT stock_history_assert_open($1, $2, $3)', [clientId, warehouseId, at]),
  );
}
