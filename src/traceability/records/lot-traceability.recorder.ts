import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { isUniqueViolation } from 'src/database/database-errors';
import { Db } from 'src/database/db';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import type {
  ReceivingKdesDto,
  ShippingKdesDto,
  TraceabilityEventOutDto,
} from 'src/inventory/ledger/dto/traceability-kdes.dto';
import {
  LotTraceability,
  type ReceivedLotFacts,
  type ShippedFacts,
} from 'src/inventory/ledger/lot-traceability';
import type { Principal } from 'src/rbac/principal';
import { LotTraceCode } from './lot-trace-code.entity';
import { TraceabilityEventType } from './traceability-event-type.enum';
import {
  codeFields,
  describeProduct,
  insertEvents,
  type NewEvent,
  partnerLocations,
  planLocation,
  requireKde,
} from './traceability-records';

const ON_LIST = 'the commodity is on the Food Traceability List';

interface ShippedLotRow {
  id: string;
  lot_number: string;
  client_id: string;
  commodity_id: string;
  unit: string;
  on_list: boolean;
  tlc: string | null;
  tlc_assigned: boolean | null;
  tlc_source: LotTraceCode['tlcSource'];
  tlc_source_reference: string | null;
  product_description: string | null;
}

/**
 * FSMA 204 receiving and shipping records, written in the receipt's or the dispatch's own
 * transaction (inventory calls this through its LotTraceability port).
 */
@Injectable()
export class LotTraceabilityRecorder extends LotTraceability {
  constructor(private readonly db: Db) {
    super();
  }

  async receive(
    caller: Principal,
    lot: ReceivedLotFacts,
    kdes: ReceivingKdesDto | undefined,
  ): Promise<TraceabilityEventOutDto | null> {
    const manager = this.db.manager;
    const commodity = await manager.findOneBy(Commodity, { id: lot.commodityId });
    if (!commodity) throw new NotFoundError('Commodity');
    if (!commodity.onFoodTraceabilityList && kdes === undefined) return null;
    return recordReceipt(manager, caller, lot, commodity, kdes);
  }

  async ship(
    caller: Principal,
    shipment: ShippedFacts,
    kdes: ShippingKdesDto | undefined,
  ): Promise<TraceabilityEventOutDto[]> {
    const manager = this.db.manager;
    const rows = await manager.query<ShippedLotRow[]>(
      `SELECT l.id, l.lot_number, l.client_id, l.commodity_id, c.unit,
              c.on_food_traceability_list AS on_list, t.tlc, t.tlc_assigned, t.tlc_source,
              t.tlc_source_reference, t.product_description
         FROM lots l JOIN commodities c ON c.id = l.commodity_id
         LEFT JOIN lot_trace_codes t ON t.lot_id = l.id
        WHERE l.id = ANY($1::uuid[])`,
      [shipment.lines.map((line) => line.lotId)],
    );
    const lots = new Map(rows.map((row) => [row.id, row]));
    const traced = shipment.lines.filter((line) => {
      const lot = lots.get(line.lotId);
      return lot !== undefined && (lot.on_list || lot.tlc !== null);
    });
    if (traced.length === 0) {
      if (kdes === undefined) return [];
      throw invalid(
        'traceability',
        'none of the lots has a traceability lot code nor is of a Food Traceability List commodity',
      );
    }
    const why = 'a lot on the gate pass is of a Food Traceability List commodity';
    const given = requireKde<ShippingKdesDto>(kdes, '', why);
    const recipientId = requireKde(given.recipient_partner_id, 'recipient_partner_id', why);
    const documentType = requireKde(given.reference_document_type, 'reference_document_type', why);
    const documentNumber = requireKde(
      given.reference_document_number,
      'reference_document_number',
      why,
    );
    const location = await planLocation(manager, shipment.warehouseId);
    const partners = await partnerLocations(manager, [recipientId]);
    const events: NewEvent[] = traced.map((line) => {
      const lot = lots.get(line.lotId) as ShippedLotRow;
      if (lot.tlc === null)
        throw new ConflictError(
          `Lot ${lot.lot_number} has no traceability lot code: record its receipt with POST ` +
            '/api/traceability/receipts before it ships.',
        );
      return {
        type: TraceabilityEventType.Shipping,
        role: null,
        lotId: lot.id,
        warehouseId: shipment.warehouseId,
        clientId: lot.client_id,
        commodityId: lot.commodity_id,
        ...codeFields({
          tlc: lot.tlc,
          tlcAssigned: lot.tlc_assigned === true,
          tlcSource: lot.tlc_source,
          tlcSourceReference: lot.tlc_source_reference,
        }),
        quantity: line.quantity,
        unit: lot.unit,
        productDescription: lot.product_description ?? '',
        occurredAt: shipment.dispatchedAt,
        location,
        partnerId: recipientId,
        partner: partners.get(recipientId) ?? null,
        referenceDocumentType: documentType,
        referenceDocumentNumber: documentNumber,
        dispatchId: shipment.dispatchId,
        transformationId: null,
        recordedById: caller.userId,
      };
    });
    return insertEvents(manager, events, new Map(rows.map((row) => [row.id, row.lot_number])));
  }
}

