import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { todayIn } from 'src/common/calendar';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { Db } from 'src/database/db';
import { stockScope } from 'src/inventory/lot-access';
import { Lot } from 'src/inventory/lot.entity';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import { toLienOut, type LienOutDto } from 'src/billing/liens/dto/lien.dto';
import type { ListLiensQueryDto } from 'src/billing/liens/dto/lien-requests.dto';
import { lienFigures } from './lien-interest';
import { repaymentsOf, termsOf } from './lien-rows';
import { Lien } from './lien.entity';
import type { LienKind } from './lien.enums';

/** Liens as their readers see them: in scope, with their figures at the end of a day. */
@Injectable()
export class LienQueriesService {
  constructor(
    private readonly db: Db,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** Today in the company's time zone: the default day of the figures. */
  today(): string {
    return todayIn(this.config.get('billing.defaultTimezone', { infer: true }));
  }

  async list(scope: DataScope, query: ListLiensQueryDto): Promise<Page<LienOutDto>> {
    const builder = this.db.manager
      .getRepository(Lien)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.lot', 'lot')
      .orderBy('l.createdAt', 'DESC')
      .addOrderBy('l.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    whereInScope(builder, scope, stockScope('l'));
    if (query.status) builder.andWhere('l.status = :status', { status: query.status });
    if (query.kind) builder.andWhere('l.kind = :kind', { kind: query.kind });
    if (query.client_id) builder.andWhere('l.clientId = :clientId', { clientId: query.client_id });
    if (query.warehouse_id)
      builder.andWhere('l.warehouseId = :warehouseId', { warehouseId: query.warehouse_id });
    const [liens, total] = await builder.getManyAndCount();
    return { items: await this.withFigures(liens, query.as_of ?? this.today()), total };
  }

  /** The liens of a lot the caller may see (404 outside scope), newest first. */
  async listForLot(scope: DataScope, lotId: string, asOf?: string): Promise<LienOutDto[]> {
    const lot = await whereInScope(
      this.db.manager.createQueryBuilder(Lot, 'l').where('l.id = :lotId', { lotId }),
      scope,
      stockScope('l'),
    ).getOne();
    if (!lot) throw new NotFoundError('Lot', `Lot ${lotId} not found.`);
    const liens = await this.db.manager.find(Lien, {
      where: { lotId: lot.id },
      relations: { lot: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return this.withFigures(liens, asOf ?? this.today());
  }

  async get(scope: DataScope, id: string, asOf?: string): Promise<LienOutDto> {
    const builder = this.db.manager
      .getRepository(Lien)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.lot', 'lot')
      .where('l.id = :id', { id });
    const lien = await whereInScope(builder, scope, stockScope('l')).getOne();
    if (!lien) throw new NotFoundError('Lien');
    const [out] = await this.withFigures([lien], asOf ?? this.today());
    return out;
  }

  /** Open liens at the end of `asOf` (started, not yet closed), with their figures that day. */
  async openOn(
    scope: DataScope,
    asOf: string,
    filter: { lender?: string; kind?: LienKind },
  ): Promise<(LienOutDto & { client_name: string })[]> {
    const builder = this.db.manager
      .getRepository(Lien)
      .createQueryBuilder('l')
      .innerJoinAndSelect('l.lot', 'lot')
      .innerJoinAndSelect('l.client', 'client')
      .where('l.startDate <= :asOf', { asOf })
      .andWhere('(l.closedOn IS NULL OR l.closedOn > :asOf)')
      .orderBy('l.lenderName', 'ASC')
      .addOrderBy('l.startDate', 'ASC')
      .addOrderBy('l.id', 'ASC');
    whereInScope(builder, scope, stockScope('l'));
    if (filter.kind) builder.andWhere('l.kind = :kind', { kind: filter.kind });
    if (filter.lender)
      builder.andWhere('lower(l.lenderName) = lower(:lender)', { lender: filter.lender });
    const liens = await builder.getMany();
    const out = await this.withFigures(liens, asOf);
    return out.map((row, i) =>
      Object.assign(row, { client_name: liens[i].client?.companyName ?? '' }),
    );
  }

  private async withFigures(liens: Lien[], asOf: string): Promise<LienOutDto[]> {
    const repayments = await repaymentsOf(
      this.db.manager,
      liens.map((lien) => lien.id),
    );
    return liens.map((lien) => {
      const own = repayments.filter((r) => r.lienId === lien.id);
      const shown = own.filter((r) => r.paidOn <= asOf);
      return toLienOut(
        lien,
        lien.lot?.lotNumber ?? '',
        shown,
        lienFigures(termsOf(lien), own, asOf),
      );
    });
  }
}
