// The reference lists the demo data is drawn from: fixed, realistic, plain data. The tables are
// kept one row per line (prettier-ignore) so they read as tables.
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';

export type ChamberClassKey = 'FRZ' | 'CHL' | 'PHR' | 'COOL' | 'RIP';

export interface ChamberClass {
  key: ChamberClassKey;
  name: string;
  minTempC: number;
  maxTempC: number;
  /** Capacity of one chamber, in units, at the smallest scale. */
  capacityUnits: number;
  /** Chambers of this class in a warehouse at the smallest scale. */
  perWarehouse: number;
}

// Checked in this order: a commodity goes to the first class whose range lies inside its own.
// prettier-ignore
export const CHAMBER_CLASSES: readonly ChamberClass[] = [
  { key: 'FRZ', name: 'Freezer', minTempC: -25, maxTempC: -18, capacityUnits: 20_000, perWarehouse: 2 },
  { key: 'CHL', name: 'Chiller', minTempC: 0, maxTempC: 4, capacityUnits: 25_000, perWarehouse: 2 },
  { key: 'COOL', name: 'Cool store', minTempC: 4, maxTempC: 10, capacityUnits: 40_000, perWarehouse: 2 },
  { key: 'PHR', name: 'Pharma cold room', minTempC: 2, maxTempC: 8, capacityUnits: 600, perWarehouse: 1 },
  { key: 'RIP', name: 'Ripening room', minTempC: 12, maxTempC: 14, capacityUnits: 4_000, perWarehouse: 1 },
];

export type ClientKind = 'FARMER' | 'TRADER' | 'FROZEN' | 'DAIRY' | 'PHARMA';

export interface CatalogCommodity {
  code: string;
  name: string;
  category: string;
  unit: CommodityUnit;
  minTempC: number;
  maxTempC: number;
  shelfLifeDays: number;
  /** Typical weight of one unit, in grams. */
  unitGrams: number;
  lotUnits: [min: number, max: number];
  /** Days a lot typically stays before its last dispatch. */
  storageDays: [min: number, max: number];
  /** Partial dispatches a lot is usually taken out in. */
  dispatches: [min: number, max: number];
  /** Months (1-12) when most of it arrives: harvests and seasons. */
  seasonMonths: readonly number[];
  kinds: readonly ClientKind[];
}

const ALL_YEAR = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

