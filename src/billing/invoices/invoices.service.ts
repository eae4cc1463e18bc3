import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import { Client } from 'src/clients/client.entity';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { renderActionEmail } from 'src/mail/emails';
import { OutboxService } from 'src/mail/outbox.service';
import { CLOCK_SKEW_MS } from 'src/inventory/business-time';
import { whereInScope, type DataScope, type ScopeColumns } from 'src/rbac/data-scope';
import { User } from 'src/users/user.entity';
import { InvoiceStatus } from 'src/billing/billing.enums';
import { lockStockHistory } from 'src/inventory/ledger/stock-history';
import { closeBilledHistory, lockDraft, lockInvoice } from './invoice-locks';
import { todayIn } from 'src/common/calendar';
import { loadChargeInput } from 'src/billing/charges/charge-inputs';
import { computeInvoice, totals, type TaxRow } from 'src/billing/charges/charges';
import { invoiceHead, type ListInvoicesQueryDto } from 'src/billing/invoices/dto/invoice.dto';
import { renderInvoicePdf } from 'src/billing/pdf/invoice-pdf';
import { pdfCompany } from 'src/billing/pdf/pdf-company';
import {
  type SeasonAccount,
  SeasonStatementService,
} from 'src/billing/seasons/season-statement.service';
import type { DocumentLanguage } from 'src/common/pdf/document-labels';
import { InvoiceLine } from './invoice-line.entity';
import { Invoice } from './invoice.entity';
import { formatMinor } from 'src/billing/money';

/** What a client may see: never drafts. */
const CLIENT_VISIBLE = [InvoiceStatus.Approved, InvoiceStatus.Paid, InvoiceStatus.Void];
/** Invoices span warehouses: warehouse staff see none; a client sees its own once issued. */
const INVOICE_SCOPE: ScopeColumns = {
  client: (clientId) => `i.clientId = ${clientId} AND i.status IN (:...clientVisible)`,
};

/** The same charge, as the engine gives it and as a stored line reads back. */
const fingerprint = (
  l: Pick<InvoiceLine, 'kind' | 'lotId' | 'rateCardId' | 'quantity' | 'days'> &
    Pick<InvoiceLine, 'fromDate' | 'toDate' | 'rate' | 'taxRatePercent' | 'amountMinor'> &
    Pick<InvoiceLine, 'taxExempt'>,
) =>
  [
    l.kind,
    l.lotId,
    l.rateCardId,
    l.quantity,
    l.days,
    l.fromDate,
    l.toDate,
    l.rate,
    l.taxRatePercent,
    l.taxExempt,
    l.amountMinor,
  ].join('|');

export interface InvoiceWithTaxes {
  invoice: Invoice;
  lines: InvoiceLine[];
  taxes: TaxRow[];
  /** The client's account with each season the invoice bills rent for. */
  seasonAccounts: SeasonAccount[];
}

/**
 * Invoices: generated as drafts from the stock ledger and the rate cards, approved by a second
 * person (which numbers and freezes them and emails the client), then paid or voided.
 */
