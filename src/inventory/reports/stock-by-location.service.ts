import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toCsv, type CsvColumn } from 'src/common/csv';
import { fromScaled, toScaled } from 'src/common/decimal';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { SqlConditions } from 'src/common/sql-conditions';
import type { DataScope } from 'src/rbac/data-scope';
import type {
  StockByLocationOutDto,
  StockByLocationQueryDto,
  StockByLocationRowDto,
} from './dto/stock-by-location.dto';
import { requestedClient } from './client-statement.service';
import { InventoryReportsService } from './inventory-reports.service';

const CSV_COLUMNS: readonly CsvColumn<StockByLocationRowDto>[] = [
  { header: 'warehouse_code', value: (r) => r.warehouse_code },
  { header: 'chamber_code', value: (r) => r.chamber_code },
  { header: 'location_code', value: (r) => r.location_code },
  { header: 'position', value: (r) => r.position },
  { header: 'lot_number', value: (r) => r.lot_number },
  { header: 'commodity_code', value: (r) => r.commodity_code },
  { header: 'unit', value: (r) => r.unit },
  { header: 'quantity', value: (r) => r.quantity, numeric: true },
  { header: 'weight_kg', value: (r) => r.weight_kg, numeric: true },
];

export function stockByLocationCsv(report: StockByLocationOutDto): string {
  return toCsv(CSV_COLUMNS, report.rows);
}

/** A client's stock by storage location (see docs/locations.md). */
@Injectable()
export class StockByLocationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: InventoryReportsService,
  ) {}

  /**
   * A client's stock on hand by warehouse, chamber and location: one row per lot and location,
   * and one for the part of a lot in no location. Warehouse staff see their warehouse only.
   */
  async stockByLocation(
    scope: DataScope,
    query: StockByLocationQueryDto,
  ): Promise<StockByLocationOutDto> {
    const clientId = requestedClient(scope, query.client_id);
    const companyName = await this.reports.assertClientVisible(scope, clientId);
    const where = new SqlConditions();
    where.add(`l.client_id = ${where.param(clientId)}`);
    where.add('l.quantity > 0');
    if (scope.kind === 'warehouse') where.add(`l.warehouse_id = ${where.param(scope.warehouseId)}`);
    const rows = await this.dataSource.query<StockByLocationRowDto[]>(
      `SELECT l.warehouse_id, w.code AS warehouse_code, l.chamber_id, ch.code AS chamber_code,
              x.location_id, x.location_code, l.position, l.id AS lot_id, l.lot_number,
              c.code AS commodity_code, c.unit, x.quantity, x.weight_kg::text AS weight_kg
         FROM lots l
         JOIN warehouses w ON w.id = l.warehouse_id
         JOIN chambers ch ON ch.id = l.chamber_id
         JOIN commodities c ON c.id = l.commodity_id
         CROSS JOIN LATERAL (
           SELECT p.location_id, s.code AS location_code, p.quantity, p.weight_kg
             FROM lot_placements p JOIN storage_locations s ON s.id = p.location_id
            WHERE p.lot_id = l.id
           UNION ALL
           SELECT NULL, NULL, l.quantity - COALESCE(sum(p.quantity), 0)::int,
                  GREATEST(l.weight_kg - COALESCE(sum(p.weight_kg), 0), 0)
             FROM lot_placements p WHERE p.lot_id = l.id
           HAVING l.quantity - COALESCE(sum(p.quantity), 0) > 0
         ) x
        ${where.sql()}
        ORDER BY w.code, ch.code, x.location_code NULLS LAST, l.lot_number`,
      where.params,
    );
    let units = 0;
    let grams = 0n;
    for (const row of rows) {
      row.weight_kg = normalizeDecimal(row.weight_kg);
      units += row.quantity;
      grams += toScaled(row.weight_kg, 3);
    }
    return {
      client_id: clientId,
      company_name: companyName,
      generated_at: new Date().toISOString(),
      rows,
      total_quantity: units,
      total_weight_kg: fromScaled(grams, 3),
    };
  }
}