/**
 * A lot's traceability lot code and its receiving record. A code given must say where it comes
 * from (the TLC source partner, or a reference to it); none given, the warehouse assigns the
 * lot's number, marked assigned, and is its source.
 */
export async function recordReceipt(
  manager: EntityManager,
  caller: Principal,
  lot: ReceivedLotFacts,
  commodity: Pick<Commodity, 'name' | 'unit' | 'onFoodTraceabilityList'>,
  kdes: ReceivingKdesDto | undefined,
): Promise<TraceabilityEventOutDto> {
  const why = commodity.onFoodTraceabilityList ? ON_LIST : 'traceability records were sent';
  const given = requireKde<ReceivingKdesDto>(kdes, '', why);
  const previousId = requireKde(
    given.previous_source_partner_id,
    'previous_source_partner_id',
    why,
  );
  const documentType = requireKde(given.reference_document_type, 'reference_document_type', why);
  const documentNumber = requireKde(
    given.reference_document_number,
    'reference_document_number',
    why,
  );
  if (given.tlc !== undefined && !given.tlc_source_partner_id && !given.tlc_source_reference)
    throw invalid(
      'traceability.tlc_source_partner_id',
      'traceability.tlc_source_partner_id or traceability.tlc_source_reference is required: ' +
        'a traceability lot code received must say where it was assigned',
    );
  const location = await planLocation(manager, lot.warehouseId);
  const partners = await partnerLocations(manager, [previousId, given.tlc_source_partner_id]);
  const code: LotTraceCode = {
    lotId: lot.id,
    tlc: given.tlc ?? lot.lotNumber,
    tlcAssigned: given.tlc === undefined,
    tlcSource:
      given.tlc === undefined
        ? location
        : given.tlc_source_partner_id
          ? (partners.get(given.tlc_source_partner_id) ?? null)
          : null,
    tlcSourceReference: given.tlc === undefined ? null : (given.tlc_source_reference ?? null),
    productDescription: given.product_description ?? describeProduct(commodity, lot.grade),
    createdAt: new Date(),
  };
  await insertCode(manager, code, lot.lotNumber);
  const [event] = await insertEvents(
    manager,
    [
      {
        type: TraceabilityEventType.Receiving,
        role: null,
        lotId: lot.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        commodityId: lot.commodityId,
        ...codeFields(code),
        quantity: lot.quantity,
        unit: commodity.unit,
        productDescription: code.productDescription,
        occurredAt: lot.receivedAt,
        location,
        partnerId: previousId,
        partner: partners.get(previousId) ?? null,
        referenceDocumentType: documentType,
        referenceDocumentNumber: documentNumber,
        dispatchId: null,
        transformationId: null,
        recordedById: caller.userId,
      },
    ],
    new Map([[lot.id, lot.lotNumber]]),
  );
  return event;
}

/** A lot's one code; a second is a 409. */
export async function insertCode(
  manager: EntityManager,
  code: LotTraceCode,
  lotNumber: string,
): Promise<void> {
  try {
    await manager.insert(LotTraceCode, {
      lotId: code.lotId,
      tlc: code.tlc,
      tlcAssigned: code.tlcAssigned,
      tlcSource: code.tlcSource,
      tlcSourceReference: code.tlcSourceReference,
      productDescription: code.productDescription,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError(`Lot ${lotNumber} already has a traceability lot code.`);
    throw error;
  }
}
