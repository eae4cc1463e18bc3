import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { Db } from 'src/database/db';
import { StockMovementsService } from 'src/inventory/ledger/stock-movements.service';
import { lockLotInScope } from 'src/inventory/lot-access';
import { LotStatus } from 'src/inventory/lot-status.enum';
import { Lot } from 'src/inventory/lot.entity';
import { AdjustmentReason } from 'src/inventory/movement-type.enum';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import type {
  DispositionDto,
  ExcursionDetailOutDto,
  ExcursionLotOutDto,
  ExcursionOutDto,
  ListExcursionsQueryDto,
} from './dto/excursion.dto';
import { ExcursionLot } from './excursion-lot.entity';
import { LotDisposition, TEMPERATURE_EXCURSION_HOLD } from './excursion.enums';

/** The hold reason of a lot quarantined after an excursion. */
export const QUARANTINED_HOLD = 'QUARANTINED';

const EXCURSION_COLUMNS = `e.id, e.warehouse_id, e.chamber_id, ch.code AS chamber_code, e.direction,
       e.limit_min_c, e.limit_max_c, e.min_temp_c, e.max_temp_c, e.started_at, e.opened_at,
       e.ended_at, e.closed_at,
       (SELECT count(*) FROM excursion_lots x WHERE x.excursion_id = e.id)::int AS lots_held,
       (SELECT count(*) FROM excursion_lots x
         WHERE x.excursion_id = e.id AND x.disposition IS NULL)::int AS lots_undisposed`;

interface ExcursionRow extends Omit<
  ExcursionOutDto,
  'started_at' | 'opened_at' | 'ended_at' | 'closed_at' | 'open'
> {
  started_at: Date;
  opened_at: Date;
  ended_at: Date | null;
  closed_at: Date | null;
}

interface ExcursionLotRow extends Omit<ExcursionLotOutDto, 'held_at' | 'disposed_at'> {
  held_at: Date;
  disposed_at: Date | null;
}

const iso = (at: Date | null): string | null => (at ? new Date(at).toISOString() : null);

function toExcursionOut(row: ExcursionRow): ExcursionOutDto {
  return {
    ...row,
    started_at: new Date(row.started_at).toISOString(),
    opened_at: new Date(row.opened_at).toISOString(),
    ended_at: iso(row.ended_at),
    closed_at: iso(row.closed_at),
    open: row.closed_at === null,
  };
}

function toExcursionLotOut(row: ExcursionLotRow): ExcursionLotOutDto {
  return {
    ...row,
    held_at: new Date(row.held_at).toISOString(),
    disposed_at: iso(row.disposed_at),
  };
}

/** Excursions as people read them, and the disposition of the lots they held. */
@Injectable()
export class ExcursionsService {
  constructor(
    private readonly db: Db,
    private readonly stock: StockMovementsService,
    private readonly audit: AuditService,
  ) {}

