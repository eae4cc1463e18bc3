import request from 'supertest';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import type { Commodity } from 'src/inventory/catalogue/commodity.entity';
import type { Lot } from 'src/inventory/lot.entity';
import { InventoryReadModule } from 'src/inventory/reports/inventory-read.module';
import { MovementType } from 'src/inventory/movement-type.enum';
import { RoleName } from 'src/rbac/role-name.enum';
import type { Chamber } from 'src/warehouses/chamber.entity';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { login, makeUser, makeWarehouse, seedRoles } from './factories';
import { makeChamber, makeCommodity } from './inventory-factories';
import { makeClient, makeLot, moveStock } from './stock-factories';
import { createTestApp, type TestApp } from './test-app';

const DAY = 86_400_000;
export const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY);
export const dayIn = (days: number): string =>
  new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
export const MISSING = '6f1c4a4e-1b7e-4b8e-9d6a-0a0a0a0a0a0a';

export interface LotBody {
  id: string;
  lot_number: string;
  quantity: number;
}
export const numbers = (body: LotBody[]): string[] => body.map((lot) => lot.lot_number);

/** GET requests as the holder of `token`. */
export const readAs = (t: TestApp, token: string) => ({
  get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
});

/**
 * The stock the inventory read specs look at. Warehouse A: L1..L4 in stock (L2 on hold, L4 part
 * dispatched), L8 dispatched empty; warehouse B: L5 (client X); warehouse C: empty, for the
 * statement's own lots. Clients X and Y store in A, X also in B; Z has a login and no stock yet.
 */
export interface ReadingStock {
  adminToken: string;
  opAToken: string;
  opBToken: string;
  clientXToken: string;
  clientZToken: string;
  whA: Warehouse;
  whB: Warehouse;
  whC: Warehouse;
  a1: Chamber;
  a2: Chamber;
  c1: Chamber;
  c2: Chamber;
  pot: Commodity;
  apl: Commodity;
  oni: Commodity;
  clientX: string;
  clientY: string;
  clientZ: string;
  l1: Lot;
  l2: Lot;
  l3: Lot;
  l4: Lot;
  l5: Lot;
  l8: Lot;
  l4OutwardAt: Date;
}

export async function seedReadingStock(t: TestApp): Promise<ReadingStock> {
  const ds = t.dataSource;
  await seedRoles(ds);
  const admin = await makeUser(ds, { role: RoleName.Admin });
  const adminToken = await login(t.server, admin.email);
  const whA = await makeWarehouse(ds, { code: 'RDA' });
  const whB = await makeWarehouse(ds, { code: 'RDB' });
  const whC = await makeWarehouse(ds, { code: 'RDC' });
  const a1 = await makeChamber(ds, whA.id, { code: 'A1', capacityUnits: 80 });
  const a2 = await makeChamber(ds, whA.id, { code: 'A2', capacityUnits: null });
  const b1 = await makeChamber(ds, whB.id, { code: 'B1' });
  const c1 = await makeChamber(ds, whC.id, { code: 'C1' });
  const c2 = await makeChamber(ds, whC.id, { code: 'C2' });
  const pot = await makeCommodity(ds, { code: 'POT-R', name: 'Potato', unit: CommodityUnit.Bag });
  const apl = await makeCommodity(ds, { code: 'APL-R', name: 'Apple', unit: CommodityUnit.Crate });
  const oni = await makeCommodity(ds, {
    code: 'ONI-R',
    name: 'Onions, "Red"',
    unit: CommodityUnit.Bag,
  });
  const x = await makeClient(ds, 'Alpha Foods');
  const y = await makeClient(ds, 'Beta Farms');
  const z = await makeClient(ds, 'Zeta Pharma');
  const clientX = x.client.id;
  const clientY = y.client.id;
  const clientZ = z.client.id;
  const clientXToken = await login(t.server, x.email);
  const clientZToken = await login(t.server, z.email);
  const opA = await makeUser(ds, { role: RoleName.Operator, warehouseId: whA.id });
  const opB = await makeUser(ds, { role: RoleName.Operator, warehouseId: whB.id });
  const opAToken = await login(t.server, opA.email);
  const opBToken = await login(t.server, opB.email);

  const inA = { warehouseId: whA.id, chamberId: a1.id };
  const l1 = await makeLot(ds, {
    ...inA,
    clientId: clientX,
    commodityId: pot.id,
    quantity: 40,
    weightKg: '2000.5',
    receivedAt: daysAgo(10),
    lotNumber: 'RDA-2026-000001',
    expiryDate: dayIn(100),
    position: 'R1-F1',
  });
  const l2 = await makeLot(ds, {
    ...inA,
    clientId: clientX,
    commodityId: apl.id,
    quantity: 10,
    weightKg: '150.25',
    receivedAt: daysAgo(45),
    lotNumber: 'RDA-2026-000002',
    expiryDate: dayIn(5),
  });
  await ds.query(`UPDATE lots SET status = 'ON_HOLD', hold_reason = 'QC check' WHERE id = $1`, [
    l2.id,
  ]);
  const l3 = await makeLot(ds, {
    ...inA,
    chamberId: a2.id,
    clientId: clientY,
    commodityId: pot.id,
    quantity: 25,
    weightKg: '1250',
    receivedAt: daysAgo(75),
    lotNumber: 'RDA-2026-000003',
  });
  const l4 = await makeLot(ds, {
    ...inA,
    clientId: clientY,
    commodityId: apl.id,
    quantity: 5,
    weightKg: '60',
    receivedAt: daysAgo(120),
    lotNumber: 'RDA-2025-000004',
  });
  const l4OutwardAt = daysAgo(100);
  await moveStock(ds, l4, {
    type: MovementType.Outward,
    quantityDelta: -2,
    weightDeltaKg: '-24',
    occurredAt: l4OutwardAt,
  });
  const l8 = await makeLot(ds, {
    ...inA,
    chamberId: a2.id,
    clientId: clientY,
    commodityId: pot.id,
    quantity: 8,
    weightKg: '400',
    receivedAt: daysAgo(50),
    lotNumber: 'RDA-2026-000005',
  });
  await moveStock(ds, l8, {
    type: MovementType.Outward,
    quantityDelta: -8,
    weightDeltaKg: '-400',
    occurredAt: daysAgo(49),
  });
  const l5 = await makeLot(ds, {
    warehouseId: whB.id,
    chamberId: b1.id,
    clientId: clientX,
    commodityId: pot.id,
    quantity: 30,
    weightKg: '1500',
    receivedAt: daysAgo(20),
    lotNumber: 'RDB-2026-000001',
  });
  return {
    adminToken,
    opAToken,
    opBToken,
    clientXToken,
    clientZToken,
    whA,
    whB,
    whC,
    a1,
    a2,
    c1,
    c2,
    pot,
    apl,
    oni,
    clientX,
    clientY,
    clientZ,
    l1,
    l2,
    l3,
    l4,
    l5,
    l8,
    l4OutwardAt,
  };
}

/**
 * For a describe block reading this stock: boots the app on a database of its own before the
 * block's tests and closes it after. The objects returned are filled in by then.
 */
export function useReadingStock(): {
  t: TestApp;
  stock: ReadingStock;
  as: (token: string) => ReturnType<typeof readAs>;
} {
  const t = {} as TestApp;
  const stock = {} as ReadingStock;
  beforeAll(async () => {
    Object.assign(t, await createTestApp({ imports: [InventoryReadModule] }));
    Object.assign(stock, await seedReadingStock(t));
  });
  afterAll(() => t.close());
  return { t, stock, as: (token) => readAs(t, token) };
}
