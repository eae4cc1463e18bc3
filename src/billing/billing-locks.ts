import { QueryFailedError, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { InvoiceStatus } from './billing.enums';
import { Invoice } from 'src/billing/invoices/invoice.entity';

/**
 * One advisory lock per client orders billing against stock changes. Movements take it shared
 * (they never wait for each other); generating and approving an invoice take it exclusively, so
 * an approval sees every movement committed before it, and a movement started after an approval
 * sees the approved invoice. The key is the database's `billing_client_lock_key`, which the
 * movements' check (`billing_assert_period_open`) uses too.
 */
export async function lockClientBilling(
  manager: EntityManager,
  clientId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${fn}(billing_client_lock_key($1))`, [clientId]);
}

/** What `billing_assert_period_open` raises (SQLSTATE SC409) when a movement's day is billed. */
const PERIOD_CLOSED = 'SC409';

interface ClosedPeriod {
  number: string;
  period_start: string;
  period_end: string;
  day: string;
}

/** The 409 for a movement refused by `billing_assert_period_open`; null for any other error. */
function periodClosedConflict(error: unknown): ConflictError | null {
  const driver: unknown = error instanceof QueryFailedError ? error.driverError : undefined;
  const { code, detail } = (driver ?? {}) as { code?: unknown; detail?: unknown };
  if (code !== PERIOD_CLOSED || typeof detail !== 'string') return null;
  const closed = JSON.parse(detail) as ClosedPeriod;
  return new ConflictError(
    `The stock history of this client is closed up to ${closed.period_end}: invoice ${closed.number} (${closed.period_start} – ${closed.period_end}) is approved, and a movement dated ${closed.day} would change what it billed. Void that invoice first.`,
  );
}

/** Runs a statement that checks the period with `billing_assert_period_open`, mapping its 409. */
export async function withPeriodCheck<T>(statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (error: unknown) {
    throw periodClosedConflict(error) ?? error;
  }
}

/**
 * History is closed once billed: a movement dated (in its warehouse's time zone) on or before
 * the last day of an approved or paid invoice of the client is a 409 — inside the period it
 * would change what was billed, and before it it would change the stock the period started
 * with. Runs inside the movement's transaction (the shared lock is held until it ends).
 */
export async function assertPeriodOpen(
  manager: EntityManager,
  clientId: string,
  warehouseId: string,
  at: Date,
): Promise<void> {
  await withPeriodCheck(
    manager.query('SELECT billing_assert_period_open($1, $2, $3)', [clientId, warehouseId, at]),
  );
}

/** A draft, locked; 409 naming the status otherwise. */
export async function lockDraft(
  manager: EntityManager,
  id: string,
  verb: string,
): Promise<Invoice> {
  const invoice = await lockInvoice(manager, id);
  if (invoice.status !== InvoiceStatus.Draft) {
    throw new ConflictError(
      `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: only a draft can be ${verb}.`,
    );
  }
  return invoice;
}

/** The invoice row, locked for the change; 404 when it does not exist. */
export async function lockInvoice(manager: EntityManager, id: string): Promise<Invoice> {
  const invoice = await manager
    .getRepository(Invoice)
    .createQueryBuilder('i')
    .where('i.id = :id', { id })
    .setLock('pessimistic_write')
    .getOne();
  if (!invoice) throw new NotFoundError('Invoice');
  return invoice;
}
