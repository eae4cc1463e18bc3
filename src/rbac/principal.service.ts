import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserStatus } from 'src/users/user-status.enum';
import { resolveScope } from './data-scope';
import { PRINCIPAL_SQL } from './principal.sql';
import type { Principal } from './principal';

interface PrincipalRow {
  id: string;
  email: string;
  status: UserStatus;
  role_ids: string[];
  role_names: string[];
  permissions: string[];
  warehouse_id: string | null;
  client_id: string | null;
  session_open: boolean;
}

/** Loads a user with roles, permissions and scope in one query. */
@Injectable()
export class PrincipalService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** With a session id, also tells whether that session of this user is still open. */
  async load(userId: string, sessionId: string | null = null): Promise<Principal | null> {
    const rows = await this.dataSource.query<PrincipalRow[]>(PRINCIPAL_SQL, [userId, sessionId]);
    const row = rows.at(0);
    if (!row) return null;
    return {
      userId: row.id,
      email: row.email,
      status: row.status,
      roleIds: row.role_ids,
      roleNames: row.role_names,
      permissions: new Set(row.permissions),
      warehouseId: row.warehouse_id,
      clientId: row.client_id,
      sessionId: row.session_open ? sessionId : null,
      scope: resolveScope({
        userId: row.id,
        roleNames: row.role_names,
        warehouseId: row.warehouse_id,
        clientId: row.client_id,
      }),
    };
  }
}
