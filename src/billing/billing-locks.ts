import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { InvoiceStatus } from './billing.enums';
import { Invoice } from './invoice.entity';

/**
 * One advisory lock per client orders billing against stock changes. Movements take it shared
 * (they never wait for each other); generating and approving an invoice take it exclusively, so
 * an approval sees every movement committed before it, and a movement started after an approval
 * sees the approved invoice.
 */
export async function lockClientBilling(
  manager: EntityManager,
  clientId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${fn}(hashtextextended($1, 0))`, [`billing:client:${clientId}`]);
}

/**
 * History is closed once billed: a movement dated (in its warehouse's time zone) on or before
 * the last day of an approved or paid invoice of the client is a 409 — inside the period it
 * would change what was billed, and before it it would change the stock the period started
 * with. Runs inside the movement's transaction; the lock comes first, so the check reads with a
 * snapshot taken after it.
 */
export async function assertPeriodOpen(
  manager: EntityManager,
  clientId: string,
  warehouseId: string,
  at: Date,
): Promise<void> {
  await lockClientBilling(manager, clientId, 'shared');
  const rows = await manager.query<
    { number: string; period_start: string; period_end: string; day: string }[]
  >(
    `SELECT i.number, i.period_start::text, i.period_end::text, d.day::text
       FROM (SELECT ($3::timestamptz AT TIME ZONE w.timezone)::date AS day
               FROM warehouses w WHERE w.id = $2) d
       JOIN invoices i ON i.client_id = $1 AND i.status IN ('APPROVED', 'PAID')
                      AND d.day <= i.period_end
      ORDER BY i.period_end DESC
      LIMIT 1`,
    [clientId, warehouseId, at],
  );
  if (rows.length > 0) {
    const [row] = rows;
    throw new ConflictError(
      `The stock history of this client is closed up to ${row.period_end}: invoice ${row.number} (${row.period_start} – ${row.period_end}) is approved, and a movement dated ${row.day} would change what it billed. Void that invoice first.`,
    );
  }
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
