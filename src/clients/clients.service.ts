import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { ForbiddenError } from 'src/common/errors/domain.errors';
import type { DataScope } from 'src/rbac/data-scope';
import { Client } from './client.entity';

@Injectable()
export class ClientsService {
  constructor(@InjectRepository(Client) private readonly clients: Repository<Client>) {}

  /** The caller's own client profile. */
  async mine(scope: DataScope): Promise<Client> {
    const client =
      scope.kind === 'client' && scope.clientId
        ? await this.clients.findOneBy({ id: scope.clientId })
        : null;
    if (!client) throw new ForbiddenError('No client profile is linked to your account.');
    return client;
  }
}
