import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from 'src/database/db';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { Client } from 'src/clients/client.entity';
import { compareDecimal } from 'src/common/decimal';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import { Commodity } from 'src/inventory/catalogue/commodity.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import type {
  CreateRateCardDto,
  ListRateCardsQueryDto,
  UpdateRateCardDto,
} from 'src/billing/rate-cards/dto/rate-card.dto';
import { isIsoCurrency } from 'src/billing/money';
import { RateCard } from './rate-card.entity';

const auditView = (c: RateCard): Record<string, unknown> => ({
  name: c.name,
  client_id: c.clientId,
  warehouse_id: c.warehouseId,
  commodity_id: c.commodityId,
  grade: c.grade,
  basis: c.basis,
  storage_rate: c.storageRate,
  inward_handling_rate: c.inwardHandlingRate,
  outward_handling_rate: c.outwardHandlingRate,
  grace_days: c.graceDays,
  min_billable_days: c.minBillableDays,
  currency: c.currency,
  tax_rate_percent: c.taxRatePercent,
  effective_from: c.effectiveFrom,
  effective_to: c.effectiveTo,
});

/**
 * Rate cards. Cards of one key (client, warehouse, commodity; empty parts included) never
 * overlap in time: creates and changes of a key are serialised by an advisory lock and checked.
 * Invoices copy the rates they use, so changing or ending a card changes no approved invoice.
 */
