import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import { Client } from 'src/clients/client.entity';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { InvoiceStatus } from 'src/billing/billing.enums';
import { lockStockHistory } from 'src/inventory/ledger/stock-history';
import { lockDraft } from './invoice-locks';
import { inclusiveDays } from 'src/common/calendar';
import { loadChargeInput } from 'src/billing/charges/charge-inputs';
import { computeInvoice, type InvoiceFigures } from 'src/billing/charges/charges';
import { invoiceHead, type CreateInvoiceDto } from 'src/billing/invoices/dto/invoice.dto';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';

/** The longest period one invoice may cover. */
const MAX_PERIOD_DAYS = 366;

/**
 * Drafts: generated from the stock ledger and the rate cards, and recomputed at will. Used by
 * the API and by the monthly billing run of the CLI.
 */
@Injectable()
export class InvoiceGenerator {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** A DRAFT for the client and period; `generatedById` null is the scheduled billing run. */
  async create(generatedById: string | null, input: CreateInvoiceDto): Promise<Invoice> {
    assertPeriod(input.period_start, input.period_end);
    return this.db.transaction(async (manager) => {
      if (!(await manager.existsBy(Client, { id: input.client_id })))
        throw new NotFoundError('Client');
      await lockStockHistory(manager, input.client_id, 'exclusive');
      await assertNoOverlap(manager, input.client_id, input.period_start, input.period_end);
      const figures = computeInvoice(
        await loadChargeInput(manager, input.client_id, input.period_start, input.period_end),
      );
      const saved = await manager.save(
        manager.create(Invoice, {
          clientId: input.client_id,
          status: InvoiceStatus.Draft,
          periodStart: input.period_start,
          periodEnd: input.period_end,
          ...figureColumns(figures),
          generatedById,
          generatedAt: new Date(),
        }),
      );
      await insertLines(manager, saved.id, figures);
      await this.audit.record(manager, {
        action: 'invoice.generated',
        entityType: 'invoice',
        entityId: saved.id,
        clientId: saved.clientId,
        after: { ...invoiceHead(saved), lines: figures.lines.length },
        actorUserId: generatedById,
      });
      return saved;
    });
  }

  /** Computes a draft again from the ledger and the cards as they are now. */
  async recompute(userId: string, id: string): Promise<Invoice> {
    return this.db.transaction(async (manager) => {
      const invoice = await lockDraft(manager, id, 'recomputed');
      await lockStockHistory(manager, invoice.clientId, 'exclusive');
      const before = invoiceHead(invoice);
      const figures = computeInvoice(
        await loadChargeInput(manager, invoice.clientId, invoice.periodStart, invoice.periodEnd),
      );
      await manager.delete(InvoiceLine, { invoiceId: invoice.id });
      await insertLines(manager, invoice.id, figures);
      Object.assign(invoice, figureColumns(figures), {
        generatedById: userId,
        generatedAt: new Date(),
      });
      const saved = await manager.save(invoice);
      await this.audit.record(manager, {
        action: 'invoice.recomputed',
        entityType: 'invoice',
        entityId: saved.id,
        clientId: saved.clientId,
        before,
        after: { ...invoiceHead(saved), lines: figures.lines.length },
      });
      return saved;
    });
  }
}

function assertPeriod(start: string, end: string): void {
  if (end < start) {
    throw invalid(
      'period_end',
      'period_end must not be before period_start',
      'period_end is before period_start',
    );
  }
  if (inclusiveDays(start, end) > MAX_PERIOD_DAYS) {
    throw invalid(
      'period_end',
      `the period must be at most ${MAX_PERIOD_DAYS} days`,
      `a period covers at most ${MAX_PERIOD_DAYS} days`,
    );
  }
}

/** Another non-void invoice of the client sharing a day is a 409 (under the client's lock). */
async function assertNoOverlap(
  manager: EntityManager,
  clientId: string,
  start: string,
  end: string,
): Promise<void> {
  const other = await manager
    .getRepository(Invoice)
    .createQueryBuilder('i')
    .where('i.clientId = :clientId', { clientId })
    .andWhere('i.status <> :void', { void: InvoiceStatus.Void })
    .andWhere('i.periodStart <= :end AND i.periodEnd >= :start', { start, end })
    .orderBy('i.periodStart', 'ASC')
    .getOne();
  if (other) {
    const name = other.number ?? `draft ${other.id}`;
    throw new ConflictError(
      `The period overlaps invoice ${name} of this client (${other.periodStart} – ${other.periodEnd}). Void or delete it first, or bill other days.`,
    );
  }
}

function figureColumns(figures: InvoiceFigures) {
  return {
    currency: figures.currency,
    subtotalMinor: figures.subtotalMinor,
    taxMinor: figures.taxMinor,
    totalMinor: figures.totalMinor,
    taxNotes: figures.taxNotes,
  };
}

async function insertLines(
  manager: EntityManager,
  invoiceId: string,
  figures: InvoiceFigures,
): Promise<void> {
  const rows = figures.lines.map((line, index) => ({ ...line, invoiceId, position: index + 1 }));
  // Chunks keep each INSERT well under PostgreSQL's 65535 bind parameters.
  for (let i = 0; i < rows.length; i += 1000) {
    await manager.insert(InvoiceLine, rows.slice(i, i + 1000));
  }
}
