import type { EntityManager } from 'typeorm';
import { fromScaled, toScaled } from 'src/common/decimal';
import type { CardTerms, ChargeInput, LotDay, LotHistory } from './charges';
import { RateCard } from 'src/billing/rate-cards/rate-card.entity';
import type { TaxCategory } from 'src/inventory/catalogue/commodity-tax';
import { loadSeasonalInput } from './seasonal-inputs';

/**
 * Reads what the charge rules need for one client and period: its lots that were in storage,
 * their movements folded into local days of each lot's warehouse (opening balance before the
 * period, one row per day inside it), the cards that may apply, and what earlier approved
 * invoices already charged for storage, then the seasons (see loadSeasonalInput). Four queries,
 * and three more where seasons apply, whatever the number of lots.
 */

interface LotRow {
  id: string;
  lot_number: string;
  warehouse_id: string;
  commodity_id: string;
  grade: string | null;
  unit: string;
  received_on: string;
  tax_category: TaxCategory;
  tax_rate_percent: string | null;
}

interface DayRow {
  lot_id: string;
  day: string | null;
  qty_in: number;
  qty_out: number;
  kg_in: string;
  kg_out: string;
  inward_units: number;
  inward_kg: string;
  outward_units: number;
}

const KG = 3;

export function toCardTerms(card: RateCard): CardTerms {
  return {
    id: card.id,
    clientId: card.clientId,
    warehouseId: card.warehouseId,
    commodityId: card.commodityId,
    grade: card.grade,
    basis: card.basis,
    storageRate: card.storageRate,
    inwardHandlingRate: card.inwardHandlingRate,
    outwardHandlingRate: card.outwardHandlingRate,
    graceDays: card.graceDays,
    minBillableDays: card.minBillableDays,
    currency: card.currency,
    taxRatePercent: card.taxRatePercent,
    effectiveFrom: card.effectiveFrom,
    effectiveTo: card.effectiveTo,
  };
}

export async function loadChargeInput(
  manager: EntityManager,
  clientId: string,
  periodStart: string,
  periodEnd: string,
): Promise<ChargeInput> {
  const lots = await manager.query<LotRow[]>(
    `SELECT l.id, l.lot_number, l.warehouse_id, l.commodity_id, l.grade, c.unit::text AS unit,
            c.tax_category::text AS tax_category, trim_scale(c.tax_rate_percent)::text AS tax_rate_percent,
            (l.received_at AT TIME ZONE w.timezone)::date::text AS received_on
       FROM lots l
       JOIN warehouses w ON w.id = l.warehouse_id
       JOIN commodities c ON c.id = l.commodity_id
      WHERE l.client_id = $1
        AND (l.received_at AT TIME ZONE w.timezone)::date <= $3::date
        AND (l.quantity > 0 OR l.weight_kg > 0
             OR (l.last_movement_at AT TIME ZONE w.timezone)::date >= $2::date)`,
    [clientId, periodStart, periodEnd],
  );
  const cards = (
    await manager
      .getRepository(RateCard)
      .createQueryBuilder('r')
      .where('r.clientId IS NULL OR r.clientId = :clientId', { clientId })
      .getMany()
  ).map(toCardTerms);
  if (lots.length === 0) return { periodStart, periodEnd, lots: [], cards };

  const ids = lots.map((l) => l.id);
  const days = await manager.query<DayRow[]>(
    `SELECT m.lot_id,
            CASE WHEN m.d < $2::date THEN NULL ELSE m.d::text END AS day,
            sum(GREATEST(m.quantity_delta, 0))::int AS qty_in,
            sum(GREATEST(-m.quantity_delta, 0))::int AS qty_out,
            sum(GREATEST(m.weight_delta_kg, 0))::text AS kg_in,
            sum(GREATEST(-m.weight_delta_kg, 0))::text AS kg_out,
            sum(CASE WHEN m.type = 'INWARD' THEN m.quantity_delta ELSE 0 END)::int AS inward_units,
            sum(CASE WHEN m.type = 'INWARD' THEN m.weight_delta_kg ELSE 0 END)::text AS inward_kg,
            sum(CASE WHEN m.type = 'OUTWARD' THEN -m.quantity_delta ELSE 0 END)::int AS outward_units
       FROM (SELECT sm.*, (sm.occurred_at AT TIME ZONE w.timezone)::date AS d
               FROM stock_movements sm
               JOIN warehouses w ON w.id = sm.warehouse_id
              WHERE sm.lot_id = ANY($1::uuid[])) m
      WHERE m.d <= $3::date
      GROUP BY 1, 2`,
    [ids, periodStart, periodEnd],
  );
  const prior = await manager.query<{ lot_id: string; amount: string }[]>(
    `SELECT l.lot_id, sum(l.amount_minor)::text AS amount
       FROM invoice_lines l
       JOIN invoices i ON i.id = l.invoice_id
      WHERE i.client_id = $1 AND i.status IN ('APPROVED', 'PAID') AND i.period_end < $2::date
        AND l.kind IN ('STORAGE', 'MINIMUM_STAY') AND l.lot_id = ANY($3::uuid[])
      GROUP BY 1`,
    [clientId, periodStart, ids],
  );
  const priorByLot = new Map(prior.map((p) => [p.lot_id, Number(p.amount)]));

  const histories = new Map<string, LotHistory>(
    lots.map((l) => [
      l.id,
      {
        lotId: l.id,
        lotNumber: l.lot_number,
        warehouseId: l.warehouse_id,
        commodityId: l.commodity_id,
        grade: l.grade,
        unit: l.unit,
        receivedOn: l.received_on,
        openingQty: 0,
        openingKg: '0',
        inwardQty: 0,
        inwardKg: '0',
        days: [] as LotDay[],
        priorStorageMinor: priorByLot.get(l.id) ?? 0,
        taxCategory: l.tax_category,
        taxRatePercent: l.tax_rate_percent,
      },
    ]),
  );
  const addKg = (a: string, b: string) => fromScaled(toScaled(a, KG) + toScaled(b, KG), KG);
  for (const row of days) {
    const lot = histories.get(row.lot_id);
    if (!lot) continue;
    lot.inwardQty += row.inward_units;
    lot.inwardKg = addKg(lot.inwardKg, row.inward_kg);
    if (row.day === null) {
      lot.openingQty = row.qty_in - row.qty_out;
      lot.openingKg = fromScaled(toScaled(row.kg_in, KG) - toScaled(row.kg_out, KG), KG);
    } else {
      lot.days.push({
        day: row.day,
        qtyIn: row.qty_in,
        qtyOut: row.qty_out,
        kgIn: row.kg_in,
        kgOut: row.kg_out,
        inwardUnits: row.inward_units,
        outwardUnits: row.outward_units,
      });
    }
  }
  const warehouses = [...new Set(lots.map((l) => l.warehouse_id))];
  return {
    periodStart,
    periodEnd,
    lots: [...histories.values()],
    cards,
    ...(await loadSeasonalInput(manager, clientId, periodEnd, warehouses)),
  };
}
