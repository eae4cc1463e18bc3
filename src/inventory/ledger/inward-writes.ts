import type { EntityManager } from 'typeorm';
import type { AuditEntry, AuditService } from 'src/audit/audit.service';
import { withOpenHistoryCheck } from './stock-history';
import { normalizeDecimal } from 'src/common/entities/decimal.transformer';
import type { Chamber } from 'src/warehouses/chamber.entity';
import type { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import type { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { INWARD_TARGETS_SQL, receiptSql, type Receipt } from './inward.sql';
import type { LotRow } from 'src/inventory/lot-row';

export type { Receipt };

export type ReceivingChamber = Pick<
  Chamber,
  'id' | 'code' | 'warehouseId' | 'active' | 'minTempC' | 'maxTempC'
> & { warehouseCode: string };

export type ReceivedCommodity = Pick<
  Commodity,
  'id' | 'code' | 'unit' | 'minTempC' | 'maxTempC' | 'shelfLifeDays' | 'onFoodTraceabilityList'
>;

export interface InwardTargets {
  /** Null when the chamber does not exist. */
  chamber: ReceivingChamber | null;
  commodity: ReceivedCommodity | null;
  clientExists: boolean;
}

interface TargetsRow {
  chamber_id: string | null;
  chamber_code: string;
  warehouse_id: string;
  warehouse_code: string;
  active: boolean;
  chamber_min: string;
  chamber_max: string;
  commodity_id: string | null;
  commodity_code: string;
  unit: CommodityUnit;
  commodity_min: string;
  commodity_max: string;
  shelf_life_days: number | null;
  on_food_traceability_list: boolean;
  client_exists: boolean;
}

/** What a receipt is checked against, in one query (one row, whatever exists). */
export async function findInwardTargets(
  manager: EntityManager,
  ids: { chamberId: string; commodityId: string; clientId: string },
): Promise<InwardTargets> {
  const [row] = await manager.query<TargetsRow[]>(INWARD_TARGETS_SQL, [
    ids.chamberId,
    ids.commodityId,
    ids.clientId,
  ]);
  return {
    chamber: row.chamber_id
      ? {
          id: row.chamber_id,
          code: row.chamber_code,
          warehouseId: row.warehouse_id,
          warehouseCode: row.warehouse_code,
          active: row.active,
          minTempC: normalizeDecimal(row.chamber_min),
          maxTempC: normalizeDecimal(row.chamber_max),
        }
      : null,
    commodity: row.commodity_id
      ? {
          id: row.commodity_id,
          code: row.commodity_code,
          unit: row.unit,
          minTempC: normalizeDecimal(row.commodity_min),
          maxTempC: normalizeDecimal(row.commodity_max),
          shelfLifeDays: row.shelf_life_days,
          onFoodTraceabilityList: row.on_food_traceability_list,
        }
      : null,
    clientExists: row.client_exists,
  };
}

/** The new lot as inserted: empty, before its INWARD movement filled it. */
export type InsertedLotRow = Pick<
  LotRow,
  | 'id'
  | 'lot_number'
  | 'warehouse_id'
  | 'client_id'
  | 'commodity_id'
  | 'chamber_id'
  | 'position'
  | 'grade'
  | 'received_at'
  | 'expiry_date'
  | 'status'
  | 'hold_reason'
  | 'created_at'
  | 'updated_at'
> & { last_movement_at: Date };

/** The receipt's one query (see receiptSql), with the caller's audit event. */
export async function insertReceivedLot(
  manager: EntityManager,
  audit: AuditService,
  receipt: Receipt,
  event: AuditEntry,
): Promise<InsertedLotRow> {
  const { sql, params } = receiptSql(receipt, (bound, fields) =>
    audit.insertSql(bound, event, fields),
  );
  const [row] = await withOpenHistoryCheck(manager.query<InsertedLotRow[]>(sql, params));
  return row;
}
