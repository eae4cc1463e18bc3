import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { SqlConditions } from 'src/common/sql-conditions';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import { stockScope } from 'src/inventory/lot-access';
import type { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import {
  AGING_BUCKETS,
  type AgingBucketName,
  type AgingOutDto,
  type AgingQueryDto,
  type ChamberOccupancyDto,
  type StockSummaryOutDto,
  type SummaryQueryDto,
} from 'src/inventory/reports/dto/report.dto';

/** Aggregates as PostgreSQL returns them: counts as int, sums as bigint / numeric text. */
interface FiguresRow {
  lots: number;
  quantity: string;
  weight_kg: string;
}

/** The figures every report row carries (a plain shape, spread into the report DTOs). */
interface StockFigures {
  lots: number;
  quantity: number;
  weight_kg: string;
}

function toFigures(row: FiguresRow | undefined): StockFigures {
  return row
    ? { lots: row.lots, quantity: Number(row.quantity), weight_kg: normalizeDecimal(row.weight_kg) }
    : { lots: 0, quantity: 0, weight_kg: '0' };
}

// Counted in SQL so an empty group is 0, never null.
const FIGURES_SQL = `count(*)::int AS lots, coalesce(sum(l.quantity), 0)::bigint AS quantity,
       coalesce(sum(l.weight_kg), 0)::text AS weight_kg`;

interface SummaryRow extends FiguresRow {
  client_id: string | null;
  company_name: string | null;
  commodity_id: string | null;
  commodity_code: string | null;
  commodity_name: string | null;
  unit: CommodityUnit | null;
  chamber_id: string | null;
  chamber_code: string | null;
  chamber_name: string | null;
  chamber_warehouse_id: string | null;
  warehouse_found: boolean;
}

interface OccupancyRow {
  chamber_id: string;
  chamber_code: string;
  chamber_name: string;
  warehouse_id: string;
  active: boolean;
  capacity_units: number | null;
  occupied_units: string;
  percent: string | null;
}

const BUCKET_DAYS: Record<AgingBucketName, [number, number | null]> = {
  '0-30': [0, 30],
  '31-60': [31, 60],
  '61-90': [61, 90],
  '90+': [91, null],
};

/**
 * Stock reports over lots with stock (quantity > 0), within the caller's scope: totals by
 * client, commodity and chamber, chamber occupancy, and aging since receipt.
 */
@Injectable()
export class InventoryReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async summary(scope: DataScope, query: SummaryQueryDto): Promise<StockSummaryOutDto> {
    const warehouseId = query.warehouse_id ?? null;
    if (warehouseId && scope.kind === 'warehouse' && scope.warehouseId !== warehouseId) {
      throw new NotFoundError('Warehouse');
    }
    const where = new SqlConditions();
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    // An unrestricted caller may name any warehouse that exists: checked in the same query.
    let warehouseFound = 'true';
    if (warehouseId) {
      const param = where.param(warehouseId);
      where.add(`l.warehouse_id = ${param}`);
      if (scope.kind === 'all')
        warehouseFound = `EXISTS (SELECT 1 FROM warehouses WHERE id = ${param})`;
    }
    where.add('l.quantity > 0');
    // One pass over the lots: each grouping set yields one kind of row, the empty set the totals
    // (always there, even without lots).
    const rows = await this.dataSource.query<SummaryRow[]>(
      `SELECT g.client_id, cl.company_name,
              g.commodity_id, c.code AS commodity_code, c.name AS commodity_name, c.unit,
              g.chamber_id, ch.code AS chamber_code, ch.name AS chamber_name,
              ch.warehouse_id AS chamber_warehouse_id,
              g.lots, g.quantity, g.weight_kg, ${warehouseFound} AS warehouse_found
         FROM (SELECT l.client_id, l.commodity_id, l.chamber_id, ${FIGURES_SQL}
                 FROM lots l ${where.sql()}
                GROUP BY GROUPING SETS ((l.client_id), (l.commodity_id), (l.chamber_id), ())) g
         LEFT JOIN clients cl ON cl.id = g.client_id
         LEFT JOIN commodities c ON c.id = g.commodity_id
         LEFT JOIN chambers ch ON ch.id = g.chamber_id
        ORDER BY cl.company_name, c.code, ch.code, g.client_id, g.commodity_id, g.chamber_id`,
      where.params,
    );
    if (rows.some((row) => !row.warehouse_found)) throw new NotFoundError('Warehouse');
    const summary: StockSummaryOutDto = {
      warehouse_id: warehouseId,
      totals: toFigures(undefined),
      by_client: [],
      by_commodity: [],
      by_chamber: [],
      chamber_occupancy: await this.occupancy(scope, warehouseId),
    };
    for (const row of rows) {
      const figures = toFigures(row);
      if (row.client_id) {
        summary.by_client.push({
          client_id: row.client_id,
          company_name: row.company_name ?? '',
          ...figures,
        });
      } else if (row.commodity_id && row.commodity_code && row.commodity_name && row.unit) {
        summary.by_commodity.push({
          commodity_id: row.commodity_id,
          commodity_code: row.commodity_code,
          commodity_name: row.commodity_name,
          unit: row.unit,
          ...figures,
        });
      } else if (row.chamber_id && row.chamber_code && row.chamber_warehouse_id) {
        summary.by_chamber.push({
          chamber_id: row.chamber_id,
          chamber_code: row.chamber_code,
          chamber_name: row.chamber_name ?? '',
          warehouse_id: row.chamber_warehouse_id,
          ...figures,
        });
      } else {
        summary.totals = figures;
      }
    }
    return summary;
  }

  /** Every chamber in scope with the units in it; a client sees none (others' goods count). */
  private async occupancy(
    scope: DataScope,
    warehouseId: string | null,
  ): Promise<ChamberOccupancyDto[]> {
    if (scope.kind === 'client') return [];
    const where = new SqlConditions();
    where.add(scopeCondition(scope, { warehouse: 'ch.warehouse_id' }, where.params));
    // The units in each chamber from one grouped pass over the lots in scope with stock (a lot is
    // always in a chamber of its own warehouse). A sum per chamber read every lot that had ever
    // been in it through the chamber index, emptied ones too: 4 s of a million lots' summary.
    const lots = [scopeCondition(scope, stockScope('l'), where.params), 'l.quantity > 0'];
    if (warehouseId) {
      const param = where.param(warehouseId);
      where.add(`ch.warehouse_id = ${param}`);
      lots.push(`l.warehouse_id = ${param}`);
    }
    const rows = await this.dataSource.query<OccupancyRow[]>(
      `SELECT ch.id AS chamber_id, ch.code AS chamber_code, ch.name AS chamber_name,
              ch.warehouse_id, ch.active, ch.capacity_units,
              coalesce(o.units, 0)::bigint AS occupied_units,
              CASE WHEN ch.capacity_units > 0
                   THEN round(coalesce(o.units, 0) * 100.0 / ch.capacity_units, 2)::text END AS percent
         FROM chambers ch
         LEFT JOIN (SELECT l.chamber_id, sum(l.quantity) AS units FROM lots l
                     WHERE ${lots.join(' AND ')}
                     GROUP BY l.chamber_id) o ON o.chamber_id = ch.id
         ${where.sql()}
        ORDER BY ch.warehouse_id, ch.code`,
      where.params,
    );
    return rows.map((row) => ({
      chamber_id: row.chamber_id,
      chamber_code: row.chamber_code,
      chamber_name: row.chamber_name,
      warehouse_id: row.warehouse_id,
      active: row.active,
      capacity_units: row.capacity_units,
      occupied_units: Number(row.occupied_units),
      percent: row.percent === null ? null : normalizeDecimal(row.percent),
    }));
  }

  /** Lots with stock by whole days since receipt: 0-30, 31-60, 61-90 and over 90. */
  async aging(scope: DataScope, query: AgingQueryDto): Promise<AgingOutDto> {
    const warehouseId = query.warehouse_id ?? null;
    const clientId = query.client_id ?? null;
    if (warehouseId) await this.assertWarehouseVisible(scope, warehouseId);
    if (clientId) await this.assertClientVisible(scope, clientId);
    const where = new SqlConditions();
    const asOf = new Date();
    const at = where.param(asOf);
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    if (warehouseId) where.add(`l.warehouse_id = ${where.param(warehouseId)}`);
    if (clientId) where.add(`l.client_id = ${where.param(clientId)}`);
    where.add('l.quantity > 0');
    const rows = await this.dataSource.query<(FiguresRow & { bucket: AgingBucketName })[]>(
      `SELECT CASE WHEN ${at}::timestamptz - l.received_at < interval '31 days' THEN '0-30'
                   WHEN ${at}::timestamptz - l.received_at < interval '61 days' THEN '31-60'
                   WHEN ${at}::timestamptz - l.received_at < interval '91 days' THEN '61-90'
                   ELSE '90+' END AS bucket,
              ${FIGURES_SQL}
         FROM lots l ${where.sql()}
        GROUP BY 1`,
      where.params,
    );
    const byBucket = new Map(rows.map((row) => [row.bucket, row]));
    return {
      warehouse_id: warehouseId,
      client_id: clientId,
      as_of: asOf.toISOString(),
      buckets: AGING_BUCKETS.map((bucket) => ({
        bucket,
        min_days: BUCKET_DAYS[bucket][0],
        max_days: BUCKET_DAYS[bucket][1],
        ...toFigures(byBucket.get(bucket)),
      })),
    };
  }

  /** A warehouse the caller may report on: its own, or any existing one when unrestricted. */
  private async assertWarehouseVisible(scope: DataScope, warehouseId: string): Promise<void> {
    switch (scope.kind) {
      case 'warehouse':
        if (scope.warehouseId !== warehouseId) throw new NotFoundError('Warehouse');
        return;
      case 'all': {
        const rows = await this.dataSource.query<unknown[]>(
          'SELECT 1 FROM warehouses WHERE id = $1',
          [warehouseId],
        );
        if (rows.length === 0) throw new NotFoundError('Warehouse');
        return;
      }
      case 'client':
        // A client's figures are filtered to its own lots; the warehouse only narrows them.
        return;
    }
  }

  /**
   * A client the caller may report on: itself for a client, one with lots in the warehouse for
   * a warehouse scope, any existing one when unrestricted. Returns its company name.
   */
  async assertClientVisible(scope: DataScope, clientId: string): Promise<string> {
    const where = new SqlConditions();
    where.add(`cl.id = ${where.param(clientId)}`);
    where.add(
      scopeCondition(
        scope,
        {
          warehouse: (id) =>
            `EXISTS (SELECT 1 FROM lots l WHERE l.client_id = cl.id AND l.warehouse_id = ${id})`,
          client: 'cl.id',
        },
        where.params,
      ),
    );
    const rows = await this.dataSource.query<{ company_name: string }[]>(
      `SELECT cl.company_name FROM clients cl ${where.sql()}`,
      where.params,
    );
    const row = rows.at(0);
    if (!row) throw new NotFoundError('Client');
    return row.company_name;
  }
}
