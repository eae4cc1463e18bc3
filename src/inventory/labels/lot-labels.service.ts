import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { SqlConditions } from 'src/common/sql-conditions';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import { stockScope } from 'src/inventory/lot-access';
import type { Label } from './label';

interface LotLabelRow {
  id: string;
  lot_number: string;
  client_name: string;
  commodity_name: string;
  chamber_code: string;
  chamber_name: string;
  received_on: string;
}

/** A lot's label: its number, client, commodity, day of receipt (warehouse-local) and chamber. */
function lotLabel(row: LotLabelRow): Label {
  return {
    code: row.lot_number,
    facts: [
      { name: 'Client', value: row.client_name },
      { name: 'Commodity', value: row.commodity_name },
      { name: 'Received', value: row.received_on },
      { name: 'Chamber', value: `${row.chamber_code} ${row.chamber_name}` },
    ],
  };
}

@Injectable()
export class LotLabelsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The labels of these lots, in the order asked (an id given twice prints twice). Any lot
   * outside the caller's scope makes the whole sheet "not found", as a single label would.
   */
  async lotLabels(scope: DataScope, ids: string[]): Promise<Label[]> {
    const where = new SqlConditions();
    where.add(`l.id = ANY(${where.param(ids)}::uuid[])`);
    where.add(scopeCondition(scope, stockScope('l'), where.params));
    const rows = await this.dataSource.query<LotLabelRow[]>(
      `SELECT l.id, l.lot_number, cl.company_name AS client_name, c.name AS commodity_name,
              ch.code AS chamber_code, ch.name AS chamber_name,
              to_char(l.received_at AT TIME ZONE w.timezone, 'YYYY-MM-DD') AS received_on
         FROM lots l
         JOIN clients cl ON cl.id = l.client_id
         JOIN commodities c ON c.id = l.commodity_id
         JOIN chambers ch ON ch.id = l.chamber_id
         JOIN warehouses w ON w.id = l.warehouse_id
       ${where.sql()}`,
      where.params,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) throw new NotFoundError('Lot', `Lot ${id} not found.`);
      return lotLabel(row);
    });
  }

  /** One lot's label; outside the caller's scope the lot is "not found". */
  async lotLabel(scope: DataScope, id: string): Promise<Label> {
    const [label] = await this.lotLabels(scope, [id]);
    return label;
  }
}
