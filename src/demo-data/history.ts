// Each demo lot's movements as pure data, drawn from the lot's own random stream: the same plan
// gives the same history whatever order the lots are loaded in.
import { HOLD_REASONS } from './catalog';
import type { DemoLot, DemoPlan } from './generator';
import {
  BUSINESS_MINUTES,
  Rng,
  businessTime,
  dayNumber,
  gramsToKg,
  isoDate,
  mixSeed,
  pad,
} from './primitives';
import { AdjustmentReason, MovementType } from 'src/inventory/movement-type.enum';

export interface DemoDispatch {
  /** One truck of one client leaving one warehouse on one day, possibly with several lots. */
  key: number;
  warehouseIndex: number;
  clientIndex: number;
  dispatchedAt: Date;
  reference: string;
  vehicleNumber: string;
}

export interface DemoMovement {
  type: MovementType;
  quantityDelta: number;
  weightDeltaKg: string;
  occurredAt: Date;
  fromChamberIndex: number | null;
  toChamberIndex: number | null;
  reasonCode: AdjustmentReason | null;
  reference: string | null;
  vehicleNumber: string | null;
  notes: string | null;
  dispatch: DemoDispatch | null;
}

export interface LotHistory {
  movements: DemoMovement[];
  /** On hand after the last movement. */
  quantity: number;
  grams: number;
  holdReason: string | null;
}

const ADJUSTMENT_NOTES: Record<AdjustmentReason, string> = {
  [AdjustmentReason.Damage]: 'Units crushed in handling, written off with the client',
  [AdjustmentReason.Shrinkage]: 'Moisture loss found at re-weighing',
  [AdjustmentReason.CountCorrection]: 'Corrected after the monthly physical count',
  [AdjustmentReason.Waste]: 'Spoiled goods disposed of',
  [AdjustmentReason.Transformation]: 'Repacked into a new lot',
};

function vehicleNumber(rng: Rng, prefix: string): string {
  const letter = (): string => String.fromCharCode(65 + rng.int(0, 25));
  return `${prefix}${letter()}${letter()}${pad(rng.int(1, 9999), 4)}`;
}

const trucks = new WeakMap<DemoPlan, Map<number, DemoDispatch>>();

/** The same truck for every lot of a client leaving a warehouse that day (memoised: it is pure). */
export function truckFor(
  plan: DemoPlan,
  clientIndex: number,
  warehouseIndex: number,
  day: number,
): DemoDispatch {
  let known = trucks.get(plan);
  if (!known) {
    known = new Map();
    trucks.set(plan, known);
  }
  // A small integer key (days around asOf): a Map looks those up fastest.
  const key = ((day - dayNumber(plan.asOf) + 1024) * 64 + warehouseIndex) * 4096 + clientIndex;
  let truck = known.get(key);
  if (!truck) {
    const rng = new Rng(mixSeed(plan.seed, 2, clientIndex, warehouseIndex, day));
    const warehouse = plan.warehouses[warehouseIndex];
    const dispatchedAt = businessTime(day, rng.int(0, BUSINESS_MINUTES - 1));
    const date = isoDate(dispatchedAt).replace(/-/g, '');
    truck = {
      key,
      warehouseIndex,
      clientIndex,
      dispatchedAt,
      reference: `GP-${warehouse.code}-${date}-${pad(clientIndex + 1, 3)}`,
      vehicleNumber: vehicleNumber(rng, warehouse.vehiclePrefix),
    };
    known.set(key, truck);
  }
  return truck;
}

interface PlannedEvent {
  kind: MovementType.Outward | MovementType.Transfer | AdjustmentReason;
  at: number;
  units: number;
  /** The dispatch that empties the lot, when the client takes everything. */
  last: boolean;
  truck: DemoDispatch | null;
  toChamberIndex: number;
}

/** `count` distinct days in [1, span], ascending. */
function distinctDays(rng: Rng, count: number, span: number): number[] {
  const days = new Set<number>();
  while (days.size < Math.min(count, span)) days.add(rng.int(1, span));
  return [...days].sort((a, b) => a - b);
}

