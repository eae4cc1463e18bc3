import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from 'src/common/errors/domain.errors';
import { monthBounds } from 'src/common/calendar';
import { InvoiceGenerator } from 'src/billing/invoices/invoice-generator.service';
import { formatMinor } from 'src/billing/money';

export type BillingRunOutcome =
  | { client: string; outcome: 'drafted'; invoiceId: string; total: string; lines: number }
  | { client: string; outcome: 'skipped' | 'failed'; reason: string };

export interface BillingRunReport {
  periodStart: string;
  periodEnd: string;
  results: BillingRunOutcome[];
}

/**
 * The monthly billing job: a draft for every client that had stock or movements in the month,
 * skipping clients already invoiced for any of its days. Safe to run again; a client that
 * cannot be billed (no card for a day, say) is reported and the others are still drafted.
 */
@Injectable()
export class BillingRunService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly generator: InvoiceGenerator,
  ) {}

  async run(month: string): Promise<BillingRunReport> {
    const { start, end } = monthBounds(month);
    const clients = await this.dataSource.query<
      { id: string; company_name: string; invoiced: string | null }[]
    >(
      `SELECT c.id, c.company_name,
              (SELECT coalesce(i.number, 'draft ' || i.id)
                 FROM invoices i
                WHERE i.client_id = c.id AND i.status <> 'VOID'
                  AND i.period_start <= $2::date AND i.period_end >= $1::date
                LIMIT 1) AS invoiced
         FROM clients c
        WHERE EXISTS (
              SELECT 1 FROM lots l JOIN warehouses w ON w.id = l.warehouse_id
               WHERE l.client_id = c.id
                 AND (l.received_at AT TIME ZONE w.timezone)::date <= $2::date
                 AND (l.quantity > 0 OR l.weight_kg > 0
                      OR (l.last_movement_at AT TIME ZONE w.timezone)::date >= $1::date))
        ORDER BY c.company_name, c.id`,
      [start, end],
    );
    const results: BillingRunOutcome[] = [];
    for (const client of clients) {
      const name = client.company_name;
      if (client.invoiced) {
        results.push({
          client: name,
          outcome: 'skipped',
          reason: `already invoiced (${client.invoiced})`,
        });
        continue;
      }
      try {
        const invoice = await this.generator.create(null, {
          client_id: client.id,
          period_start: start,
          period_end: end,
        });
        const lines = await this.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM invoice_lines WHERE invoice_id = $1',
          [invoice.id],
        );
        results.push({
          client: name,
          outcome: 'drafted',
          invoiceId: invoice.id,
          total: `${formatMinor(invoice.totalMinor, invoice.currency)} ${invoice.currency}`,
          lines: lines[0].n,
        });
      } catch (error) {
        // A rule of this client's billing (422) or a concurrent invoice (409): report, go on.
        if (!(error instanceof DomainError)) throw error;
        results.push({
          client: name,
          outcome: error.kind === 'conflict' ? 'skipped' : 'failed',
          reason: error.message,
        });
      }
    }
    return { periodStart: start, periodEnd: end, results };
  }
}
