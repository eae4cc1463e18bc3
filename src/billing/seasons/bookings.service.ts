import { Injectable } from '@nestjs/common';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import { Client } from 'src/clients/client.entity';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { SYSTEM_SCOPE, whereInScope, type DataScope } from 'src/rbac/data-scope';
import { parseMinor } from 'src/billing/money';
import type { CreateBookingDto, ListBookingsQueryDto } from 'src/billing/seasons/dto/booking.dto';
import { findSeasonInScope } from './season-scope';
import { SeasonBooking } from './season-booking.entity';

/** A client sees its own bookings; a warehouse's staff none (they are money, as invoices). */
const CLIENT_ROWS = { client: 'b.clientId' };

/** Bookings: bags reserved for a season, with a fee credited against the season rent. */
@Injectable()
export class BookingsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(scope: DataScope, query: ListBookingsQueryDto): Promise<Page<SeasonBooking>> {
    const builder = this.db.manager
      .getRepository(SeasonBooking)
      .createQueryBuilder('b')
      .orderBy('b.createdAt', 'DESC')
      .addOrderBy('b.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, CLIENT_ROWS);
    if (query.season_id) builder.andWhere('b.seasonId = :s', { s: query.season_id });
    if (query.client_id) builder.andWhere('b.clientId = :c', { c: query.client_id });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async create(input: CreateBookingDto, createdById: string | null): Promise<SeasonBooking> {
    return this.db.transaction(async (manager) => {
      const season = await findSeasonInScope(manager, SYSTEM_SCOPE, input.season_id);
      if (!(await manager.existsBy(Client, { id: input.client_id })))
        throw new NotFoundError('Client');
      if (input.commodity_id && !(await manager.existsBy(Commodity, { id: input.commodity_id })))
        throw new NotFoundError('Commodity');
      const feeMinor = parseMinor(input.fee_amount, season.currency);
      if (feeMinor === null) {
        throw invalid(
          'fee_amount',
          `fee_amount must have at most the minor digits of ${season.currency}`,
        );
      }
      const saved = await manager.save(
        manager.create(SeasonBooking, {
          seasonId: season.id,
          clientId: input.client_id,
          warehouseId: season.warehouseId,
          commodityId: input.commodity_id ?? null,
          grade: input.grade ?? null,
          bags: input.bags,
          feeMinor,
          currency: season.currency,
          notes: input.notes ?? null,
          createdById,
        }),
      );
      await this.audit.record(manager, {
        action: 'season_booking.created',
        entityType: 'season_booking',
        entityId: saved.id,
        warehouseId: saved.warehouseId,
        clientId: saved.clientId,
        after: {
          season_id: saved.seasonId,
          bags: saved.bags,
          fee_minor: saved.feeMinor,
          currency: saved.currency,
        },
      });
      return manager.findOneByOrFail(SeasonBooking, { id: saved.id });
    });
  }
}