  async list(scope: DataScope, query: ListExcursionsQueryDto): Promise<Page<ExcursionOutDto>> {
    const params: unknown[] = [];
    const where = [scopeCondition(scope, { warehouse: 'e.warehouse_id' }, params)];
    if (query.warehouse_id) where.push(`e.warehouse_id = $${params.push(query.warehouse_id)}`);
    if (query.chamber_id) where.push(`e.chamber_id = $${params.push(query.chamber_id)}`);
    if (query.open !== undefined) where.push(`e.closed_at IS ${query.open ? '' : 'NOT '}NULL`);
    const conditions = where.join(' AND ');
    const [{ total }] = await this.db.manager.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM excursions e WHERE ${conditions}`,
      params,
    );
    const rows = await this.db.manager.query<ExcursionRow[]>(
      `SELECT ${EXCURSION_COLUMNS}
         FROM excursions e JOIN chambers ch ON ch.id = e.chamber_id
        WHERE ${conditions}
        ORDER BY e.started_at DESC, e.id DESC
        OFFSET $${params.push(query.skip)} LIMIT $${params.push(query.limit)}`,
      params,
    );
    return { items: rows.map(toExcursionOut), total };
  }

  async get(scope: DataScope, excursionId: string): Promise<ExcursionDetailOutDto> {
    const excursion = await this.findInScope(this.db.manager, scope, excursionId);
    const lots = await this.db.manager.query<ExcursionLotRow[]>(
      `SELECT x.lot_id, l.lot_number, l.client_id, l.status, l.hold_reason, l.quantity, x.held_at,
              x.disposition, x.disposition_note, x.disposed_by, x.disposed_at
         FROM excursion_lots x JOIN lots l ON l.id = x.lot_id
        WHERE x.excursion_id = $1
        ORDER BY l.lot_number, l.id`,
      [excursionId],
    );
    return Object.assign(toExcursionOut(excursion), { lots: lots.map(toExcursionLotOut) });
  }

  /**
   * Decides what happens to one lot an excursion held, once the excursion has closed (409
   * while it is open: the goods may still be warming). Final: a second disposition is a 409.
   */
  async dispose(
    caller: Principal,
    excursionId: string,
    lotId: string,
    input: DispositionDto,
  ): Promise<ExcursionDetailOutDto> {
    await this.db.transaction(async (manager) => {
      const excursion = await this.findInScope(manager, caller.scope, excursionId);
      const link = await manager
        .createQueryBuilder(ExcursionLot, 'x')
        .where('x.excursionId = :excursionId AND x.lotId = :lotId', { excursionId, lotId })
        .setLock('pessimistic_write')
        .getOne();
      if (!link) throw new NotFoundError('Lot', `Lot ${lotId} is not held by this excursion.`);
      if (excursion.closed_at === null) {
        throw new ConflictError(
          'The excursion is still open: lots are disposed of once readings have been back in ' +
            'range for the recovery delay and the excursion has closed.',
        );
      }
      if (link.disposition) {
        throw new ConflictError(
          `The lot was already disposed of as ${link.disposition}; a disposition is final.`,
        );
      }
      const lot = await lockLotInScope(manager, caller.scope, lotId);
      await manager.update(
        ExcursionLot,
        { excursionId, lotId },
        {
          disposition: input.disposition,
          dispositionNote: input.note,
          disposedBy: caller.userId,
          disposedAt: () => 'now()',
        },
      );
      await this.audit.record(manager, {
        action: 'excursion.lot_disposed',
        entityType: 'excursion',
        entityId: excursionId,
        warehouseId: excursion.warehouse_id,
        clientId: lot.clientId,
        after: { lot_id: lotId, disposition: input.disposition, note: input.note },
      });
      await this.apply(manager, caller, lot, excursionId, input);
    });
    return this.get(caller.scope, excursionId);
  }

  /** What the disposition does to the lot itself. */
  private async apply(
    manager: EntityManager,
    caller: Principal,
    lot: Lot,
    excursionId: string,
    input: DispositionDto,
  ): Promise<void> {
    const heldByExcursion =
      lot.status === LotStatus.OnHold && lot.holdReason === TEMPERATURE_EXCURSION_HOLD;
    switch (input.disposition) {
      case LotDisposition.Released: {
        // Another excursion's hold, or a hold for another reason, stays.
        const [{ others }] = await manager.query<{ others: number }[]>(
          `SELECT count(*)::int AS others FROM excursion_lots
            WHERE lot_id = $1 AND excursion_id <> $2 AND disposition IS NULL`,
          [lot.id, excursionId],
        );
        if (heldByExcursion && others === 0) {
          await this.stock.release(caller, lot.id, `excursion released: ${input.note}`);
        }
        return;
      }
      case LotDisposition.Quarantined:
        if (heldByExcursion || lot.status === LotStatus.InStock) {
          await manager.update(
            Lot,
            { id: lot.id },
            { status: LotStatus.OnHold, holdReason: QUARANTINED_HOLD },
          );
          await this.audit.record(manager, {
            action: 'lot.held',
            entityType: 'lot',
            entityId: lot.id,
            warehouseId: lot.warehouseId,
            clientId: lot.clientId,
            before: { status: lot.status, reason: lot.holdReason },
            after: { status: LotStatus.OnHold, reason: QUARANTINED_HOLD, note: input.note },
          });
        }
        return;
      case LotDisposition.Destroyed:
        if (lot.quantity > 0 || Number(lot.weightKg) > 0) {
          await this.stock.adjust(caller, {
            lot_id: lot.id,
            quantity_delta: -lot.quantity,
            weight_delta_kg: Number(lot.weightKg) > 0 ? `-${lot.weightKg}` : '0',
            reason_code: AdjustmentReason.Waste,
            note: `Destroyed after a temperature excursion: ${input.note}`,
          });
        }
        return;
    }
  }

  private async findInScope(
    manager: EntityManager,
    scope: DataScope,
    excursionId: string,
  ): Promise<ExcursionRow> {
    const params: unknown[] = [excursionId];
    const inScope = scopeCondition(scope, { warehouse: 'e.warehouse_id' }, params);
    const [row] = await manager.query<ExcursionRow[]>(
      `SELECT ${EXCURSION_COLUMNS}
         FROM excursions e JOIN chambers ch ON ch.id = e.chamber_id
        WHERE e.id = $1 AND ${inScope}`,
      params,
    );
    if (!(row as ExcursionRow | undefined)) throw new NotFoundError('Excursion');
    return row;
  }
}
