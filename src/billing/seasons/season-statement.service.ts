import { Injectable } from '@nestjs/common';
import { toCsv, type CsvColumn } from 'src/common/csv';
import { Db } from 'src/database/db';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { SYSTEM_SCOPE, type DataScope } from 'src/rbac/data-scope';
import { InvoiceLineKind } from 'src/billing/billing.enums';
import { totals } from 'src/billing/charges/charges';
import { formatMinor } from 'src/billing/money';
import type {
  SeasonStatementLotDto,
  SeasonStatementOutDto,
} from 'src/billing/seasons/dto/season-statement.dto';

const LOT_COLUMNS: CsvColumn<SeasonStatementLotDto>[] = [
  { header: 'lot_number', value: (l) => l.lot_number },
  { header: 'season_rent', value: (l) => l.rent, numeric: true },
  { header: 'extension', value: (l) => l.extension, numeric: true },
  { header: 'booking_credit', value: (l) => l.booking_credit, numeric: true },
  { header: 'charged', value: (l) => l.charged, numeric: true },
  { header: 'bags_released', value: (l) => l.bags_released, numeric: true },
];

/** The statement's lots as CSV, then its totals as rows of their own. */
export function seasonStatementCsv(s: SeasonStatementOutDto): string {
  const money = (minor: number) => formatMinor(minor, s.currency);
  const totals: [string, string][] = [
    ['tax', money(s.tax_minor)],
    ['total', s.total],
    ['paid', s.paid],
    ['balance', s.balance],
  ];
  return (
    toCsv(LOT_COLUMNS, s.lots) +
    toCsv(
      [
        { header: 'figure', value: (r: [string, string]) => r[0] },
        { header: s.currency, value: (r: [string, string]) => r[1], numeric: true },
      ],
      totals,
    )
  );
}
import { findSeasonInScope } from './season-scope';
import { SeasonPayment } from './season-payment.entity';

interface LineRow {
  lot_id: string;
  lot_number: string;
  kind: InvoiceLineKind;
  tax_rate_percent: string;
  amount_minor: string;
}

/** Where a client stands with a season: billed with tax, paid, balance (minor units). */
export interface SeasonAccount {
  seasonId: string;
  seasonName: string;
  billedMinor: number;
  paidMinor: number;
  balanceMinor: number;
}

/**
 * A client's season statement: per lot the season rent, extension and booking credit of its
 * approved and paid invoices, the bags its payments released; the season's payments and balance.
 */
@Injectable()
export class SeasonStatementService {
  constructor(private readonly db: Db) {}

  /**
   * The client's account with each season, as its statement gives it, plus lines not yet on an
   * approved invoice (a draft's own season lines, with their tax).
   */
  async accounts(
    clientId: string,
    seasonIds: string[],
    pending: { seasonId: string; amountMinor: number; taxRatePercent: string }[] = [],
  ): Promise<SeasonAccount[]> {
    const accounts: SeasonAccount[] = [];
    for (const seasonId of seasonIds) {
      const statement = await this.statement(SYSTEM_SCOPE, seasonId, clientId);
      const billedMinor =
        statement.total_minor + totals(pending.filter((l) => l.seasonId === seasonId)).totalMinor;
      accounts.push({
        seasonId,
        seasonName: statement.season_name,
        billedMinor,
        paidMinor: statement.paid_minor,
        balanceMinor: billedMinor - statement.paid_minor,
      });
    }
    return accounts;
  }

  async statement(
    scope: DataScope,
    seasonId: string,
    requestedClientId: string | undefined,
  ): Promise<SeasonStatementOutDto> {
    const manager = this.db.manager;
    const season = await findSeasonInScope(manager, scope, seasonId);
    let clientId = requestedClientId;
    if (scope.kind === 'client') {
      if (!scope.clientId || (clientId && clientId !== scope.clientId))
        throw new NotFoundError('Client');
      clientId = scope.clientId;
    } else if (scope.kind === 'warehouse') {
      throw new NotFoundError('Season');
    }
    if (!clientId) throw invalid('client_id', 'client_id is required');

    const lines = await manager.query<LineRow[]>(
      `SELECT l.lot_id, l.lot_number, l.kind::text AS kind, l.tax_rate_percent::text,
              l.amount_minor::text
         FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
        WHERE i.client_id = $1 AND i.status IN ('APPROVED', 'PAID') AND l.season_id = $2
        ORDER BY l.lot_number, i.period_start, l.position`,
      [clientId, season.id],
    );
    const [fees] = await manager.query<{ fee: string }[]>(
      `SELECT coalesce(sum(fee_minor), 0)::text AS fee FROM season_bookings
        WHERE client_id = $1 AND season_id = $2`,
      [clientId, season.id],
    );
    const payments = await manager.getRepository(SeasonPayment).find({
      where: { clientId, seasonId: season.id },
      order: { paidAt: 'ASC', receiptNumber: 'ASC' },
    });
    const money = (minor: number) => formatMinor(minor, season.currency);

    const lots = new Map<string, SeasonStatementLotDto>();
    const lotOf = (id: string, number: string) => {
      let lot = lots.get(id);
      if (!lot) {
        lot = {
          lot_id: id,
          lot_number: number,
          rent_minor: 0,
          rent: '',
          extension_minor: 0,
          extension: '',
          booking_credit_minor: 0,
          booking_credit: '',
          charged_minor: 0,
          charged: '',
          bags_released: 0,
        };
        lots.set(id, lot);
      }
      return lot;
    };
    for (const line of lines) {
      const lot = lotOf(line.lot_id, line.lot_number);
      const amount = Number(line.amount_minor);
      if (line.kind === InvoiceLineKind.SeasonRent) lot.rent_minor += amount;
      else if (line.kind === InvoiceLineKind.SeasonExtension) lot.extension_minor += amount;
      else lot.booking_credit_minor += amount;
    }
    for (const payment of payments) {
      for (const r of payment.bagsReleased) lotOf(r.lot_id, r.lot_number).bags_released += r.bags;
    }
    for (const lot of lots.values()) {
      lot.charged_minor = lot.rent_minor + lot.extension_minor + lot.booking_credit_minor;
      lot.rent = money(lot.rent_minor);
      lot.extension = money(lot.extension_minor);
      lot.booking_credit = money(lot.booking_credit_minor);
      lot.charged = money(lot.charged_minor);
    }
    const sums = totals(
      lines.map((l) => ({
        amountMinor: Number(l.amount_minor),
        taxRatePercent: l.tax_rate_percent,
      })),
    );
    const paid = payments.reduce((sum, p) => sum + p.amountMinor, 0);
    return {
      season_id: season.id,
      season_name: season.name,
      client_id: clientId,
      currency: season.currency,
      lots: [...lots.values()].sort((a, b) => a.lot_number.localeCompare(b.lot_number)),
      booking_fees_minor: Number(fees.fee),
      subtotal_minor: sums.subtotalMinor,
      tax_minor: sums.taxMinor,
      total_minor: sums.totalMinor,
      paid_minor: paid,
      balance_minor: sums.totalMinor - paid,
      total: money(sums.totalMinor),
      paid: money(paid),
      balance: money(sums.totalMinor - paid),
      payments: payments.map((p) => ({
        receipt_number: p.receiptNumber,
        paid_at: p.paidAt.toISOString(),
        amount_minor: p.amountMinor,
        amount: money(p.amountMinor),
        reference: p.reference,
      })),
    };
  }
}
