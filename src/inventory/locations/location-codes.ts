import { invalid } from 'src/common/validation/validation-failed.error';
import { StorageLocationKind } from './storage-location-kind.enum';

/** Location codes: printed on the rack, unique in the chamber, stored upper-case. */
export const LOCATION_CODE = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

/** Most locations one bulk request creates or reuses (leaves and the parents they need). */
export const MAX_BULK_LOCATIONS = 5000;

/** The dimensions of a bulk layout, outermost first, and the kind each creates. */
export const BULK_DIMENSIONS = [
  { name: 'floor', kind: StorageLocationKind.Floor },
  { name: 'rack', kind: StorageLocationKind.Rack },
  { name: 'level', kind: StorageLocationKind.Level },
  { name: 'slot', kind: StorageLocationKind.Slot },
] as const;

export type BulkDimensionName = (typeof BULK_DIMENSIONS)[number]['name'];

export interface NumberRange {
  from: number;
  to: number;
}

/** One location a layout asks for: its code, kind, and its parent's code (null at the top). */
export interface PlannedLocation {
  code: string;
  kind: StorageLocationKind;
  parentCode: string | null;
  depth: number;
  leaf: boolean;
}

const TEMPLATE_FIELD = /\{(floor|rack|level|slot)(?::0?(\d))?\}/g;

interface TemplatePart {
  name: BulkDimensionName;
  width: number;
  /** Where the template is cut for this dimension's own code: just after its field. */
  end: number;
}

function parseTemplate(template: string, used: readonly BulkDimensionName[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  for (const match of template.matchAll(TEMPLATE_FIELD)) {
    parts.push({
      name: match[1] as BulkDimensionName,
      width: match[2] ? Number(match[2]) : 0,
      end: match.index + match[0].length,
    });
  }
  const names = parts.map((p) => p.name);
  if (names.join() !== used.join()) {
    throw invalid(
      'code_template',
      `code_template must hold the fields ${used.map((n) => `{${n}}`).join(', ')} once each, in that order`,
    );
  }
  return parts;
}

function fill(template: string, parts: TemplatePart[], upTo: number, values: number[]): string {
  let out = '';
  let cursor = 0;
  for (let i = 0; i <= upTo; i += 1) {
    const part = parts[i];
    const token = template.slice(cursor, part.end);
    const value = String(values[i]).padStart(part.width, '0');
    out += token.replace(TEMPLATE_FIELD, value);
    cursor = part.end;
  }
  return out.toUpperCase();
}

/**
 * Expands a layout (floors × racks × levels × slots, each a range, any of them left out) into
 * its locations, outermost first. A location's code is the template cut just after its own
 * field, so `F{floor}-R{rack:02}-S{slot:02}` gives floor F1, rack F1-R03 and slot
 * F1-R03-S04. Refuses (422) a template that does not match the dimensions, a code the pattern
 * refuses, and a layout past MAX_BULK_LOCATIONS.
 */
export function planLayout(
  template: string,
  ranges: Partial<Record<BulkDimensionName, NumberRange>>,
): PlannedLocation[] {
  const dims = BULK_DIMENSIONS.filter((d) => ranges[d.name] !== undefined);
  if (dims.length === 0)
    throw invalid('floors', 'give at least one of floors, racks, levels, slots');
  for (const d of dims) {
    const range = ranges[d.name] as NumberRange;
    if (range.to < range.from)
      throw invalid(`${d.name}s.to`, `${d.name}s.to must not be below ${d.name}s.from`);
  }
  const parts = parseTemplate(
    template,
    dims.map((d) => d.name),
  );
  let count = 0;
  let width = 1;
  for (const d of dims) {
    const range = ranges[d.name] as NumberRange;
    width *= range.to - range.from + 1;
    count += width;
  }
  if (count > MAX_BULK_LOCATIONS) {
    throw invalid(
      'code_template',
      `the layout makes ${count} locations; at most ${MAX_BULK_LOCATIONS} per request`,
    );
  }
  const planned: PlannedLocation[] = [];
  const walk = (depth: number, values: number[], parentCode: string | null): void => {
    const d = dims[depth];
    const range = ranges[d.name] as NumberRange;
    for (let v = range.from; v <= range.to; v += 1) {
      const next = [...values, v];
      const code = fill(template, parts, depth, next);
      if (!LOCATION_CODE.test(code)) {
        throw invalid('code_template', `code ${code} is not 1-40 of A-Z, 0-9 and . _ / -`);
      }
      const leaf = depth === dims.length - 1;
      planned.push({ code, kind: d.kind, parentCode, depth, leaf });
      if (!leaf) walk(depth + 1, next, code);
    }
  };
  walk(0, [], null);
  return planned;
}
