// The demo dataset's reference data and lots as pure data: the same scale, seed and as-of date
// always give the same plan. Each lot's movements come from history.ts.
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import {
  CHAMBER_CLASSES,
  CLIENT_KINDS,
  COMMODITIES,
  COMPANY_PREFIXES,
  FIRST_NAMES,
  LAST_NAMES,
  WAREHOUSES,
  type CatalogCommodity,
  type CatalogWarehouse,
  type ChamberClassKey,
  type ClientKind,
} from './catalog';
import {
  BUSINESS_MINUTES,
  DAY_MS,
  Rng,
  businessTime,
  dayNumber,
  formatTemp,
  isoDate,
  mixSeed,
  pad,
} from './primitives';

export const DEMO_SCALES = ['small', 'medium', 'large'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export const DEMO_EMAIL_DOMAIN = 'demo.coldstore';
export const DEMO_ADMIN_EMAIL = `admin@${DEMO_EMAIL_DOMAIN}`;

interface ScaleSpec {
  warehouses: number;
  /** Multiplies the chambers of each class and their capacity. */
  chamberFactor: number;
  clients: number;
  lots: number;
}

const SCALE_SPECS: Record<DemoScale, ScaleSpec> = {
  small: { warehouses: 2, chamberFactor: 1, clients: 8, lots: 200 },
  medium: { warehouses: 5, chamberFactor: 2, clients: 60, lots: 10_000 },
  large: { warehouses: 12, chamberFactor: 3, clients: 400, lots: 110_000 },
};

export interface DemoChamber {
  index: number;
  warehouseIndex: number;
  classKey: ChamberClassKey;
  code: string;
  name: string;
  minTempC: string;
  maxTempC: string;
  capacityUnits: number;
}

export interface DemoWarehouse extends CatalogWarehouse {
  index: number;
  capacity: number;
  chambers: DemoChamber[];
}

export interface DemoCommodity {
  index: number;
  spec: CatalogCommodity;
  minTempC: string;
  maxTempC: string;
  chamberClass: ChamberClassKey;
}

export interface DemoPerson {
  email: string;
  fullName: string;
  phone: string;
}

export interface DemoClient extends DemoPerson {
  index: number;
  kind: ClientKind;
  companyName: string;
  billingAddress: string;
  warehouseIndexes: number[];
  commodityIndexes: number[];
}

export interface DemoOperator extends DemoPerson {
  warehouseIndex: number;
  shiftStart: string;
  shiftEnd: string;
}

export interface DemoLot {
  /** Generation order: names the lot's own random stream, whatever order lots are loaded in. */
  index: number;
  lotNumber: string;
  warehouseIndex: number;
  clientIndex: number;
  commodityIndex: number;
  chamberIndex: number;
  position: string;
  receivedAt: Date;
  expiryDate: string;
  quantity: number;
  grams: number;
}

export interface DemoPlan {
  scale: DemoScale;
  seed: number;
  /** Midnight UTC ending the generated year: nothing happens at or after it. */
  asOf: Date;
  warehouses: DemoWarehouse[];
  chambers: DemoChamber[];
  commodities: DemoCommodity[];
  clients: DemoClient[];
  operators: DemoOperator[];
  /** In the order they were received. */
  lots: DemoLot[];
  lotCounters: { warehouseIndex: number; year: number; lastValue: number }[];
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function formatLotNumber(warehouseCode: string, year: number, value: number): string {
  return `${warehouseCode}-${year}-${pad(value, 6)}`;
}

function person(rng: Rng): { fullName: string; phone: string } {
  return {
    fullName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    phone: `+91 9${pad(rng.int(0, 99_999_999), 8)}`,
  };
}

/** The first chamber class whose range lies inside the commodity's. */
function chamberClassFor(commodity: CatalogCommodity): ChamberClassKey {
  const fit = CHAMBER_CLASSES.find(
    (c) => c.minTempC >= commodity.minTempC && c.maxTempC <= commodity.maxTempC,
  );
  if (!fit) throw new Error(`No chamber class can hold ${commodity.code}`);
  return fit.key;
}

function planWarehouses(spec: ScaleSpec): { warehouses: DemoWarehouse[]; chambers: DemoChamber[] } {
  const chambers: DemoChamber[] = [];
  const warehouses = WAREHOUSES.slice(0, spec.warehouses).map((site, index) => {
    const own: DemoChamber[] = [];
    for (const cls of CHAMBER_CLASSES) {
      for (let n = 1; n <= cls.perWarehouse * spec.chamberFactor; n += 1) {
        own.push({
          index: chambers.length + own.length,
          warehouseIndex: index,
          classKey: cls.key,
          code: `${cls.key}-${pad(n, 2)}`,
          name: `${cls.name} ${n}`,
          minTempC: formatTemp(cls.minTempC),
          maxTempC: formatTemp(cls.maxTempC),
          capacityUnits: cls.capacityUnits * spec.chamberFactor,
        });
      }
    }
    chambers.push(...own);
    const capacity = own.reduce((sum, c) => sum + c.capacityUnits, 0);
    return { ...site, index, capacity, chambers: own };
  });
  return { warehouses, chambers };
}

function planClients(rng: Rng, spec: ScaleSpec, commodities: DemoCommodity[]): DemoClient[] {
  const usedNames = new Set<string>();
  const usedSlugs = new Set<string>();
  const clients: DemoClient[] = [];
  for (let index = 0; index < spec.clients; index += 1) {
    // The first clients cover every kind, so even the small set shows pharma and frozen goods.
    const kindSpec = index < CLIENT_KINDS.length ? CLIENT_KINDS[index] : weightedKind(rng.next());
    const warehouseIndex = rng.int(0, spec.warehouses - 1);
    let companyName = `${rng.pick(COMPANY_PREFIXES)} ${rng.pick(kindSpec.suffixes)}`;
    if (usedNames.has(companyName))
      companyName = `${companyName} (${WAREHOUSES[warehouseIndex].city})`;
    usedNames.add(companyName);
    let handle = slug(companyName);
    for (let n = 2; usedSlugs.has(handle); n += 1) handle = `${slug(companyName)}-${n}`;
    usedSlugs.add(handle);
    const warehouseIndexes = [warehouseIndex];
    if (spec.warehouses > 1 && rng.chance(0.3)) {
      warehouseIndexes.push((warehouseIndex + rng.int(1, spec.warehouses - 1)) % spec.warehouses);
    }
    const fitting = commodities.filter((c) => c.spec.kinds.includes(kindSpec.kind));
    const commodityIndexes = [...new Set([1, 2, 3].map(() => rng.pick(fitting).index))].slice(
      0,
      rng.int(1, 3),
    );
    const contact = person(rng);
    clients.push({
      index,
      kind: kindSpec.kind,
      companyName,
      billingAddress: `${rng.int(1, 400)}, Market Yard Road, ${WAREHOUSES[warehouseIndex].city}`,
      warehouseIndexes,
      commodityIndexes,
      email: `${handle}@${DEMO_EMAIL_DOMAIN}`,
      ...contact,
    });
  }
  return clients;
}

function weightedKind(draw: number): (typeof CLIENT_KINDS)[number] {
  let acc = 0;
  for (const kind of CLIENT_KINDS) {
    acc += kind.share;
    if (draw < acc) return kind;
  }
  return CLIENT_KINDS[CLIENT_KINDS.length - 1];
}

/** Index of the first entry above `value` in an ascending list (binary search). */
function firstAbove(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (ascending[mid] > value) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** A day of the year before asOf, favouring the commodity's season. */
function seasonalDay(rng: Rng, firstDay: number, commodity: CatalogCommodity): number {
  for (;;) {
    const day = firstDay + rng.int(0, 364);
    const month = new Date(day * DAY_MS).getUTCMonth() + 1;
    if (commodity.seasonMonths.includes(month) || rng.chance(0.3)) return day;
  }
}

export function planDemoData(scale: DemoScale, seed: number, asOf: Date): DemoPlan {
  const spec = SCALE_SPECS[scale];
  const rng = new Rng(mixSeed(seed, 1));
  const { warehouses, chambers } = planWarehouses(spec);
  const commodities = COMMODITIES.map((c, index) => ({
    index,
    spec: c,
    minTempC: formatTemp(c.minTempC),
    maxTempC: formatTemp(c.maxTempC),
    chamberClass: chamberClassFor(c),
  }));
  const clients = planClients(rng, spec, commodities);
  const operators = warehouses.map((w) => ({
    warehouseIndex: w.index,
    email: `operator.${w.code.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`,
    shiftStart: '08:00:00',
    shiftEnd: '16:00:00',
    ...person(rng),
  }));

  // Some clients store far more than others.
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < clients.length; i += 1) {
    total += 0.2 + rng.next() * rng.next() * 3;
    cumulative.push(total);
  }
  const firstDay = dayNumber(asOf) - 365;
  const lots: DemoLot[] = [];
  for (let index = 0; index < spec.lots; index += 1) {
    const draw = rng.next() * total;
    const client = clients[firstAbove(cumulative, draw)];
    const warehouseIndex = rng.pick(client.warehouseIndexes);
    const commodity = commodities[rng.pick(client.commodityIndexes)];
    const chamber = rng.pick(
      warehouses[warehouseIndex].chambers.filter((c) => c.classKey === commodity.chamberClass),
    );
    const receivedAt = businessTime(
      seasonalDay(rng, firstDay, commodity.spec),
      rng.int(0, BUSINESS_MINUTES - 60),
    );
    const quantity = rng.int(...commodity.spec.lotUnits);
    // A lot's units weigh within 3% of the typical unit; a KG lot weighs exactly its count.
    const unitGrams =
      commodity.spec.unit === CommodityUnit.Kg
        ? 1_000
        : Math.round((commodity.spec.unitGrams * rng.int(970, 1030)) / 1000);
    lots.push({
      index,
      lotNumber: '',
      warehouseIndex,
      clientIndex: client.index,
      commodityIndex: commodity.index,
      chamberIndex: chamber.index,
      position: `R${pad(rng.int(1, 40), 2)}-L${rng.int(1, 5)}-S${pad(rng.int(1, 20), 2)}`,
      receivedAt,
      expiryDate: isoDate(new Date(receivedAt.getTime() + commodity.spec.shelfLifeDays * DAY_MS)),
      quantity,
      grams: quantity * unitGrams,
    });
  }
  lots.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.index - b.index);

  // Gapless numbers per warehouse and year, in the order the goods arrived.
  const counters = new Map<string, { warehouseIndex: number; year: number; lastValue: number }>();
  for (const lot of lots) {
    const year = lot.receivedAt.getUTCFullYear();
    const key = `${lot.warehouseIndex}:${year}`;
    const counter = counters.get(key) ?? { warehouseIndex: lot.warehouseIndex, year, lastValue: 0 };
    counter.lastValue += 1;
    counters.set(key, counter);
    lot.lotNumber = formatLotNumber(warehouses[lot.warehouseIndex].code, year, counter.lastValue);
  }
  return {
    scale,
    seed,
    asOf,
    warehouses,
    chambers,
    commodities,
    clients,
    operators,
    lots,
    lotCounters: [...counters.values()],
  };
}