@Injectable()
export class InvoicesService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly seasons: SeasonStatementService,
  ) {}

  private get billing() {
    return this.config.get('billing', { infer: true });
  }

  async list(scope: DataScope, query: ListInvoicesQueryDto): Promise<Page<Invoice>> {
    const builder = this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .orderBy('i.periodStart', 'DESC')
      .addOrderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, INVOICE_SCOPE, { clientVisible: CLIENT_VISIBLE });
    if (query.client_id) builder.andWhere('i.clientId = :clientId', { clientId: query.client_id });
    if (query.status) builder.andWhere('i.status = :status', { status: query.status });
    if (query.from) builder.andWhere('i.periodEnd >= :from', { from: query.from });
    if (query.to) builder.andWhere('i.periodStart <= :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /** One invoice with its lines and tax rows; outside the caller's scope it does not exist. */
  async get(scope: DataScope, id: string): Promise<InvoiceWithTaxes> {
    const builder = this.db.manager
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .leftJoinAndSelect('i.lines', 'l')
      .where('i.id = :id', { id })
      .orderBy('l.position', 'ASC');
    whereInScope(builder, scope, INVOICE_SCOPE, { clientVisible: CLIENT_VISIBLE });
    const invoice = await builder.getOne();
    if (!invoice) throw new NotFoundError('Invoice');
    const lines = invoice.lines ?? [];
    return {
      invoice,
      lines,
      taxes: totals(lines).taxes,
      seasonAccounts: await this.seasonAccounts(invoice, lines),
    };
  }

  /** Billed, paid and balance per season of the invoice's lines; a draft counts its own lines. */
  private seasonAccounts(invoice: Invoice, lines: InvoiceLine[]): Promise<SeasonAccount[]> {
    const seasonLines = lines.filter((l) => l.seasonId !== null);
    const seasonIds = [...new Set(seasonLines.map((l) => l.seasonId as string))];
    if (seasonIds.length === 0) return Promise.resolve([]);
    const pending =
      invoice.status === InvoiceStatus.Draft
        ? seasonLines.map((l) => ({
            seasonId: l.seasonId as string,
            amountMinor: l.amountMinor,
            taxRatePercent: l.taxRatePercent,
          }))
        : [];
    return this.seasons.accounts(invoice.clientId, seasonIds, pending);
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      const invoice = await lockDraft(manager, id, 'deleted');
      await manager.delete(Invoice, { id: invoice.id });
      await this.audit.record(manager, {
        action: 'invoice.deleted',
        entityType: 'invoice',
        entityId: invoice.id,
        clientId: invoice.clientId,
        before: invoiceHead(invoice),
      });
    });
  }

  /**
   * Four-eyes approval: numbers the draft (gapless per year, under concurrent approvals),
   * freezes it and emails the client — only if the ledger and cards still give the same lines.
   */
  async approve(userId: string, id: string): Promise<Invoice> {
    const approved = await this.db.transaction(async (manager) => {
      const invoice = await lockDraft(manager, id, 'approved');
      if (invoice.generatedById === userId) {
        throw new ConflictError(
          'Four-eyes rule: the user who generated an invoice cannot approve it. Another billing manager or an admin must approve it.',
        );
      }
      const today = todayIn(this.billing.defaultTimezone);
      // The period must be over in every warehouse it billed, the westernmost included.
      const zones = await manager.query<{ timezone: string }[]>(
        `SELECT DISTINCT w.timezone FROM warehouses w
          WHERE w.id IN (SELECT warehouse_id FROM invoice_lines WHERE invoice_id = $1)`,
        [invoice.id],
      );
      const earliestToday = zones
        .map((z) => todayIn(z.timezone))
        .reduce((min, day) => (day < min ? day : min), today);
      if (invoice.periodEnd >= earliestToday) {
        throw new ConflictError(
          `The period ends on ${invoice.periodEnd} and has not closed yet: approve the invoice after that day.`,
        );
      }
      await lockStockHistory(manager, invoice.clientId, 'exclusive');
      const fresh = computeInvoice(
        await loadChargeInput(manager, invoice.clientId, invoice.periodStart, invoice.periodEnd),
      );
      const stored = await manager.find(InvoiceLine, {
        where: { invoiceId: invoice.id },
        order: { position: 'ASC' },
      });
      if (fresh.lines.map(fingerprint).join('\n') !== stored.map(fingerprint).join('\n')) {
        throw new ConflictError(
          'Stock movements or rate cards changed since this draft was computed: recompute it and review the new figures before approving.',
        );
      }
      const client = await manager.findOneOrFail(Client, {
        where: { id: invoice.clientId },
        relations: { user: true },
      });
      const year = Number(today.slice(0, 4));
      const [row] = await manager.query<{ last_value: number }[]>(
        `INSERT INTO invoice_number_counters (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = invoice_number_counters.last_value + 1
         RETURNING last_value`,
        [year],
      );
      Object.assign(invoice, {
        status: InvoiceStatus.Approved,
        number: `INV-${year}-${String(row.last_value).padStart(6, '0')}`,
        approvedById: userId,
        approvedAt: new Date(),
        issuedOn: today,
        clientName: client.companyName,
        clientBillingAddress: client.billingAddress,
      });
      const saved = await manager.save(invoice);
      await closeBilledHistory(manager, saved.clientId);
      if (client.user) await this.emailClient(manager, saved, client.user);
      await this.audit.record(manager, {
        action: 'invoice.approved',
        entityType: 'invoice',
        entityId: saved.id,
        clientId: saved.clientId,
        before: { status: InvoiceStatus.Draft },
        after: invoiceHead(saved),
      });
      return saved;
    });
    this.outbox.wake();
    return approved;
  }

  /** Cancels an approved invoice (its number stays used); its period can be billed again. */
  async voidInvoice(userId: string, id: string, reason: string): Promise<Invoice> {
    return this.transition(id, InvoiceStatus.Void, 'invoice.voided', (invoice) => {
      if (invoice.status === InvoiceStatus.Paid) {
        throw new ConflictError(
          'A paid invoice cannot be voided: the payment has been recorded against it.',
        );
      }
      Object.assign(invoice, {
        status: InvoiceStatus.Void,
        voidedAt: new Date(),
        voidedById: userId,
        voidReason: reason,
      });
    });
  }

  async markPaid(userId: string, id: string, paidAt: Date, reference: string): Promise<Invoice> {
    if (paidAt.getTime() > Date.now() + CLOCK_SKEW_MS) {
      throw invalid('paid_at', 'paid_at must not be in the future', 'paid_at is in the future');
    }
    return this.transition(id, InvoiceStatus.Paid, 'invoice.paid', (invoice) => {
      if (invoice.status === InvoiceStatus.Paid) {
        throw new ConflictError(`Invoice ${invoice.number} is already marked paid.`);
      }
      Object.assign(invoice, {
        status: InvoiceStatus.Paid,
        paidAt,
        paymentReference: reference,
        markedPaidById: userId,
      });
    });
  }

  /** The PDF of an invoice within the caller's scope. */
  async pdf(
    scope: DataScope,
    id: string,
    language?: DocumentLanguage,
  ): Promise<{ filename: string; content: Buffer }> {
    const { invoice, lines, taxes, seasonAccounts } = await this.get(scope, id);
    const client = await this.db.manager.getRepository(Client).findOneOrFail({
      where: { id: invoice.clientId },
      relations: { user: true },
    });
    const money = (minor: number) => formatMinor(minor, invoice.currency);
    const content = await renderInvoicePdf(
      {
        company: pdfCompany(this.config),
        client: {
          companyName: invoice.clientName ?? client.companyName,
          billingAddress: invoice.clientName ? invoice.clientBillingAddress : client.billingAddress,
          email: client.user?.email ?? null,
        },
        number: invoice.number,
        status: invoice.status,
        issuedOn: invoice.issuedOn,
        periodStart: invoice.periodStart,
        periodEnd: invoice.periodEnd,
        currency: invoice.currency,
        lines: lines.map((l) => ({
          description: l.description,
          lotNumber: l.lotNumber,
          quantity: l.quantity,
          unit: l.unit,
          days: l.days,
          rate: l.rate,
          rateUnit: l.rateUnit,
          amount: money(l.amountMinor),
        })),
        subtotal: money(invoice.subtotalMinor),
        taxes: taxes.map((t) => ({
          ratePercent: t.ratePercent,
          exempt: t.exempt,
          base: money(t.baseMinor),
          amount: money(t.taxMinor),
        })),
        taxNotes: invoice.taxNotes,
        tax: money(invoice.taxMinor),
        total: money(invoice.totalMinor),
        paidOn: invoice.paidAt ? invoice.paidAt.toISOString().slice(0, 10) : null,
        paymentReference: invoice.paymentReference,
        voidReason: invoice.voidReason,
        seasonAccounts: seasonAccounts.map((a) => ({
          seasonName: a.seasonName,
          billed: money(a.billedMinor),
          paid: money(a.paidMinor),
          balance: money(a.balanceMinor),
        })),
      },
      language ?? client.documentLanguage,
    );
    const filename = invoice.number ? `${invoice.number}.pdf` : `draft-${invoice.id}.pdf`;
    return { filename, content };
  }

  private async transition(
    id: string,
    to: InvoiceStatus,
    action: string,
    apply: (invoice: Invoice) => void,
  ): Promise<Invoice> {
    return this.db.transaction(async (manager) => {
      const invoice = await lockInvoice(manager, id);
      if (invoice.status === InvoiceStatus.Draft) {
        throw new ConflictError(
          `Invoice ${invoice.id} is a draft: approve it first (a draft is deleted, not voided).`,
        );
      }
      if (invoice.status === InvoiceStatus.Void) {
        throw new ConflictError(`Invoice ${invoice.number} is void.`);
      }
      const before = invoice.status;
      apply(invoice);
      const saved = await manager.save(invoice);
      if (to === InvoiceStatus.Void) {
        // Its period can be billed, and its stock history changed, again.
        await lockStockHistory(manager, saved.clientId, 'exclusive');
        await closeBilledHistory(manager, saved.clientId);
      }
      await this.audit.record(manager, {
        action,
        entityType: 'invoice',
        entityId: saved.id,
        clientId: saved.clientId,
        before: { status: before },
        after: {
          status: to,
          number: saved.number,
          ...(to === InvoiceStatus.Void ? { reason: saved.voidReason } : {}),
          ...(to === InvoiceStatus.Paid
            ? { paid_at: saved.paidAt?.toISOString(), reference: saved.paymentReference }
            : {}),
        },
      });
      return saved;
    });
  }

  private async emailClient(manager: EntityManager, invoice: Invoice, user: User): Promise<void> {
    const appName = this.config.get('app.name', { infer: true });
    const url = new URL(
      `invoices/${invoice.id}`,
      this.config.get('app.frontendUrl', { infer: true }).replace(/\/?$/, '/'),
    ).toString();
    const total = `${formatMinor(invoice.totalMinor, invoice.currency)} ${invoice.currency}`;
    const email = renderActionEmail({
      appName,
      recipientEmail: user.email,
      subject: `Invoice ${invoice.number} from ${this.billing.companyName}`,
      heading: `Invoice ${invoice.number}`,
      intro: `Your invoice ${invoice.number} for ${invoice.periodStart} to ${invoice.periodEnd} is ready: ${total}.`,
      emphasis: [invoice.number ?? '', total],
      details: [
        ['Invoice', invoice.number ?? ''],
        ['Period', `${invoice.periodStart} – ${invoice.periodEnd}`],
        ['Total', total],
      ],
      instruction: 'To see the invoice and download it as a PDF, open this link:',
      buttonLabel: 'View invoice',
      url,
      footer: `This email was sent to ${user.email} because ${invoice.clientName ?? 'your company'} stores goods with ${this.billing.companyName}.`,
    });
    await this.outbox.enqueue(manager, {
      recipient: user.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      subjectType: 'invoice',
      subjectId: invoice.id,
    });
  }
}
