import { In, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { InvoiceStatus } from 'src/billing/billing.enums';
import { setStockHistoryClosure } from 'src/inventory/ledger/stock-history';
import { Invoice } from './invoice.entity';

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

/**
 * Tells inventory how far back the client's stock history is billed: through the last day of
 * its latest approved or paid invoice, or not at all. Run holding the client's stock-history
 * lock exclusively, after an approval or a void.
 */
export async function closeBilledHistory(manager: EntityManager, clientId: string): Promise<void> {
  const latest = await manager.getRepository(Invoice).findOne({
    where: { clientId, status: In([InvoiceStatus.Approved, InvoiceStatus.Paid]) },
    order: { periodEnd: 'DESC' },
  });
  await setStockHistoryClosure(
    manager,
    clientId,
    latest && {
      through: latest.periodEnd,
      by: `invoice ${latest.number} (${latest.periodStart} – ${latest.periodEnd}) is approved; void it to reopen this history`,
    },
  );
}
