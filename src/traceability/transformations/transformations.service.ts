import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { fromScaled, toScaled } from 'src/common/decimal';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Db } from 'src/database/db';
import { businessTime } from 'src/inventory/business-time';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { StockMovementsService, WEIGHT_SCALE } from 'src/inventory/ledger/stock-movements.service';
import { toInwardLot } from 'src/inventory/ledger/dto/movement-responses.dto';
import { lockLotInScope } from 'src/inventory/lot-access';
import { LotStatus } from 'src/inventory/lot-status.enum';
import type { Lot } from 'src/inventory/lot.entity';
import type { Principal } from 'src/rbac/principal';
import { LotTraceCode } from '../records/lot-trace-code.entity';
import { insertCode } from '../records/lot-traceability.recorder';
import { TraceabilityEventType, TransformationRole } from '../records/traceability-event-type.enum';
import {
  codeFields,
  describeProduct,
  insertEvents,
  type NewEvent,
  planLocation,
} from '../records/traceability-records';
import type { CreateTransformationDto, TransformationOutDto } from './transformation.dto';
import { Transformation } from './transformation.entity';

/**
 * Repacks, relabels and comminglings (21 CFR 1.1350): the lots used give up their units through
 * TRANSFORMATION adjustments, a new lot of the same client is received with a new traceability
 * lot code, and one record per code in and out is written, all in one transaction.
 */
