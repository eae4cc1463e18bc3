import { isUniqueViolation } from 'src/database/database-errors';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { likeEscape } from 'src/common/sql-conditions';
import { assertTemperatureRange } from 'src/warehouses/dto/chamber.dto';
import { Commodity } from './commodity.entity';
import { assertCommodityTax, TaxCategory } from './commodity-tax';
import { Lot } from 'src/inventory/lot.entity';
import type {
  CreateCommodityDto,
  ListCommoditiesQueryDto,
  UpdateCommodityDto,
} from 'src/inventory/catalogue/dto/commodity.dto';

const auditView = (c: Commodity): Record<string, unknown> => ({
  code: c.code,
  name: c.name,
  category: c.category,
  unit: c.unit,
  min_temp_c: c.minTempC,
  max_temp_c: c.maxTempC,
  shelf_life_days: c.shelfLifeDays,
  tax_category: c.taxCategory,
  tax_rate_percent: c.taxRatePercent,
  on_food_traceability_list: c.onFoodTraceabilityList,
});

/** What lots of a commodity were received by and stored at: fixed once a lot exists. */
const FROZEN_WITH_LOTS = ['unit', 'min_temp_c', 'max_temp_c'];

/** The commodity catalogue: global, the same for every warehouse and caller. */
@Injectable()
export class CommoditiesService {
  constructor(
    @InjectRepository(Commodity) private readonly commodities: Repository<Commodity>,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListCommoditiesQueryDto): Promise<Page<Commodity>> {
    const builder = this.commodities
      .createQueryBuilder('c')
      .orderBy('c.code', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    if (query.q) {
      builder.andWhere(`(c.code ILIKE :q ESCAPE '\\' OR c.name ILIKE :q ESCAPE '\\')`, {
        q: `%${likeEscape(query.q)}%`,
      });
    }
    if (query.category) {
      builder.andWhere('lower(c.category) = lower(:category)', { category: query.category });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async get(id: string, manager: EntityManager = this.commodities.manager): Promise<Commodity> {
    const commodity = await manager.getRepository(Commodity).findOneBy({ id });
    if (!commodity) throw new NotFoundError('Commodity');
    return commodity;
  }

  async create(input: CreateCommodityDto): Promise<Commodity> {
    assertTemperatureRange(input.min_temp_c, input.max_temp_c);
    const taxCategory = input.tax_category ?? TaxCategory.Taxable;
    assertCommodityTax(taxCategory, input.tax_rate_percent ?? null);
    return this.conflictOnDuplicateCode(input.code, () =>
      this.commodities.manager.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(Commodity, {
            code: input.code,
            name: input.name,
            category: input.category ?? null,
            unit: input.unit,
            minTempC: input.min_temp_c,
            maxTempC: input.max_temp_c,
            shelfLifeDays: input.shelf_life_days ?? null,
            taxCategory,
            taxRatePercent: input.tax_rate_percent ?? null,
            onFoodTraceabilityList: input.on_food_traceability_list ?? false,
          }),
        );
        await this.audit.record(manager, {
          action: 'commodity.created',
          entityType: 'commodity',
          entityId: saved.id,
          after: auditView(saved),
        });
        return saved;
      }),
    );
  }

  async update(id: string, changes: UpdateCommodityDto): Promise<Commodity> {
    return this.conflictOnDuplicateCode(changes.code, () =>
      this.commodities.manager.transaction(async (manager) => {
        // Locked, so the range check below sees the bound a concurrent PATCH may be changing.
        const commodity = await manager
          .getRepository(Commodity)
          .createQueryBuilder('c')
          .where('c.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne();
        if (!commodity) throw new NotFoundError('Commodity');
        const before = auditView(commodity);
        if (changes.code !== undefined) commodity.code = changes.code;
        if (changes.name !== undefined) commodity.name = changes.name;
        if (changes.category !== undefined) commodity.category = changes.category;
        if (changes.unit !== undefined) commodity.unit = changes.unit;
        if (changes.min_temp_c !== undefined) commodity.minTempC = changes.min_temp_c;
        if (changes.max_temp_c !== undefined) commodity.maxTempC = changes.max_temp_c;
        if (changes.shelf_life_days !== undefined)
          commodity.shelfLifeDays = changes.shelf_life_days;
        if (changes.tax_category !== undefined) commodity.taxCategory = changes.tax_category;
        if (changes.tax_rate_percent !== undefined)
          commodity.taxRatePercent = changes.tax_rate_percent;
        if (changes.on_food_traceability_list !== undefined)
          commodity.onFoodTraceabilityList = changes.on_food_traceability_list;
        assertTemperatureRange(commodity.minTempC, commodity.maxTempC);
        assertCommodityTax(commodity.taxCategory, commodity.taxRatePercent);
        const diff = changedFields(before, auditView(commodity));
        // A PATCH that changes nothing writes nothing, not even an empty audit event.
        if (Object.keys(diff.after).length === 0) return commodity;
        // The row lock above holds off a receipt's new lot (its foreign key check) until commit.
        if (
          FROZEN_WITH_LOTS.some((key) => key in diff.after) &&
          (await manager.exists(Lot, { where: { commodityId: id } }))
        ) {
          throw new ConflictError(
            `Commodity ${String(before.code)} already has lots: its unit and temperature range can no longer change (create a new commodity instead).`,
          );
        }
        const saved = await manager.save(commodity);
        await this.audit.record(manager, {
          action: 'commodity.updated',
          entityType: 'commodity',
          entityId: saved.id,
          before: diff.before,
          after: diff.after,
        });
        return saved;
      }),
    );
  }

  private async conflictOnDuplicateCode(
    code: string | undefined,
    work: () => Promise<Commodity>,
  ): Promise<Commodity> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A commodity with code ${code ?? ''} already exists.`);
      }
      throw error;
    }
  }
}
