import { Injectable } from '@nestjs/common';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import { compareDecimal, fromScaled, toScaled } from 'src/common/decimal';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { Page, PaginationQueryDto } from 'src/common/pagination/pagination';
import { invalid } from 'src/common/validation/validation-failed.error';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { businessTime } from 'src/inventory/business-time';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { lockLotInScope, stockScope } from 'src/inventory/lot-access';
import type { SampleWeighmentDto } from 'src/inventory/weighments/dto/weighment.dto';
import { MAX_WEIGHBRIDGE_KG } from './weighment-figures';
import { WeighmentKind } from './weighment-kind.enum';
import { Weighment } from './weighment.entity';

const KG_SCALE = 3;

/** Check-weighings of a lot's bags, and every weighment of a lot. */
@Injectable()
export class WeighmentsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /**
   * A depositor's check-weighing of some of a lot's bags, with the lot's units and kg on hand
   * kept beside it (locked, so they are the figures the sample is compared with).
   */
  async sample(caller: Principal, lotId: string, input: SampleWeighmentDto): Promise<Weighment> {
    if (toScaled(input.total_kg, KG_SCALE) <= 0n) {
      throw invalid('total_kg', 'total_kg must be more than 0');
    }
    if (compareDecimal(input.total_kg, MAX_WEIGHBRIDGE_KG, KG_SCALE) > 0) {
      throw invalid('total_kg', `total_kg must be at most ${MAX_WEIGHBRIDGE_KG} kg`);
    }
    const weighedAt = businessTime('weighed_at', input.weighed_at, null);
    return this.db.transaction(async (manager) => {
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      const commodity = await manager.findOneByOrFail(Commodity, { id: lot.commodityId });
      if (commodity.unit === CommodityUnit.Kg) {
        throw invalid('bags_weighed', `lot ${lot.lotNumber} is counted in kg, not in bags`);
      }
      if (input.bags_weighed > lot.quantity) {
        throw invalid(
          'bags_weighed',
          `bags_weighed must be at most the ${lot.quantity} units lot ${lot.lotNumber} holds`,
        );
      }
      if (weighedAt < lot.receivedAt) {
        throw invalid(
          'weighed_at',
          `weighed_at must not be before the lot's receipt (${lot.receivedAt.toISOString()})`,
        );
      }
      const totalKg = fromScaled(toScaled(input.total_kg, KG_SCALE), KG_SCALE);
      const saved = await manager.save(
        manager.create(Weighment, {
          kind: WeighmentKind.Sample,
          warehouseId: lot.warehouseId,
          clientId: lot.clientId,
          lotId: lot.id,
          movementId: null,
          dispatchId: null,
          grossKg: null,
          tareKg: null,
          netKg: totalKg,
          vehicleNumber: null,
          ticketNumber: null,
          weighedAt,
          bagsWeighed: input.bags_weighed,
          lotQuantity: lot.quantity,
          lotWeightKg: lot.weightKg,
          witnessedBy: input.witnessed_by ?? null,
          notes: input.notes ?? null,
          recordedById: caller.userId,
        }),
      );
      await this.audit.record(manager, {
        action: 'weighment.sampled',
        entityType: 'weighment',
        entityId: saved.id,
        warehouseId: lot.warehouseId,
        clientId: lot.clientId,
        after: {
          lot_number: lot.lotNumber,
          bags_weighed: input.bags_weighed,
          total_kg: totalKg,
          lot_quantity: lot.quantity,
          lot_weight_kg: lot.weightKg,
          witnessed_by: saved.witnessedBy,
        },
      });
      return saved;
    });
  }

  /**
   * Every weighment of a lot in scope, oldest first: its receipt's ticket, its dispatches'
   * (a dispatch of several lots included) and its samples. A lot outside scope is not found.
   */
  async listForLot(
    scope: DataScope,
    lotId: string,
    page: PaginationQueryDto,
  ): Promise<Page<Weighment>> {
    const params: unknown[] = [lotId];
    const lots = await this.db.manager.query<{ id: string }[]>(
      `SELECT l.id FROM lots l WHERE l.id = $1 AND ${scopeCondition(scope, stockScope('l'), params)}`,
      params,
    );
    if (lots.length === 0) throw new NotFoundError('Lot', `Lot ${lotId} not found.`);
    const [items, total] = await this.db.manager
      .getRepository(Weighment)
      .createQueryBuilder('w')
      .where(
        `(w.lotId = :lotId OR w.dispatchId IN (
           SELECT m.dispatch_id FROM stock_movements m
            WHERE m.lot_id = :lotId AND m.dispatch_id IS NOT NULL))`,
        { lotId },
      )
      .orderBy('w.weighedAt', 'ASC')
      .addOrderBy('w.createdAt', 'ASC')
      .addOrderBy('w.id', 'ASC')
      .skip(page.skip)
      .take(page.limit)
      .getManyAndCount();
    return { items, total };
  }
}