@Injectable()
export class TransformationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly stock: StockMovementsService,
  ) {}

  async create(caller: Principal, input: CreateTransformationDto): Promise<TransformationOutDto> {
    const ids = input.inputs.map((line) => line.lot_id);
    if (new Set(ids).size !== ids.length)
      throw invalid('inputs', 'each lot may appear once in a transformation');
    return this.db.transaction(async (manager) => {
      // Locked in id order, so two transformations sharing lots never deadlock.
      const locked = new Map<string, Lot>();
      for (const id of [...ids].sort())
        locked.set(id, await lockLotInScope(manager, caller.scope, id));
      const lots = ids.map((id) => locked.get(id) as Lot);
      const [first] = lots;
      lots.forEach((lot, index) => {
        if (lot.clientId !== first.clientId)
          throw invalid(`inputs[${index}].lot_id`, 'every lot used must be of one client');
        if (lot.warehouseId !== first.warehouseId)
          throw invalid(`inputs[${index}].lot_id`, 'every lot used must be in one warehouse');
        if (lot.status === LotStatus.OnHold)
          throw new ConflictError(`Lot ${lot.lotNumber} is on hold and cannot be transformed.`);
        if (input.inputs[index].quantity > lot.quantity)
          throw new ConflictError(
            `Lot ${lot.lotNumber} holds ${lot.quantity} units; ${input.inputs[index].quantity} requested.`,
          );
      });
      const commodityIds = Array.from(new Set(lots.map((lot) => lot.commodityId)));
      const outputCommodityId = input.output.commodity_id ?? commodityIds[0];
      if (input.output.commodity_id === undefined && commodityIds.length > 1)
        throw invalid('output.commodity_id', 'output.commodity_id is required: the inputs differ');
      const commodities = new Map(
        (await manager.findBy(Commodity, { id: In([...commodityIds, outputCommodityId]) })).map(
          (c) => [c.id, c],
        ),
      );
      const outputCommodity = commodities.get(outputCommodityId);
      if (!outputCommodity) throw new NotFoundError('Commodity');
      const latest = new Date(Math.max(...lots.map((lot) => lot.lastMovementAt.getTime())));
      const completedAt = businessTime('completed_at', input.completed_at, latest);
      const location = await planLocation(manager, first.warehouseId);

      // Every lot used needs its code: a listed food's came with its receipt; another gets one.
      const codes = new Map(
        (await manager.findBy(LotTraceCode, { lotId: In(ids) })).map((c) => [c.lotId, c]),
      );
      for (const lot of lots) {
        if (codes.has(lot.id)) continue;
        const commodity = commodities.get(lot.commodityId) as Commodity;
        if (commodity.onFoodTraceabilityList)
          throw new ConflictError(
            `Lot ${lot.lotNumber} has no traceability lot code: record its receipt with POST ` +
              '/api/traceability/receipts first.',
          );
        const code: LotTraceCode = {
          lotId: lot.id,
          tlc: lot.lotNumber,
          tlcAssigned: true,
          tlcSource: location,
          tlcSourceReference: null,
          productDescription: describeProduct(commodity, lot.grade),
          createdAt: new Date(),
        };
        await insertCode(manager, code, lot.lotNumber);
        codes.set(lot.id, code);
      }
      if (
        input.output.tlc !== undefined &&
        (await manager.existsBy(LotTraceCode, { tlc: input.output.tlc }))
      )
        throw new ConflictError(
          `Traceability lot code ${input.output.tlc} is already in use: a transformation makes a new one.`,
        );

      const used = [];
      let usedGrams = 0n;
      for (const [index, lot] of lots.entries()) {
        const line = input.inputs[index];
        const after = await this.stock.useInTransformation(caller, lot, {
          quantity: line.quantity,
          weightKg: line.weight_kg,
          occurredAt: completedAt,
          note: `${input.kind} ${input.reference_document_type} ${input.reference_document_number}`,
        });
        const taken = toScaled(lot.weightKg, WEIGHT_SCALE) - toScaled(after.weightKg, WEIGHT_SCALE);
        usedGrams += taken;
        used.push({
          lot,
          after,
          quantity: line.quantity,
          weightKg: fromScaled(taken, WEIGHT_SCALE),
        });
      }
      const received = await this.stock.inward(
        caller,
        {
          client_id: first.clientId,
          commodity_id: outputCommodityId,
          chamber_id: input.output.chamber_id ?? first.chamberId,
          warehouse_id: first.warehouseId,
          quantity: input.output.quantity,
          weight_kg: input.output.weight_kg ?? fromScaled(usedGrams, WEIGHT_SCALE),
          grade: input.output.grade,
          position: input.output.position,
          expiry_date: input.output.expiry_date,
          received_at: completedAt,
          reference: input.reference_document_number,
          notes: input.notes,
        },
        { receivingRecord: false },
      );
      const output = received.lot;
      const outputCode: LotTraceCode = {
        lotId: output.id,
        tlc: input.output.tlc ?? output.lotNumber,
        tlcAssigned: true,
        tlcSource: location,
        tlcSourceReference: null,
        productDescription:
          input.output.product_description ?? describeProduct(outputCommodity, output.grade),
        createdAt: new Date(),
      };
      await insertCode(manager, outputCode, output.lotNumber);

      const transformation = await manager.save(
        manager.create(Transformation, {
          kind: input.kind,
          warehouseId: first.warehouseId,
          clientId: first.clientId,
          outputLotId: output.id,
          completedAt,
          referenceDocumentType: input.reference_document_type,
          referenceDocumentNumber: input.reference_document_number,
          notes: input.notes ?? null,
          recordedById: caller.userId,
        }),
      );
      const common = {
        type: TraceabilityEventType.Transformation,
        warehouseId: first.warehouseId,
        clientId: first.clientId,
        occurredAt: completedAt,
        location,
        partnerId: null,
        partner: null,
        referenceDocumentType: input.reference_document_type,
        referenceDocumentNumber: input.reference_document_number,
        dispatchId: null,
        transformationId: transformation.id,
        recordedById: caller.userId,
      };
      const events: NewEvent[] = [
        ...used.map(({ lot, quantity }) => {
          const code = codes.get(lot.id) as LotTraceCode;
          return {
            ...common,
            role: TransformationRole.Input,
            lotId: lot.id,
            commodityId: lot.commodityId,
            ...codeFields(code),
            quantity,
            unit: (commodities.get(lot.commodityId) as Commodity).unit,
            productDescription: code.productDescription,
          };
        }),
        {
          ...common,
          role: TransformationRole.Output,
          lotId: output.id,
          commodityId: outputCommodityId,
          ...codeFields(outputCode),
          quantity: output.quantity,
          unit: outputCommodity.unit,
          productDescription: outputCode.productDescription,
        },
      ];
      const lotNumbers = new Map([
        ...lots.map((lot): [string, string] => [lot.id, lot.lotNumber]),
        [output.id, output.lotNumber],
      ]);
      const traceability = await insertEvents(manager, events, lotNumbers);
      await this.audit.record(manager, {
        action: 'transformation.recorded',
        entityType: 'transformation',
        entityId: transformation.id,
        warehouseId: first.warehouseId,
        clientId: first.clientId,
        after: {
          kind: input.kind,
          inputs: used.map(({ lot, quantity }) => ({ lot: lot.lotNumber, quantity })),
          output: { lot: output.lotNumber, tlc: outputCode.tlc, quantity: output.quantity },
        },
      });
      return {
        id: transformation.id,
        kind: transformation.kind,
        warehouse_id: transformation.warehouseId,
        client_id: transformation.clientId,
        completed_at: completedAt.toISOString(),
        reference_document_type: transformation.referenceDocumentType,
        reference_document_number: transformation.referenceDocumentNumber,
        notes: transformation.notes,
        inputs: used.map(({ lot, after, quantity, weightKg }) => ({
          lot_id: lot.id,
          lot_number: lot.lotNumber,
          tlc: (codes.get(lot.id) as LotTraceCode).tlc,
          quantity,
          weight_kg: weightKg,
          remaining_quantity: after.quantity,
        })),
        output_lot: toInwardLot(received),
        traceability,
      };
    });
  }
}
