import type { DataSource } from 'typeorm';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { Chamber } from 'src/warehouses/chamber.entity';

let sequence = 0;
const next = (): number => (sequence += 1);

/**
 * A chamber of the warehouse, written directly (no audit event). Defaults: code `CH-<n>`,
 * name `Chamber <n>`, -25..-15 °C, capacity 1000 units, active. The default range lies inside
 * makeCommodity's default -30..-10 °C, so the two suit each other unless overridden.
 */
export async function makeChamber(
  dataSource: DataSource,
  warehouseId: string,
  overrides: Partial<Chamber> = {},
): Promise<Chamber> {
  const n = next();
  const saved = await dataSource.getRepository(Chamber).save({
    warehouseId,
    code: `CH-${n}`,
    name: `Chamber ${n}`,
    minTempC: '-25',
    maxTempC: '-15',
    capacityUnits: 1000,
    active: true,
    ...overrides,
  });
  // Read back, so temperatures are in the API's form ("-18.5", not whatever was passed).
  return dataSource.getRepository(Chamber).findOneByOrFail({ id: saved.id });
}

/**
 * A catalogue commodity, written directly (no audit event). Defaults: code `COM-<n>`, name
 * `Commodity <n>`, category `Frozen`, unit BAG, -30..-10 °C, shelf life 365 days.
 */
export async function makeCommodity(
  dataSource: DataSource,
  overrides: Partial<Commodity> = {},
): Promise<Commodity> {
  const n = next();
  const saved = await dataSource.getRepository(Commodity).save({
    code: `COM-${n}`,
    name: `Commodity ${n}`,
    category: 'Frozen',
    unit: CommodityUnit.Bag,
    minTempC: '-30',
    maxTempC: '-10',
    shelfLifeDays: 365,
    ...overrides,
  });
  return dataSource.getRepository(Commodity).findOneByOrFail({ id: saved.id });
}