// prettier-ignore
export const COMMODITIES: readonly CatalogCommodity[] = [
  {
    code: 'POTATO-TABLE', name: 'Potatoes (table)', category: 'Vegetables',
    unit: CommodityUnit.Bag, minTempC: 3, maxTempC: 10, shelfLifeDays: 240, unitGrams: 50_000,
    lotUnits: [200, 1200], storageDays: [60, 240], dispatches: [8, 20],
    seasonMonths: [2, 3, 4], kinds: ['FARMER'],
  },
  {
    code: 'ONION-RED', name: 'Red onions', category: 'Vegetables',
    unit: CommodityUnit.Bag, minTempC: 0, maxTempC: 5, shelfLifeDays: 180, unitGrams: 40_000,
    lotUnits: [150, 800], storageDays: [45, 180], dispatches: [6, 16],
    seasonMonths: [3, 4, 5, 11], kinds: ['FARMER', 'TRADER'],
  },
  {
    code: 'CARROT', name: 'Carrots', category: 'Vegetables',
    unit: CommodityUnit.Bag, minTempC: 0, maxTempC: 5, shelfLifeDays: 120, unitGrams: 25_000,
    lotUnits: [100, 600], storageDays: [30, 110], dispatches: [5, 14],
    seasonMonths: [12, 1, 2], kinds: ['FARMER'],
  },
  {
    code: 'CHILLI-DRY', name: 'Dried red chillies', category: 'Spices',
    unit: CommodityUnit.Kg, minTempC: 2, maxTempC: 10, shelfLifeDays: 365, unitGrams: 1_000,
    lotUnits: [2_000, 20_000], storageDays: [60, 300], dispatches: [8, 22],
    seasonMonths: [2, 3, 4], kinds: ['FARMER', 'TRADER'],
  },
  {
    code: 'APPLE-ROYAL', name: 'Apples (Royal Delicious)', category: 'Fruit',
    unit: CommodityUnit.Crate, minTempC: -1, maxTempC: 4, shelfLifeDays: 180, unitGrams: 18_000,
    lotUnits: [100, 900], storageDays: [45, 170], dispatches: [6, 18],
    seasonMonths: [8, 9, 10], kinds: ['FARMER', 'TRADER'],
  },
  {
    code: 'GRAPES-TABLE', name: 'Table grapes', category: 'Fruit',
    unit: CommodityUnit.Crate, minTempC: -1, maxTempC: 4, shelfLifeDays: 45, unitGrams: 8_000,
    lotUnits: [100, 700], storageDays: [10, 40], dispatches: [4, 10],
    seasonMonths: [1, 2, 3, 4], kinds: ['FARMER', 'TRADER'],
  },
  {
    code: 'BANANA', name: 'Bananas (for ripening)', category: 'Fruit',
    unit: CommodityUnit.Crate, minTempC: 12, maxTempC: 15, shelfLifeDays: 21, unitGrams: 13_000,
    lotUnits: [80, 500], storageDays: [4, 12], dispatches: [2, 6],
    seasonMonths: ALL_YEAR, kinds: ['TRADER'],
  },
  {
    code: 'PEAS-FROZEN', name: 'Frozen green peas', category: 'Frozen foods',
    unit: CommodityUnit.Carton, minTempC: -30, maxTempC: -18, shelfLifeDays: 540, unitGrams: 10_000,
    lotUnits: [200, 1500], storageDays: [30, 240], dispatches: [8, 24],
    seasonMonths: [12, 1, 2], kinds: ['FROZEN'],
  },
  {
    code: 'FISH-FILLET-FRZ', name: 'Frozen fish fillets', category: 'Seafood',
    unit: CommodityUnit.Carton, minTempC: -30, maxTempC: -18, shelfLifeDays: 365, unitGrams: 20_000,
    lotUnits: [100, 800], storageDays: [20, 180], dispatches: [6, 16],
    seasonMonths: [9, 10, 11, 12, 1, 2], kinds: ['FROZEN'],
  },
  {
    code: 'ICE-CREAM', name: 'Ice cream', category: 'Dairy',
    unit: CommodityUnit.Box, minTempC: -30, maxTempC: -18, shelfLifeDays: 270, unitGrams: 6_000,
    lotUnits: [150, 1200], storageDays: [15, 100], dispatches: [10, 24],
    seasonMonths: [2, 3, 4, 5], kinds: ['DAIRY', 'FROZEN'],
  },
  {
    code: 'BUTTER', name: 'Butter (bulk)', category: 'Dairy',
    unit: CommodityUnit.Box, minTempC: 0, maxTempC: 5, shelfLifeDays: 90, unitGrams: 25_000,
    lotUnits: [40, 400], storageDays: [15, 80], dispatches: [5, 14],
    seasonMonths: ALL_YEAR, kinds: ['DAIRY'],
  },
  {
    code: 'VACCINE-2-8', name: 'Vaccines (2-8 °C)', category: 'Pharmaceuticals',
    unit: CommodityUnit.Pallet, minTempC: 2, maxTempC: 8, shelfLifeDays: 730, unitGrams: 250_000,
    lotUnits: [4, 40], storageDays: [14, 120], dispatches: [4, 12],
    seasonMonths: ALL_YEAR, kinds: ['PHARMA'],
  },
  {
    code: 'INSULIN', name: 'Insulin', category: 'Pharmaceuticals',
    unit: CommodityUnit.Pallet, minTempC: 2, maxTempC: 8, shelfLifeDays: 365, unitGrams: 180_000,
    lotUnits: [4, 30], storageDays: [14, 90], dispatches: [4, 12],
    seasonMonths: ALL_YEAR, kinds: ['PHARMA'],
  },
];

export interface CatalogWarehouse {
  code: string;
  city: string;
  name: string;
  address: string;
  /** Vehicle registration prefix of its region, e.g. "MH12". */
  vehiclePrefix: string;
}

