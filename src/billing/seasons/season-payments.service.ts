import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Db } from 'src/database/db';
import { AuditService } from 'src/audit/audit.service';
import { Client } from 'src/clients/client.entity';
import { todayIn } from 'src/common/calendar';
import { NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { CLOCK_SKEW_MS } from 'src/inventory/business-time';
import { SYSTEM_SCOPE, whereInScope, type DataScope } from 'src/rbac/data-scope';
import { parseMinor } from 'src/billing/money';
import type {
  CreateSeasonPaymentDto,
  ListSeasonPaymentsQueryDto,
} from 'src/billing/seasons/dto/season-payment.dto';
import { findSeasonInScope } from './season-scope';
import { SeasonPayment, type BagsReleased } from './season-payment.entity';

const PAYMENT_SCOPE = { client: 'p.clientId' };

/**
 * Season payments: what a client paid for a season and the bags it releases, each with a
 * receipt number taken from a counter row locked by the recording transaction (gapless per year).
 */
@Injectable()
export class SeasonPaymentsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async list(scope: DataScope, query: ListSeasonPaymentsQueryDto): Promise<Page<SeasonPayment>> {
    const builder = this.db.manager
      .getRepository(SeasonPayment)
      .createQueryBuilder('p')
      .orderBy('p.paidAt', 'DESC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, PAYMENT_SCOPE);
    if (query.season_id) builder.andWhere('p.seasonId = :s', { s: query.season_id });
    if (query.client_id) builder.andWhere('p.clientId = :c', { c: query.client_id });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async get(scope: DataScope, id: string): Promise<SeasonPayment> {
    const builder = this.db.manager
      .getRepository(SeasonPayment)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    whereInScope(builder, scope, PAYMENT_SCOPE);
    const payment = await builder.getOne();
    if (!payment) throw new NotFoundError('Season payment');
    return payment;
  }

  async create(input: CreateSeasonPaymentDto, recordedById: string): Promise<SeasonPayment> {
    if (input.paid_at.getTime() > Date.now() + CLOCK_SKEW_MS)
      throw invalid('paid_at', 'paid_at must not be in the future', 'paid_at is in the future');
    const lotIds = input.bags_released.map((r) => r.lot_id);
    if (new Set(lotIds).size !== lotIds.length)
      throw invalid('bags_released', 'each lot may appear once in bags_released');
    return this.db.transaction(async (manager) => {
      const season = await findSeasonInScope(manager, SYSTEM_SCOPE, input.season_id);
      if (!(await manager.existsBy(Client, { id: input.client_id })))
        throw new NotFoundError('Client');
      const amountMinor = parseMinor(input.amount, season.currency);
      if (amountMinor === null || amountMinor <= 0) {
        throw invalid(
          'amount',
          `amount must be more than 0 with at most the minor digits of ${season.currency}`,
        );
      }
      const lots = await manager.query<{ id: string; lot_number: string; quantity: number }[]>(
        `SELECT id, lot_number, quantity FROM lots
          WHERE id = ANY($1::uuid[]) AND client_id = $2 AND warehouse_id = $3 FOR UPDATE`,
        [lotIds, input.client_id, season.warehouseId],
      );
      const byId = new Map(lots.map((l) => [l.id, l]));
      const released: BagsReleased[] = input.bags_released.map((r, index) => {
        const lot = byId.get(r.lot_id);
        if (!lot) throw new NotFoundError('Lot');
        if (r.bags > lot.quantity) {
          throw invalid(
            `bags_released[${index}].bags`,
            `lot ${lot.lot_number} holds ${lot.quantity} bags: no more can be released`,
          );
        }
        return { lot_id: lot.id, lot_number: lot.lot_number, bags: r.bags };
      });
      const year = Number(
        todayIn(this.config.get('billing', { infer: true }).defaultTimezone).slice(0, 4),
      );
      const [row] = await manager.query<{ last_value: number }[]>(
        `INSERT INTO season_receipt_counters (year, last_value) VALUES ($1, 1)
         ON CONFLICT (year) DO UPDATE SET last_value = season_receipt_counters.last_value + 1
         RETURNING last_value`,
        [year],
      );
      const saved = await manager.save(
        manager.create(SeasonPayment, {
          receiptNumber: `RCPT-${year}-${String(row.last_value).padStart(6, '0')}`,
          seasonId: season.id,
          clientId: input.client_id,
          amountMinor,
          currency: season.currency,
          paidAt: input.paid_at,
          reference: input.reference,
          bagsReleased: released,
          recordedById,
        }),
      );
      await this.audit.record(manager, {
        action: 'season_payment.recorded',
        entityType: 'season_payment',
        entityId: saved.id,
        warehouseId: season.warehouseId,
        clientId: saved.clientId,
        after: {
          receipt_number: saved.receiptNumber,
          season_id: saved.seasonId,
          amount_minor: saved.amountMinor,
          currency: saved.currency,
          bags_released: released,
        },
      });
      return manager.findOneByOrFail(SeasonPayment, { id: saved.id });
    });
  }
}
