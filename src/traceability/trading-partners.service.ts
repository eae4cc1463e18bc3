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
import { TradingPartner } from './trading-partner.entity';

const auditView = (p: TradingPartner): Record<string, unknown> => ({
  business_name: p.businessName,
  phone: p.phone,
  street_address: p.streetAddress,
  city: p.city,
  region: p.region,
  postal_code: p.postalCode,
  country: p.country,
  gln: p.gln,
});

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
      .orderBy('p.businessName', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    if (query.q) {
      builder.andWhere(`p.businessName ILIKE :q ESCAPE '\\'`, { q: `%${likeEscape(query.q)}%` });
    }
    if (query.country) builder.andWhere('p.country = :country', { country: query.country });
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
          manager.create(TradingPartner, {
            businessName: input.business_name,
            phone: input.phone,
            streetAddress: input.street_address,
            city: input.city,
            region: input.region,
            postalCode: input.postal_code,
            country: input.country,
            gln: input.gln ?? null,
          }),
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
        if (changes.business_name !== undefined) partner.businessName = changes.business_name;
        if (changes.phone !== undefined) partner.phone = changes.phone;
        if (changes.street_address !== undefined) partner.streetAddress = changes.street_address;
        if (changes.city !== undefined) partner.city = changes.city;
        if (changes.region !== undefined) partner.region = changes.region;
        if (changes.postal_code !== undefined) partner.postalCode = changes.postal_code;
        if (changes.country !== undefined) partner.country = changes.country;
        if (changes.gln !== undefined) partner.gln = changes.gln;
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
