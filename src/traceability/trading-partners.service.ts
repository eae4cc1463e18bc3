import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { likeEscape } from 'src/common/sql-conditions';
import { isUniqueViolation } from 'src/database/database-errors';
import { Db } from 'src/database/db';
import type {
  CreateTradingPartnerDto,
  ListTradingPartnersQueryDto,
  UpdateTradingPartnerDto,
} from './dto/trading-partner.dto';
import { columnsOf, type LocationDescription, locationOf } from './location-description';
import { TradingPartner } from './trading-partner.entity';

const auditView = (p: TradingPartner): Record<string, unknown> => ({ ...locationOf(p.location) });

/** The trading partners goods come from and go to: shared by every warehouse, like commodities. */
@Injectable()
export class TradingPartnersService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(query: ListTradingPartnersQueryDto): Promise<Page<TradingPartner>> {
    const builder = this.db.manager
      .getRepository(TradingPartner)
      .createQueryBuilder('p')
      .orderBy('p.location.businessName', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    if (query.q) {
      builder.andWhere(`p.location.businessName ILIKE :q ESCAPE '\\'`, {
        q: `%${likeEscape(query.q)}%`,
      });
    }
    if (query.country)
      builder.andWhere('p.location.country = :country', { country: query.country });
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  async get(id: string): Promise<TradingPartner> {
    const partner = await this.db.manager.findOneBy(TradingPartner, { id });
    if (!partner) throw new NotFoundError('Trading partner');
    return partner;
  }

  async create(input: CreateTradingPartnerDto): Promise<TradingPartner> {
    return this.uniqueGln(input.gln, () =>
      this.db.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(TradingPartner, { location: columnsOf(input) }),
        );
        await this.audit.record(manager, {
          action: 'trading_partner.created',
          entityType: 'trading_partner',
          entityId: saved.id,
          after: auditView(saved),
        });
        return saved;
      }),
    );
  }

  async update(id: string, changes: UpdateTradingPartnerDto): Promise<TradingPartner> {
    return this.uniqueGln(changes.gln, () =>
      this.db.transaction(async (manager) => {
        const partner = await manager.findOne(TradingPartner, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!partner) throw new NotFoundError('Trading partner');
        const before = auditView(partner);
        const given = Object.fromEntries(
          Object.entries(changes).filter(([, value]) => value !== undefined),
        ) as Partial<LocationDescription>;
        partner.location = columnsOf({ ...locationOf(partner.location), ...given });
        const diff = changedFields(before, auditView(partner));
        if (Object.keys(diff.after).length === 0) return partner;
        const saved = await manager.save(partner);
        await this.audit.record(manager, {
          action: 'trading_partner.updated',
          entityType: 'trading_partner',
          entityId: saved.id,
          ...diff,
        });
        return saved;
      }),
    );
  }

  private async uniqueGln(
    gln: string | null | undefined,
    work: () => Promise<TradingPartner>,
  ): Promise<TradingPartner> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`Another trading partner already has GLN ${gln ?? ''}.`);
      }
      throw error;
    }
  }
}
