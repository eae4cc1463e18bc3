import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from 'src/database/db';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import { isIsoCurrency } from 'src/billing/money';
import type {
  CreateSeasonDto,
  ListSeasonsQueryDto,
  UpdateSeasonDto,
} from 'src/billing/seasons/dto/season.dto';
import { findSeasonInScope, SEASON_SCOPE } from './season-scope';
import { Season } from './season.entity';

const auditView = (s: Season): Record<string, unknown> => ({
  warehouse_id: s.warehouseId,
  name: s.name,
  start_date: s.startDate,
  end_date: s.endDate,
  vacate_by: s.vacateBy,
  extension_rate: s.extensionRate,
  extension_basis: s.extensionBasis,
  currency: s.currency,
});

/** What an approved invoice's season lines depend on: frozen once one refers to the season. */
const PRICED_FIELDS = [
  'start_date',
  'end_date',
  'vacate_by',
  'extension_rate',
  'extension_basis',
  'currency',
];

/**
 * Seasons per warehouse. Seasons of a warehouse never overlap: creates and changes are
 * serialised per warehouse by an advisory lock and checked under it.
 */
@Injectable()
export class SeasonsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(scope: DataScope, query: ListSeasonsQueryDto): Promise<Page<Season>> {
    const builder = this.db.manager
      .getRepository(Season)
      .createQueryBuilder('s')
      .orderBy('s.startDate', 'DESC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, SEASON_SCOPE);
    if (query.warehouse_id) builder.andWhere('s.warehouseId = :w', { w: query.warehouse_id });
    if (query.active_on) {
      builder.andWhere('s.startDate <= :day AND s.endDate >= :day', { day: query.active_on });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  get(scope: DataScope, id: string): Promise<Season> {
    return findSeasonInScope(this.db.manager, scope, id);
  }

  async create(input: CreateSeasonDto, createdById: string | null): Promise<Season> {
    return this.db.transaction(async (manager) => {
      if (!(await manager.existsBy(Warehouse, { id: input.warehouse_id })))
        throw new NotFoundError('Warehouse');
      const season = manager.create(Season, {
        warehouseId: input.warehouse_id,
        name: input.name,
        startDate: input.start_date,
        endDate: input.end_date,
        vacateBy: input.vacate_by,
        extensionRate: input.extension_rate,
        extensionBasis: input.extension_basis,
        currency: input.currency,
        createdById,
      });
      await this.assertValid(manager, season);
      const saved = await manager.save(season);
      await this.audit.record(manager, {
        action: 'season.created',
        entityType: 'season',
        entityId: saved.id,
        warehouseId: saved.warehouseId,
        after: auditView(saved),
      });
      return manager.findOneByOrFail(Season, { id: saved.id });
    });
  }

  async update(id: string, changes: UpdateSeasonDto): Promise<Season> {
    return this.db.transaction(async (manager) => {
      const season = await manager
        .getRepository(Season)
        .createQueryBuilder('s')
        .where('s.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!season) throw new NotFoundError('Season');
      const before = auditView(season);
      if (changes.name !== undefined) season.name = changes.name;
      if (changes.start_date !== undefined) season.startDate = changes.start_date;
      if (changes.end_date !== undefined) season.endDate = changes.end_date;
      if (changes.vacate_by !== undefined) season.vacateBy = changes.vacate_by;
      if (changes.extension_rate !== undefined) season.extensionRate = changes.extension_rate;
      if (changes.extension_basis !== undefined) season.extensionBasis = changes.extension_basis;
      if (changes.currency !== undefined) season.currency = changes.currency;
      const diff = changedFields(before, auditView(season));
      if (Object.keys(diff.after).length === 0) return season;
      await this.assertValid(manager, season);
      if (Object.keys(diff.after).some((field) => PRICED_FIELDS.includes(field))) {
        await this.assertNotInvoiced(manager, season);
      }
      await manager.save(season);
      await this.audit.record(manager, {
        action: 'season.updated',
        entityType: 'season',
        entityId: season.id,
        warehouseId: season.warehouseId,
        before: diff.before,
        after: diff.after,
      });
      return manager.findOneByOrFail(Season, { id: season.id });
    });
  }

  /** Field rules, then no overlap with another season of the warehouse (under its lock). */
  private async assertValid(manager: EntityManager, season: Season): Promise<void> {
    if (season.endDate < season.startDate)
      throw invalid('end_date', 'end_date is before start_date');
    if (season.vacateBy < season.endDate)
      throw invalid('vacate_by', 'vacate_by is before end_date');
    if (!isIsoCurrency(season.currency))
      throw invalid('currency', `currency ${season.currency} is not an ISO 4217 code`);
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
      `billing:season:${season.warehouseId}`,
    ]);
    const clashes = await manager.query<{ name: string; start_date: string; end_date: string }[]>(
      `SELECT name, start_date::text, end_date::text FROM seasons
        WHERE warehouse_id = $1 AND id IS DISTINCT FROM $2
          AND daterange(start_date, end_date, '[]') && daterange($3::date, $4::date, '[]')
        LIMIT 1`,
      [
        season.warehouseId,
        (season.id as string | undefined) ?? null,
        season.startDate,
        season.endDate,
      ],
    );
    const [clash] = clashes;
    if (clashes.length > 0) {
      throw new ConflictError(
        `The season overlaps "${clash.name}" of the same warehouse (${clash.start_date} – ${clash.end_date}): seasons of a warehouse may not share a day.`,
      );
    }
  }

  /** Approved invoices charged rent, extension or credits of this season: its terms stay. */
  private async assertNotInvoiced(manager: EntityManager, season: Season): Promise<void> {
    const invoices = await manager.query<{ number: string }[]>(
      `SELECT i.number FROM invoices i
        WHERE i.status IN ('APPROVED', 'PAID')
          AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = i.id AND l.season_id = $1)
        ORDER BY i.number LIMIT 1`,
      [season.id],
    );
    if (invoices.length > 0) {
      const [invoice] = invoices;
      throw new ConflictError(
        `Invoice ${invoice.number} charged this season: its dates, extension rate and currency can no longer change (void the invoice first, or change only the name).`,
      );
    }
  }
}
