import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Db } from 'src/database/db';
import { Client } from 'src/clients/client.entity';
import type { DocumentLanguage } from 'src/common/pdf/document-labels';
import type { AppConfig } from 'src/config/configuration';
import type { DataScope } from 'src/rbac/data-scope';
import { formatMinor } from 'src/billing/money';
import { pdfCompany } from 'src/billing/pdf/pdf-company';
import { renderSeasonReceiptPdf, renderSeasonStatementPdf } from 'src/billing/pdf/season-pdf';
import { todayIn } from 'src/common/calendar';
import { SeasonPaymentsService } from './season-payments.service';
import { SeasonStatementService } from './season-statement.service';
import { Season } from './season.entity';

/** Season receipts and statements as PDFs, labelled in the client's language unless overridden. */
@Injectable()
export class SeasonDocumentsService {
  constructor(
    private readonly db: Db,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly payments: SeasonPaymentsService,
    private readonly statements: SeasonStatementService,
  ) {}

  /** The receipt of a payment within the caller's scope (404 outside it). */
  async receiptPdf(
    scope: DataScope,
    id: string,
    language?: DocumentLanguage,
  ): Promise<{ filename: string; content: Buffer }> {
    const payment = await this.payments.get(scope, id);
    const manager = this.db.manager;
    const client = await manager.getRepository(Client).findOneByOrFail({ id: payment.clientId });
    const season = await manager.getRepository(Season).findOneByOrFail({ id: payment.seasonId });
    const content = await renderSeasonReceiptPdf(
      {
        company: pdfCompany(this.config),
        client: { companyName: client.companyName, billingAddress: client.billingAddress },
        season: { name: season.name, startDate: season.startDate, endDate: season.endDate },
        receiptNumber: payment.receiptNumber,
        paidOn: payment.paidAt.toISOString().slice(0, 10),
        currency: payment.currency,
        amount: formatMinor(payment.amountMinor, payment.currency),
        reference: payment.reference,
        bagsReleased: payment.bagsReleased.map((r) => ({ lotNumber: r.lot_number, bags: r.bags })),
      },
      language ?? client.documentLanguage,
    );
    return { filename: `${payment.receiptNumber}.pdf`, content };
  }

  /** A client's season statement within the caller's scope (404 outside it). */
  async statementPdf(
    scope: DataScope,
    seasonId: string,
    clientId: string | undefined,
    language?: DocumentLanguage,
  ): Promise<{ filename: string; content: Buffer }> {
    const s = await this.statements.statement(scope, seasonId, clientId);
    const manager = this.db.manager;
    const client = await manager.getRepository(Client).findOneByOrFail({ id: s.client_id });
    const season = await manager.getRepository(Season).findOneByOrFail({ id: s.season_id });
    const money = (minor: number) => formatMinor(minor, s.currency);
    const content = await renderSeasonStatementPdf(
      {
        company: pdfCompany(this.config),
        client: { companyName: client.companyName, billingAddress: client.billingAddress },
        season: { name: season.name, startDate: season.startDate, endDate: season.endDate },
        currency: s.currency,
        asOf: todayIn(this.config.get('billing', { infer: true }).defaultTimezone),
        lots: s.lots.map((lot) => ({
          lotNumber: lot.lot_number,
          rent: lot.rent,
          extension: lot.extension,
          bookingCredit: lot.booking_credit,
          charged: lot.charged,
          bagsReleased: lot.bags_released,
        })),
        subtotal: money(s.subtotal_minor),
        tax: money(s.tax_minor),
        total: s.total,
        paid: s.paid,
        balance: s.balance,
        payments: s.payments.map((p) => ({
          receiptNumber: p.receipt_number,
          paidOn: p.paid_at.slice(0, 10),
          reference: p.reference,
          amount: p.amount,
        })),
      },
      language ?? client.documentLanguage,
    );
    return { filename: `season-statement-${s.season_id}-${s.client_id}.pdf`, content };
  }
}
