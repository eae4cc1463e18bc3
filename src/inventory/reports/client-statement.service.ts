import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { addDays } from 'src/common/calendar';
import { toCsv, type CsvColumn } from 'src/common/csv';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { SqlConditions } from 'src/common/sql-conditions';
import type { DataScope } from 'src/rbac/data-scope';
import { commodityAndChamberJson, type LotRow } from 'src/inventory/lot-row';
import type {
  StatementLotDto,
  StatementOutDto,
  StatementQueryDto,
} from 'src/inventory/reports/dto/report.dto';
import { InventoryReportsService } from './inventory-reports.service';

interface StatementRow extends Pick<
  LotRow,
  | 'lot_number'
  | 'warehouse_id'
  | 'commodity_id'
  | 'commodity_code'
  | 'commodity_name'
  | 'unit'
  | 'chamber_id'
  | 'chamber_code'
  | 'received_at'
> {
  lot_id: string;
  warehouse_code: string;
  /** Summed as bigint: text. */
  quantity: string;
  weight_kg: string;
  total_lots: number;
  total_quantity: string;
  total_weight_kg: string;
}

/** The client a client-level report is about: a client's own, else client_id (required, 422). */
export function requestedClient(scope: DataScope, requested: string | undefined): string {
  if (scope.kind === 'client') {
    const clientId = requested ?? scope.clientId;
    if (!clientId) throw new NotFoundError('Client');
    return clientId;
  }
  if (!requested) {
    throw invalid('client_id', 'client_id is required');
  }
  return requested;
}

/**
 * A client's stock as it stood at the end of a day — the day of each lot's warehouse, in its
 * time zone — rebuilt from the movements up to then, so later dispatches, adjustments and
 * transfers do not show.
 */
@Injectable()
export class ClientStatementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: InventoryReportsService,
  ) {}

  async statement(scope: DataScope, query: StatementQueryDto): Promise<StatementOutDto> {
    const clientId = requestedClient(scope, query.client_id);
    const companyName = await this.reports.assertClientVisible(scope, clientId);
    const asOf = query.as_of ?? new Date().toISOString().slice(0, 10);
    const nextDay = addDays(asOf, 1);
    const warehouseId = scope.kind === 'warehouse' ? scope.warehouseId : null;

    const where = new SqlConditions();
    const clientParam = where.param(clientId);
    where.add(`m.client_id = ${clientParam}`);
    const nextDayParam = where.param(nextDay);
    // Midnight after the day, in a warehouse's zone.
    const endIn = (zone: string) => `(${nextDayParam}::date::timestamp AT TIME ZONE ${zone})`;
    where.add(`m.occurred_at < ${endIn('mw.timezone')}`);
    if (warehouseId) where.add(`m.warehouse_id = ${where.param(warehouseId)}`);
    // The chamber then: the last one moved into before the end of the day, else the one the
    // first later transfer left, else where the lot is now.
    const rows = await this.dataSource.query<StatementRow[]>(
      `SELECT l.id AS lot_id, l.lot_number, l.warehouse_id, w.code AS warehouse_code,
              l.commodity_id, c.code AS commodity_code, c.name AS commodity_name, c.unit,
              ch.id AS chamber_id, ch.code AS chamber_code, l.received_at,
              s.quantity, s.weight_kg::text AS weight_kg,
              count(*) OVER ()::int AS total_lots,
              sum(s.quantity) OVER () AS total_quantity,
              (sum(s.weight_kg) OVER ())::text AS total_weight_kg
         FROM (SELECT m.lot_id, sum(m.quantity_delta)::bigint AS quantity,
                      sum(m.weight_delta_kg) AS weight_kg
                 FROM stock_movements m
                 JOIN warehouses mw ON mw.id = m.warehouse_id ${where.sql()}
                GROUP BY m.lot_id
               HAVING sum(m.quantity_delta) > 0) s
         -- The client's own lots (its index), not a hash of every lot.
         JOIN lots l ON l.id = s.lot_id AND l.client_id = ${clientParam}
         JOIN warehouses w ON w.id = l.warehouse_id
         JOIN commodities c ON c.id = l.commodity_id
         LEFT JOIN LATERAL (SELECT t.to_chamber_id FROM stock_movements t
                             WHERE t.lot_id = l.id AND t.to_chamber_id IS NOT NULL
                               AND t.occurred_at < ${endIn('w.timezone')}
                             ORDER BY t.occurred_at DESC, t.created_at DESC, t.id DESC
                             LIMIT 1) moved_in ON true
         LEFT JOIN LATERAL (SELECT t.from_chamber_id FROM stock_movements t
                             WHERE t.lot_id = l.id AND t.from_chamber_id IS NOT NULL
                               AND t.occurred_at >= ${endIn('w.timezone')}
                             ORDER BY t.occurred_at, t.created_at, t.id
                             LIMIT 1) moved_out ON true
         JOIN chambers ch
           ON ch.id = coalesce(moved_in.to_chamber_id, moved_out.from_chamber_id, l.chamber_id)
        ORDER BY w.code, l.lot_number, l.id`,
      where.params,
    );
    const first = rows.at(0);
    return {
      client_id: clientId,
      company_name: companyName,
      as_of: asOf,
      warehouse_id: warehouseId,
      generated_at: new Date().toISOString(),
      lots: rows.map(toStatementLot),
      totals: first
        ? {
            lots: first.total_lots,
            quantity: Number(first.total_quantity),
            weight_kg: normalizeDecimal(first.total_weight_kg),
          }
        : { lots: 0, quantity: 0, weight_kg: '0' },
    };
  }

  /** A client asks about itself; staff must say which client. */
}

function toStatementLot(row: StatementRow): StatementLotDto {
  return {
    lot_id: row.lot_id,
    lot_number: row.lot_number,
    warehouse_id: row.warehouse_id,
    warehouse_code: row.warehouse_code,
    ...commodityAndChamberJson(row),
    received_at: row.received_at.toISOString(),
    quantity: Number(row.quantity),
    weight_kg: normalizeDecimal(row.weight_kg),
  };
}

const text = (key: keyof StatementLotDto): CsvColumn<StatementLotDto> => ({
  header: key,
  value: (lot) => lot[key],
});
const numeric = (key: 'quantity' | 'weight_kg'): CsvColumn<StatementLotDto> => ({
  header: key,
  value: (lot) => lot[key],
  numeric: true,
});

const CSV_COLUMNS: CsvColumn<StatementLotDto>[] = [
  text('lot_number'),
  text('warehouse_code'),
  text('commodity_code'),
  text('commodity_name'),
  text('unit'),
  text('chamber_code'),
  text('received_at'),
  numeric('quantity'),
  numeric('weight_kg'),
];

/** The statement's lots as CSV: a header row, one row per lot. */
export function statementCsv(statement: StatementOutDto): string {
  return toCsv(CSV_COLUMNS, statement.lots);
}

export function statementFilename(statement: StatementOutDto): string {
  return `statement-${statement.client_id}-${statement.as_of}.csv`;
}
