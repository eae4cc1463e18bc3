import type { EntityManager } from 'typeorm';
import type { InvoiceLineKind, SeasonExtensionBasis } from 'src/billing/billing.enums';
import type { SeasonalInput } from './seasonal-charges';

interface SeasonRow {
  id: string;
  warehouse_id: string;
  name: string;
  start_date: string;
  end_date: string;
  vacate_by: string;
  extension_rate: string;
  extension_basis: SeasonExtensionBasis;
  currency: string;
  next_start: string | null;
}

interface PriorRow {
  kind: InvoiceLineKind;
  season_id: string;
  lot_id: string | null;
  from_date: string | null;
  amount_minor: string;
}

/**
 * What the seasonal rules need besides the lots: the seasons of their warehouses (with the next
 * season's start), the client's booking fees per season, and the season lines of its approved
 * and paid invoices, so that nothing is charged or credited twice. Three queries.
 */
export async function loadSeasonalInput(
  manager: EntityManager,
  clientId: string,
  periodEnd: string,
  warehouseIds: string[],
): Promise<SeasonalInput> {
  if (warehouseIds.length === 0) return {};
  const seasons = await manager.query<SeasonRow[]>(
    `SELECT * FROM (
       SELECT s.id, s.warehouse_id, s.name, s.start_date::text, s.end_date::text,
              s.vacate_by::text, s.extension_rate::text, s.extension_basis::text AS extension_basis,
              s.currency,
              (lead(s.start_date) OVER (PARTITION BY s.warehouse_id ORDER BY s.start_date))::text
                AS next_start
         FROM seasons s
        WHERE s.warehouse_id = ANY($1::uuid[])) s
      WHERE s.start_date::date <= $2::date
      ORDER BY s.start_date, s.id`,
    [warehouseIds, periodEnd],
  );
  if (seasons.length === 0) return {};
  const ids = seasons.map((s) => s.id);
  const fees = await manager.query<{ season_id: string; fee_minor: string }[]>(
    `SELECT season_id, sum(fee_minor)::text AS fee_minor FROM season_bookings
      WHERE client_id = $1 AND season_id = ANY($2::uuid[]) GROUP BY season_id`,
    [clientId, ids],
  );
  const prior = await manager.query<PriorRow[]>(
    `SELECT l.kind::text AS kind, l.season_id, l.lot_id, l.from_date::text AS from_date,
            l.amount_minor::text AS amount_minor
       FROM invoice_lines l
       JOIN invoices i ON i.id = l.invoice_id
      WHERE i.client_id = $1 AND i.status IN ('APPROVED', 'PAID') AND l.season_id = ANY($2::uuid[])`,
    [clientId, ids],
  );
  return {
    seasons: seasons.map((s) => ({
      id: s.id,
      warehouseId: s.warehouse_id,
      name: s.name,
      startDate: s.start_date,
      endDate: s.end_date,
      vacateBy: s.vacate_by,
      extensionRate: s.extension_rate,
      extensionBasis: s.extension_basis,
      currency: s.currency,
      nextStart: s.next_start,
    })),
    bookingFees: fees.map((f) => ({ seasonId: f.season_id, feeMinor: Number(f.fee_minor) })),
    priorSeasonLines: prior.map((p) => ({
      kind: p.kind,
      seasonId: p.season_id,
      lotId: p.lot_id,
      fromDate: p.from_date,
      amountMinor: Number(p.amount_minor),
    })),
  };
}
