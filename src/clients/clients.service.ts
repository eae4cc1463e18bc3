import { Injectable } from '@nestjs/common';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ForbiddenError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { likeEscape } from 'src/common/sql-conditions';
import { Db } from 'src/database/db';
import type { DataScope } from 'src/rbac/data-scope';
import { Client } from './client.entity';
import type { ListClientsQueryDto, UpdateClientDto } from './dto/client.dto';

function profile(client: Client): Record<string, unknown> {
  return {
    company_name: client.companyName,
    billing_address: client.billingAddress,
    document_language: client.documentLanguage,
  };
}

@Injectable()
export class ClientsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  /** The caller's own client profile. */
  async mine(scope: DataScope): Promise<Client> {
    const client =
      scope.kind === 'client' && scope.clientId
        ? await this.db.manager.findOneBy(Client, { id: scope.clientId })
        : null;
    if (!client) throw new ForbiddenError('No client profile is linked to your account.');
    return client;
  }

  /** Client profiles, by company name. */
  async list(query: ListClientsQueryDto): Promise<Page<Client>> {
    const builder = this.db.manager
      .getRepository(Client)
      .createQueryBuilder('c')
      .orderBy('c.companyName', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .skip(query.skip)
      .take(query.limit);
    if (query.company_name) {
      builder.where(`c.companyName ILIKE :name ESCAPE '\\'`, {
        name: `%${likeEscape(query.company_name)}%`,
      });
    }
    const [items, total] = await builder.getManyAndCount();
    return { items, total };
  }

  /** Changes a client's name, address or document language; audited with what changed. */
  async update(id: string, input: UpdateClientDto): Promise<Client> {
    return this.db.transaction(async (manager) => {
      const client = await manager.findOne(Client, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!client) throw new NotFoundError('Client');
      const before = profile(client);
      if (input.company_name !== undefined) client.companyName = input.company_name;
      if (input.billing_address !== undefined) client.billingAddress = input.billing_address;
      if (input.document_language !== undefined) client.documentLanguage = input.document_language;
      const change = changedFields(before, profile(client));
      if (Object.keys(change.after).length === 0) return client;
      const saved = await manager.save(client);
      await this.audit.record(manager, {
        action: 'client.updated',
        entityType: 'client',
        entityId: client.id,
        clientId: client.id,
        ...change,
      });
      return saved;
    });
  }
}