/** `total` split into at most `count` positive parts. */
function split(rng: Rng, total: number, count: number): number[] {
  const n = Math.max(1, Math.min(count, total));
  const weights = Array.from({ length: n }, () => 0.5 + rng.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  let excess = parts.reduce((a, b) => a + b, 0) - total;
  for (let i = 0; excess !== 0; i = (i + 1) % n) {
    if (excess > 0 && parts[i] > 1) {
      parts[i] -= 1;
      excess -= 1;
    } else if (excess < 0) {
      parts[i] += 1;
      excess += 1;
    }
  }
  return parts;
}

function plannedEvents(plan: DemoPlan, lot: DemoLot, rng: Rng): PlannedEvent[] {
  const commodity = plan.commodities[lot.commodityIndex].spec;
  const receivedDay = dayNumber(lot.receivedAt);
  const storageDays = rng.int(...commodity.storageDays);
  // Most clients take everything out; some leave a remainder that stays in stock.
  const emptied = rng.chance(0.85);
  const target = emptied
    ? lot.quantity
    : Math.max(1, Math.floor((lot.quantity * rng.int(40, 90)) / 100));
  const days = distinctDays(rng, rng.int(...commodity.dispatches), storageDays);
  const parts = split(rng, target, days.length);
  const events: PlannedEvent[] = parts.map((units, i) => {
    const truck = truckFor(plan, lot.clientIndex, lot.warehouseIndex, receivedDay + days[i]);
    const last = emptied && i === parts.length - 1;
    const at = truck.dispatchedAt.getTime();
    return { kind: MovementType.Outward, at, units, last, truck, toChamberIndex: -1 };
  });

  const randomTime = (): number =>
    businessTime(receivedDay + rng.int(1, storageDays), rng.int(0, BUSINESS_MINUTES - 1)).getTime();
  const chamber = plan.chambers[lot.chamberIndex];
  const others = plan.warehouses[lot.warehouseIndex].chambers.filter(
    (c) => c.classKey === chamber.classKey && c.index !== chamber.index,
  );
  if (others.length > 0 && rng.chance(0.1)) {
    const toChamberIndex = rng.pick(others).index;
    events.push({ ...NO_EVENT, kind: MovementType.Transfer, at: randomTime(), toChamberIndex });
  }
  if (rng.chance(0.08)) {
    const draw = rng.next();
    const kind =
      draw < 0.4
        ? AdjustmentReason.Damage
        : draw < 0.8
          ? AdjustmentReason.Shrinkage
          : AdjustmentReason.CountCorrection;
    events.push({ ...NO_EVENT, kind, at: randomTime() });
  }
  // Stable: a truck and another event in the same minute keep their generation order.
  return events.sort((a, b) => a.at - b.at);
}

const NO_EVENT: PlannedEvent = {
  kind: MovementType.Outward,
  at: 0,
  units: 0,
  last: false,
  truck: null,
  toChamberIndex: -1,
};

function movement(
  type: MovementType,
  occurredAt: Date,
  quantityDelta: number,
  weightDeltaGrams: number,
): DemoMovement {
  return {
    type,
    quantityDelta,
    weightDeltaKg: gramsToKg(weightDeltaGrams),
    occurredAt,
    fromChamberIndex: null,
    toChamberIndex: null,
    reasonCode: null,
    reference: null,
    vehicleNumber: null,
    notes: null,
    dispatch: null,
  };
}

/**
 * A lot's movements before asOf: the inward, then partial dispatches, now and then a transfer or
 * an adjustment, in business-time order. Stock never goes negative, and a lot emptied of units
 * is emptied of weight too.
 */
export function lotHistory(plan: DemoPlan, lot: DemoLot): LotHistory {
  const rng = new Rng(mixSeed(plan.seed, 3, lot.index));
  const warehouse = plan.warehouses[lot.warehouseIndex];
  let quantity = lot.quantity;
  let grams = lot.grams;
  let chamberIndex = lot.chamberIndex;
  const inward = movement(MovementType.Inward, lot.receivedAt, quantity, grams);
  inward.toChamberIndex = chamberIndex;
  inward.reference = `GRN-${lot.lotNumber}`;
  inward.vehicleNumber = vehicleNumber(rng, warehouse.vehiclePrefix);
  const movements = [inward];
  // Units leave at the lot's average unit weight; the last units take whatever weight is left.
  const gramsOf = (units: number): number =>
    units >= quantity ? grams : units * Math.floor(grams / quantity);
  const horizon = plan.asOf.getTime();

  for (const event of plannedEvents(plan, lot, rng)) {
    if (event.at >= horizon || quantity === 0) break;
    const at = new Date(event.at);
    let units = 0;
    let weight = 0;
    switch (event.kind) {
      case MovementType.Outward: {
        units = event.last ? quantity : Math.min(event.units, quantity);
        weight = gramsOf(units);
        const outward = movement(MovementType.Outward, at, -units, -weight);
        outward.reference = event.truck?.reference ?? null;
        outward.vehicleNumber = event.truck?.vehicleNumber ?? null;
        outward.dispatch = event.truck;
        movements.push(outward);
        quantity -= units;
        grams -= weight;
        continue;
      }
      case MovementType.Transfer: {
        const transfer = movement(MovementType.Transfer, at, 0, 0);
        transfer.fromChamberIndex = chamberIndex;
        transfer.toChamberIndex = event.toChamberIndex;
        transfer.notes = `Moved from ${plan.chambers[chamberIndex].code} to ${plan.chambers[event.toChamberIndex].code} to consolidate stock`;
        movements.push(transfer);
        chamberIndex = event.toChamberIndex;
        continue;
      }
      case AdjustmentReason.Damage:
        units = -Math.min(rng.int(1, 3), quantity);
        weight = -gramsOf(-units);
        break;
      case AdjustmentReason.Shrinkage:
        weight = -Math.floor((grams * rng.int(5, 20)) / 1000);
        break;
      case AdjustmentReason.CountCorrection:
        units = quantity > 1 && rng.chance(0.5) ? -1 : 1;
        weight = units > 0 ? Math.floor(grams / quantity) : -gramsOf(1);
        break;
      case AdjustmentReason.Waste:
      case AdjustmentReason.Transformation:
        break;
    }
    if (units === 0 && weight === 0) continue;
    const adjustment = movement(MovementType.Adjustment, at, units, weight);
    adjustment.reasonCode = event.kind;
    adjustment.notes = ADJUSTMENT_NOTES[event.kind];
    movements.push(adjustment);
    quantity += units;
    grams += weight;
  }
  const holdReason = quantity > 0 && rng.chance(0.015) ? rng.pick(HOLD_REASONS) : null;
  return { movements, quantity, grams, holdReason };
}