@Injectable()
export class RateCardsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListRateCardsQueryDto): Promise<Page<RateCard>> {
    const builder = this.db.manager
      .getRepository(RateCard)
      .createQueryBuilder('r')
      .orderBy('r.effectiveFrom', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    if (query.client_id) builder.andWhere('r.clientId = :c', { c: query.client_id });
    if (query.warehouse_id) builder.andWhere('r.warehouseId = :w', { w: query.warehouse_id });
    if (query.commodity_id) builder.andWhere('r.commodityId = :m', { m: query.commodity_id });
    if (query.active_on) {
      builder.andWhere(
        'r.effectiveFrom <= :day AND (r.effectiveTo IS NULL OR r.effectiveTo >= :day)',
        { day: query.active_on },
      );
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<RateCard> {
    const card = await this.db.manager.getRepository(RateCard).findOneBy({ id });
    if (!card) throw new NotFoundError('Rate card');
    return card;
  }

  async create(input: CreateRateCardDto, createdById: string | null): Promise<RateCard> {
    return this.db.transaction(async (manager) => {
      const card = manager.create(RateCard, {
        name: input.name ?? null,
        clientId: input.client_id ?? null,
        warehouseId: input.warehouse_id ?? null,
        commodityId: input.commodity_id ?? null,
        grade: input.grade ?? null,
        basis: input.basis,
        storageRate: input.storage_rate,
        inwardHandlingRate: input.inward_handling_rate ?? '0',
        outwardHandlingRate: input.outward_handling_rate ?? '0',
        graceDays: input.grace_days ?? 0,
        minBillableDays: input.min_billable_days ?? 0,
        currency: input.currency,
        taxRatePercent: input.tax_rate_percent ?? '0',
        effectiveFrom: input.effective_from,
        effectiveTo: input.effective_to ?? null,
        createdById,
      });
      await this.assertKeyExists(manager, card);
      await this.assertValid(manager, card);
      const saved = await manager.save(card);
      await this.audit.record(manager, {
        action: 'rate_card.created',
        entityType: 'rate_card',
        entityId: saved.id,
        warehouseId: saved.warehouseId,
        clientId: saved.clientId,
        after: auditView(saved),
      });
      return manager.findOneByOrFail(RateCard, { id: saved.id });
    });
  }

  async update(id: string, changes: UpdateRateCardDto): Promise<RateCard> {
    return this.db.transaction(async (manager) => {
      const card = await manager
        .getRepository(RateCard)
        .createQueryBuilder('r')
        .where('r.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!card) throw new NotFoundError('Rate card');
      const before = auditView(card);
      if (changes.name !== undefined) card.name = changes.name ?? null;
      if (changes.basis !== undefined) card.basis = changes.basis;
      if (changes.storage_rate !== undefined) card.storageRate = changes.storage_rate;
      if (changes.inward_handling_rate !== undefined)
        card.inwardHandlingRate = changes.inward_handling_rate;
      if (changes.outward_handling_rate !== undefined)
        card.outwardHandlingRate = changes.outward_handling_rate;
      if (changes.grace_days !== undefined) card.graceDays = changes.grace_days;
      if (changes.min_billable_days !== undefined) card.minBillableDays = changes.min_billable_days;
      if (changes.currency !== undefined) card.currency = changes.currency;
      if (changes.tax_rate_percent !== undefined) card.taxRatePercent = changes.tax_rate_percent;
      if (changes.effective_from !== undefined) card.effectiveFrom = changes.effective_from;
      if (changes.effective_to !== undefined) card.effectiveTo = changes.effective_to ?? null;
      const diff = changedFields(before, auditView(card));
      if (Object.keys(diff.after).length === 0) return card;
      await this.assertValid(manager, card);
      await manager.save(card);
      await this.audit.record(manager, {
        action: 'rate_card.updated',
        entityType: 'rate_card',
        entityId: card.id,
        warehouseId: card.warehouseId,
        clientId: card.clientId,
        before: diff.before,
        after: diff.after,
      });
      return manager.findOneByOrFail(RateCard, { id: card.id });
    });
  }

  private async assertKeyExists(manager: EntityManager, card: RateCard): Promise<void> {
    if (card.clientId && !(await manager.existsBy(Client, { id: card.clientId })))
      throw new NotFoundError('Client');
    if (card.warehouseId && !(await manager.existsBy(Warehouse, { id: card.warehouseId })))
      throw new NotFoundError('Warehouse');
    if (card.commodityId && !(await manager.existsBy(Commodity, { id: card.commodityId })))
      throw new NotFoundError('Commodity');
  }

  /** Field rules, then no overlap with another card of the same key (under the key's lock). */
  private async assertValid(manager: EntityManager, card: RateCard): Promise<void> {
    if (!isIsoCurrency(card.currency))
      throw invalid('currency', `currency ${card.currency} is not an ISO 4217 code`);
    if (compareDecimal(card.taxRatePercent, '100', 4) > 0)
      throw invalid('tax_rate_percent', 'tax_rate_percent must be at most 100');
    if (card.effectiveTo !== null && card.effectiveTo < card.effectiveFrom)
      throw invalid('effective_to', 'effective_to is before effective_from');

    const key = `${card.clientId ?? '*'}/${card.warehouseId ?? '*'}/${card.commodityId ?? '*'}/${card.grade ?? '*'}`;
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `billing:rate-card:${key}`,
    ]);
    const clash = await manager.query<
      { id: string; effective_from: string; effective_to: string | null }[]
    >(
      `SELECT id, effective_from::text, effective_to::text FROM rate_cards
        WHERE client_id IS NOT DISTINCT FROM $1 AND warehouse_id IS NOT DISTINCT FROM $2
          AND commodity_id IS NOT DISTINCT FROM $3 AND id IS DISTINCT FROM $4
          AND daterange(effective_from, effective_to, '[]') && daterange($5::date, $6::date, '[]')
          AND grade IS NOT DISTINCT FROM $7
        LIMIT 1`,
      [
        card.clientId,
        card.warehouseId,
        card.commodityId,
        (card.id as string | undefined) ?? null,
        card.effectiveFrom,
        card.effectiveTo,
        card.grade,
      ],
    );
    if (clash.length > 0) {
      const [other] = clash;
      throw new ConflictError(
        `Another rate card (${other.id}) of the same client, warehouse, commodity and grade is in effect from ${other.effective_from} to ${other.effective_to ?? 'open-ended'}: end it first, or choose dates that do not overlap.`,
      );
    }
  }
}
