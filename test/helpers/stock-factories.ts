import type { DataSource } from 'typeorm';
import { Client } from 'src/clients/client.entity';
import { LotStatus } from 'src/inventory/lot-status.enum';
import { Lot } from 'src/inventory/lot.entity';
import { type AdjustmentReason, MovementType } from 'src/inventory/movement-type.enum';
import { StockMovement } from 'src/inventory/stock-movement.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import { makeUser, type MadeUser } from './factories';

let sequence = 0;
const next = (): number => (sequence += 1);

/** A CLIENT user and its client profile. */
export async function makeClient(
  dataSource: DataSource,
  companyName?: string,
): Promise<MadeUser & { client: Client }> {
  const made = await makeUser(dataSource, { role: RoleName.Client, companyName });
  const client = await dataSource.getRepository(Client).findOneByOrFail({ userId: made.user.id });
  return { ...made, client };
}

export interface MakeLotOptions {
  warehouseId: string;
  clientId: string;
  commodityId: string;
  chamberId: string;
  quantity: number;
  weightKg: string;
  receivedAt?: Date;
  lotNumber?: string;
  expiryDate?: string | null;
  position?: string | null;
}

/**
 * A lot as the database allows it to be made: inserted empty, then filled by its INWARD
 * movement (the trigger moves the lot's figures), dated at receipt.
 */
export async function makeLot(dataSource: DataSource, options: MakeLotOptions): Promise<Lot> {
  const receivedAt = options.receivedAt ?? new Date();
  const lot = await dataSource.getRepository(Lot).save({
    warehouseId: options.warehouseId,
    clientId: options.clientId,
    commodityId: options.commodityId,
    chamberId: options.chamberId,
    lotNumber:
      options.lotNumber ?? `TEST-${receivedAt.getUTCFullYear()}-${String(next()).padStart(6, '0')}`,
    position: options.position ?? null,
    receivedAt,
    expiryDate: options.expiryDate ?? null,
    lastMovementAt: receivedAt,
    status: LotStatus.InStock,
  });
  await moveStock(dataSource, lot, {
    type: MovementType.Inward,
    quantityDelta: options.quantity,
    weightDeltaKg: options.weightKg,
    occurredAt: receivedAt,
  });
  return dataSource.getRepository(Lot).findOneByOrFail({ id: lot.id });
}

export interface MoveStockOptions {
  type: MovementType;
  /** Negative for OUTWARD, 0 for TRANSFER. */
  quantityDelta?: number;
  weightDeltaKg?: string;
  occurredAt?: Date;
  fromChamberId?: string | null;
  toChamberId?: string | null;
  reasonCode?: AdjustmentReason | null;
  reference?: string | null;
  vehicleNumber?: string | null;
  notes?: string | null;
}

/** Appends a movement to a lot's ledger; the database triggers update the lot. */
export async function moveStock(
  dataSource: DataSource,
  lot: Pick<Lot, 'id' | 'warehouseId' | 'clientId'>,
  options: MoveStockOptions,
): Promise<StockMovement> {
  return dataSource.getRepository(StockMovement).save({
    lotId: lot.id,
    warehouseId: lot.warehouseId,
    clientId: lot.clientId,
    type: options.type,
    quantityDelta: options.quantityDelta ?? 0,
    weightDeltaKg: options.weightDeltaKg ?? '0',
    occurredAt: options.occurredAt ?? new Date(),
    fromChamberId: options.fromChamberId ?? null,
    toChamberId: options.toChamberId ?? null,
    reasonCode: options.reasonCode ?? null,
    gatePass: {
      reference: options.reference ?? null,
      vehicleNumber: options.vehicleNumber ?? null,
      notes: options.notes ?? null,
    },
  });
}

/** Moves a whole lot into another chamber of its warehouse, as a TRANSFER records it. */
export function transferLot(
  dataSource: DataSource,
  lot: Pick<Lot, 'id' | 'warehouseId' | 'clientId'>,
  fromChamberId: string,
  toChamberId: string,
  occurredAt?: Date,
): Promise<StockMovement> {
  return moveStock(dataSource, lot, {
    type: MovementType.Transfer,
    fromChamberId,
    toChamberId,
    occurredAt,
  });
}

/**
 * Many lots at once, in two queries whatever the count (for paging and query-count tests):
 * numbered `<prefix>-000001`…, received a minute apart going back from now, each with one
 * INWARD movement of `quantity` units and `weightKg` kg.
 */
export async function makeManyLots(
  dataSource: DataSource,
  count: number,
  options: Omit<MakeLotOptions, 'receivedAt' | 'lotNumber'> & { prefix: string },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO lots (warehouse_id, client_id, commodity_id, chamber_id, lot_number,
                       received_at, last_movement_at, expiry_date)
     SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text || '-' || lpad(n::text, 6, '0'),
            now() - n * interval '1 minute', now() - n * interval '1 minute',
            (now() + n * interval '1 day')::date
       FROM generate_series(1, $6::int) AS n`,
    [
      options.warehouseId,
      options.clientId,
      options.commodityId,
      options.chamberId,
      options.prefix,
      count,
    ],
  );
  await dataSource.query(
    `INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                  weight_delta_kg, occurred_at)
     SELECT l.id, l.warehouse_id, l.client_id, 'INWARD', $3::int, $4::numeric, l.received_at
       FROM lots l
      WHERE l.warehouse_id = $1 AND left(l.lot_number, length($2::text) + 1) = $2::text || '-'`,
    [options.warehouseId, options.prefix, options.quantity, options.weightKg],
  );
}
