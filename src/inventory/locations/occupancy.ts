import { fromScaled, toScaled } from 'src/common/decimal';
import type {
  OccupancyFiguresDto,
  OccupancyFloorDto,
  OccupancyRackDto,
  OccupancySlotDto,
} from './dto/occupancy.dto';
import { StorageLocationKind } from './storage-location-kind.enum';

const KG_SCALE = 3;

/** The figures as a plain shape (the DTO is a class). */
type Figures = Pick<OccupancyFiguresDto, keyof OccupancyFiguresDto>;

interface RackGroup {
  rack: OccupancyRow | null;
  slots: OccupancySlotDto[];
}

interface FloorGroup {
  floor: OccupancyRow | null;
  racks: Map<string | null, RackGroup>;
}

/** A location of the chamber with what it holds, as the occupancy query returns it. */
export interface OccupancyRow {
  id: string;
  parent_id: string | null;
  kind: StorageLocationKind;
  code: string;
  capacity_units: number | null;
  capacity_kg: string | null;
  capacity_pallets: number | null;
  active: boolean;
  blocked: boolean;
  used_units: number;
  used_kg: string;
  used_pallets: number;
  lots: number;
  has_children: boolean;
}

const ratio = (used: bigint, capacity: bigint): number =>
  capacity === 0n ? (used > 0n ? Infinity : 0) : Number((used * 10000n) / capacity) / 10000;

/** The fullest stated measure; null when none is stated. */
export function fillRatio(f: Omit<OccupancyFiguresDto, 'fill_ratio'>): number | null {
  const ratios: number[] = [];
  if (f.capacity_units !== null) ratios.push(ratio(BigInt(f.used_units), BigInt(f.capacity_units)));
  if (f.capacity_kg !== null)
    ratios.push(ratio(toScaled(f.used_kg, KG_SCALE), toScaled(f.capacity_kg, KG_SCALE)));
  if (f.capacity_pallets !== null)
    ratios.push(ratio(BigInt(f.used_pallets), BigInt(f.capacity_pallets)));
  if (ratios.length === 0) return null;
  const max = Math.max(...ratios);
  return Number.isFinite(max) ? max : 1;
}

/** Sums of the slots: used always, capacity over the slots that state it (null when none do). */
function rollUp(slots: OccupancyFiguresDto[]): Figures {
  const sum = (pick: (s: OccupancyFiguresDto) => number | null): number | null => {
    const stated = slots.map(pick).filter((v): v is number => v !== null);
    return stated.length ? stated.reduce((a, b) => a + b, 0) : null;
  };
  const kg = (pick: (s: OccupancyFiguresDto) => string | null): string | null => {
    const stated = slots.map(pick).filter((v): v is string => v !== null);
    if (!stated.length) return null;
    return fromScaled(
      stated.reduce((a, b) => a + toScaled(b, KG_SCALE), 0n),
      KG_SCALE,
    );
  };
  const figures = {
    used_units: sum((s) => s.used_units) ?? 0,
    capacity_units: sum((s) => s.capacity_units),
    used_kg: kg((s) => s.used_kg) ?? '0',
    capacity_kg: kg((s) => s.capacity_kg),
    used_pallets: sum((s) => s.used_pallets) ?? 0,
    capacity_pallets: sum((s) => s.capacity_pallets),
  };
  return { ...figures, fill_ratio: fillRatio(figures) };
}

const byCode = (a: { code: string | null }, b: { code: string | null }): number =>
  a.code === b.code ? 0 : a.code === null ? 1 : b.code === null ? -1 : a.code < b.code ? -1 : 1;

/**
 * The grid of a chamber: its slots (locations without children) grouped by their FLOOR and
 * RACK ancestors (null groups for slots under none), each with its fill, and roll-ups per
 * rack, floor and chamber.
 */
export function occupancyGrid(rows: OccupancyRow[]): {
  totals: Figures;
  slotCount: number;
  floors: OccupancyFloorDto[];
} {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ancestor = (row: OccupancyRow, kind: StorageLocationKind): OccupancyRow | null => {
    for (let at = row.parent_id ? byId.get(row.parent_id) : undefined; at;) {
      if (at.kind === kind) return at;
      at = at.parent_id ? byId.get(at.parent_id) : undefined;
    }
    return null;
  };
  const floors = new Map<string | null, FloorGroup>();
  let slotCount = 0;
  for (const row of rows) {
    if (row.has_children) continue;
    slotCount += 1;
    const floor = ancestor(row, StorageLocationKind.Floor);
    const rack = ancestor(row, StorageLocationKind.Rack);
    const level = ancestor(row, StorageLocationKind.Level);
    const floorEntry: FloorGroup = floors.get(floor?.id ?? null) ?? { floor, racks: new Map() };
    floors.set(floor?.id ?? null, floorEntry);
    const rackEntry: RackGroup = floorEntry.racks.get(rack?.id ?? null) ?? { rack, slots: [] };
    floorEntry.racks.set(rack?.id ?? null, rackEntry);
    const figures = {
      used_units: row.used_units,
      capacity_units: row.capacity_units,
      used_kg: row.used_kg,
      capacity_kg: row.capacity_kg,
      used_pallets: row.used_pallets,
      capacity_pallets: row.capacity_pallets,
    };
    rackEntry.slots.push({
      id: row.id,
      code: row.code,
      kind: row.kind,
      level_code: level?.code ?? null,
      lots: row.lots,
      active: row.active,
      blocked: row.blocked,
      ...figures,
      fill_ratio: fillRatio(figures),
    });
  }
  const floorList: OccupancyFloorDto[] = [...floors.values()].map(({ floor, racks }) => {
    const rackList: OccupancyRackDto[] = [...racks.values()].map(({ rack, slots }) => ({
      id: rack?.id ?? null,
      code: rack?.code ?? null,
      ...rollUp(slots),
      slots: slots.sort(byCode),
    }));
    rackList.sort(byCode);
    return {
      id: floor?.id ?? null,
      code: floor?.code ?? null,
      ...rollUp(rackList.flatMap((r) => r.slots)),
      racks: rackList,
    };
  });
  floorList.sort(byCode);
  return {
    totals: rollUp(floorList.flatMap((f) => f.racks.flatMap((r) => r.slots))),
    slotCount,
    floors: floorList,
  };
}
