import { normalizeDecimal } from '../common/entities/decimal.transformer';
import type { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import type { LotStatus } from './lot-status.enum';

// Relative imports and no framework: the benchmark baseline maps its rows with this too.

/** A lot joined with its commodity and chamber, as the listing query returns it. */
export interface LotRow {
  id: string;
  lot_number: string;
  warehouse_id: string;
  client_id: string;
  commodity_id: string;
  commodity_code: string;
  commodity_name: string;
  unit: CommodityUnit;
  chamber_id: string;
  chamber_code: string;
  position: string | null;
  grade: string | null;
  quantity: number;
  weight_kg: string;
  received_at: Date;
  expiry_date: string | null;
  status: LotStatus;
  hold_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

type CommodityAndChamber = Pick<
  LotRow,
  'commodity_id' | 'commodity_code' | 'commodity_name' | 'unit' | 'chamber_id' | 'chamber_code'
>;

/** A lot's commodity and chamber as every wire shape of a lot carries them. */
export function commodityAndChamberJson(row: CommodityAndChamber): CommodityAndChamber {
  return {
    commodity_id: row.commodity_id,
    commodity_code: row.commodity_code,
    commodity_name: row.commodity_name,
    unit: row.unit,
    chamber_id: row.chamber_id,
    chamber_code: row.chamber_code,
  };
}

/** The wire shape of a lot (LotOutDto). */
export function lotJson(row: LotRow) {
  return {
    id: row.id,
    lot_number: row.lot_number,
    warehouse_id: row.warehouse_id,
    client_id: row.client_id,
    ...commodityAndChamberJson(row),
    position: row.position,
    grade: row.grade,
    quantity: row.quantity,
    weight_kg: normalizeDecimal(row.weight_kg),
    received_at: row.received_at.toISOString(),
    expiry_date: row.expiry_date,
    status: row.status,
    hold_reason: row.hold_reason,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
