import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import type { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { In } from 'typeorm';
import { type LocationDescription, locationOf } from '../location-description';
import { TraceabilityPlan } from '../plans/traceability-plan.entity';
import { TradingPartner } from '../trading-partner.entity';
import type { LotTraceCode } from './lot-trace-code.entity';
import { TraceabilityEvent } from './traceability-event.entity';

/** A record's field as the request names it, for the 422 of a missing Key Data Element. */
export const kdeField = (name: string): string => (name ? `traceability.${name}` : 'traceability');

/** Refuses a missing Key Data Element: 422 naming it and why it is needed. */
export function requireKde<T>(value: T | undefined, name: string, why: string): T {
  if (value === undefined || value === null || value === '')
    throw invalid(kdeField(name), `${kdeField(name)} is required: ${why}`);
  return value;
}

/** The warehouse's location description, from its plan: records need one (409 until written). */
export async function planLocation(
  manager: EntityManager,
  warehouseId: string,
): Promise<LocationDescription> {
  const plan = await manager.findOneBy(TraceabilityPlan, { warehouseId });
  if (!plan)
    throw new ConflictError(
      'This warehouse has no traceability plan: write it with PUT ' +
        `/api/traceability/plans/${warehouseId} (its location description goes on every record).`,
    );
  return locationOf(plan.location);
}

/** The partners named, by id, as location descriptions; an unknown one is a 404. */
export async function partnerLocations(
  manager: EntityManager,
  ids: (string | undefined)[],
): Promise<Map<string, LocationDescription>> {
  const wanted = Array.from(new Set(ids.filter((id): id is string => id !== undefined)));
  if (wanted.length === 0) return new Map();
  const rows = await manager.findBy(TradingPartner, { id: In(wanted) });
  if (rows.length !== wanted.length) throw new NotFoundError('Trading partner');
  return new Map(rows.map((row) => [row.id, locationOf(row.location)]));
}

/** What a lot is called on records when nothing else was said: its commodity and grade. */
export const describeProduct = (
  commodity: Pick<Commodity, 'name'>,
  grade: string | null | undefined,
): string => (grade ? `${commodity.name}, ${grade}` : commodity.name).slice(0, 300);

export type NewEvent = Omit<TraceabilityEvent, 'id' | 'createdAt'>;

/** Writes events (one statement) and returns them as the API shows them. */
export async function insertEvents(
  manager: EntityManager,
  events: NewEvent[],
  lotNumbers: Map<string, string>,
): Promise<TraceabilityEventOutDto[]> {
  if (events.length === 0) return [];
  const result = await manager.insert(TraceabilityEvent, events);
  return events.map((event, index) =>
    toEventOut(
      { ...event, id: String(result.identifiers[index].id) },
      lotNumbers.get(event.lotId) ?? '',
    ),
  );
}

/** The traceability lot code part of an event, from the lot's code. */
export const codeFields = (
  code: Pick<LotTraceCode, 'tlc' | 'tlcAssigned' | 'tlcSource' | 'tlcSourceReference'>,
): Pick<NewEvent, 'tlc' | 'tlcAssigned' | 'tlcSource' | 'tlcSourceReference'> => ({
  tlc: code.tlc,
  tlcAssigned: code.tlcAssigned,
  tlcSource: code.tlcSource,
  tlcSourceReference: code.tlcSourceReference,
});

export function toEventOut(
  event: Omit<TraceabilityEvent, 'createdAt'>,
  lotNumber: string,
): TraceabilityEventOutDto {
  return {
    id: event.id,
    type: event.type,
    role: event.role,
    lot_id: event.lotId,
    lot_number: lotNumber,
    tlc: event.tlc,
    tlc_assigned: event.tlcAssigned,
    quantity: event.quantity,
    unit: event.unit,
    product_description: event.productDescription,
    occurred_at: event.occurredAt.toISOString(),
    location: event.location,
    partner: event.partner,
    tlc_source: event.tlcSource,
    tlc_source_reference: event.tlcSourceReference,
    reference_document_type: event.referenceDocumentType,
    reference_document_number: event.referenceDocumentNumber,
    dispatch_id: event.dispatchId,
    transformation_id: event.transformationId,
  };
}