// prettier-ignore
export const WAREHOUSES: readonly CatalogWarehouse[] = [
  { code: 'PNQ', city: 'Pune', name: 'Pune Central Cold Store', address: 'Plot 14, MIDC Chakan, Pune 410501', vehiclePrefix: 'MH12' },
  { code: 'NSK', city: 'Nashik', name: 'Nashik Agri Cold Chain', address: 'Gat 221, Ambad MIDC, Nashik 422010', vehiclePrefix: 'MH15' },
  { code: 'AGR', city: 'Agra', name: 'Agra Potato Cold Store', address: 'Kuberpur Industrial Area, Agra 283202', vehiclePrefix: 'UP80' },
  { code: 'IDR', city: 'Indore', name: 'Indore Multi-Temperature Hub', address: 'Sector F, Sanwer Road, Indore 452015', vehiclePrefix: 'MP09' },
  { code: 'BLR', city: 'Bengaluru', name: 'Bengaluru Pharma and Foods DC', address: 'KIADB Hoskote, Bengaluru 562114', vehiclePrefix: 'KA53' },
  { code: 'LDH', city: 'Ludhiana', name: 'Ludhiana Cold Storage', address: 'Focal Point Phase 8, Ludhiana 141010', vehiclePrefix: 'PB10' },
  { code: 'HYD', city: 'Hyderabad', name: 'Hyderabad Frozen Foods Hub', address: 'Shamshabad Logistics Park, Hyderabad 501218', vehiclePrefix: 'TS07' },
  { code: 'AMD', city: 'Ahmedabad', name: 'Ahmedabad Cold Chain Park', address: 'Changodar GIDC, Ahmedabad 382213', vehiclePrefix: 'GJ01' },
  { code: 'CCU', city: 'Kolkata', name: 'Kolkata Riverside Cold Store', address: 'Sankrail Food Park, Howrah 711302', vehiclePrefix: 'WB41' },
  { code: 'MAA', city: 'Chennai', name: 'Chennai Port Reefer Yard', address: 'Ponneri High Road, Chennai 600067', vehiclePrefix: 'TN05' },
  { code: 'LKO', city: 'Lucknow', name: 'Lucknow Agri Logistics', address: 'Kisan Path, Lucknow 226028', vehiclePrefix: 'UP32' },
  { code: 'GAU', city: 'Guwahati', name: 'Guwahati North-East Cold Hub', address: 'Amingaon Industrial Estate, Guwahati 781031', vehiclePrefix: 'AS01' },
];

// prettier-ignore
export const CLIENT_KINDS: readonly { kind: ClientKind; share: number; suffixes: readonly string[] }[] = [
  { kind: 'FARMER', share: 0.4, suffixes: ['Farmers Producer Co.', 'Agro Farms', 'Kisan Cooperative', 'Growers Collective'] },
  { kind: 'TRADER', share: 0.2, suffixes: ['Fruit Traders', 'Fresh Exports', 'Produce Co.'] },
  { kind: 'FROZEN', share: 0.2, suffixes: ['Frozen Foods Pvt Ltd', 'Seafoods', 'Foods Ltd'] },
  { kind: 'DAIRY', share: 0.1, suffixes: ['Dairy Cooperative', 'Creameries'] },
  { kind: 'PHARMA', share: 0.1, suffixes: ['Pharma Distributors', 'Life Sciences', 'Healthcare Logistics'] },
];

// prettier-ignore
export const COMPANY_PREFIXES: readonly string[] = [
  'Green Valley', 'Sahyadri', 'Himalayan', 'Deccan', 'Nilgiri', 'Ganga', 'Krishna', 'Sunrise',
  'Golden Harvest', 'Narmada', 'Konkan', 'Malwa', 'Godavari', 'Kaveri', 'Satpura', 'Aravali',
  'Vindhya', 'Tapi', 'Blue Ocean', 'Polar Star', 'Arctic Bay', 'Shivneri', 'Indus', 'Brahmaputra',
  'Mahanadi', 'Chambal', 'Saraswati', 'Annapurna', 'Lotus', 'Peacock', 'Evergreen', 'Morning Dew',
];

// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  'Priya', 'Rahul', 'Anita', 'Vikram', 'Sunita', 'Arjun', 'Meera', 'Sanjay', 'Kavita', 'Rohan',
  'Neha', 'Amit', 'Pooja', 'Suresh', 'Deepa', 'Manoj', 'Lakshmi', 'Kiran', 'Farhan', 'Gurpreet',
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  'Sharma', 'Patil', 'Iyer', 'Reddy', 'Singh', 'Deshmukh', 'Nair', 'Kulkarni', 'Gupta', 'Khan',
  'Das', 'Joshi', 'Menon', 'Chauhan', 'Bose', 'Pillai', 'Yadav', 'Mehta', 'Rao', 'Banerjee',
];

export const HOLD_REASONS: readonly string[] = [
  'Quality inspection: sprouting reported by the client',
  'Temperature excursion under review',
  'Awaiting phytosanitary certificate',
  'Rent overdue: release on payment',
  'Damaged packaging found at the monthly count',
];
