import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { UserStatus } from 'src/users/user-status.enum';
import { resolveScope } from './data-scope';
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
    const rows = await this.dataSource.query<PrincipalRow[]>(
      `SELECT u.id, u.email, u.status,
              coalesce(array_agg(DISTINCT r.id::text) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_ids,
              coalesce(array_agg(DISTINCT r.name::text) FILTER (WHERE r.id IS NOT NULL), '{}') AS role_names,
              coalesce(array_agg(DISTINCT p.code::text) FILTER (WHERE p.id IS NOT NULL), '{}') AS permissions,
              op.warehouse_id, c.id AS client_id,
              (s.id IS NOT NULL AND s.revoked_at IS NULL AND s.expires_at > now()) AS session_open
         FROM users u
         LEFT JOIN user_roles ur ON ur.user_id = u.id
         LEFT JOIN roles r ON r.id = ur.role_id
         LEFT JOIN role_permissions rp ON rp.role_id = r.id
         LEFT JOIN permissions p ON p.id = rp.permission_id
         LEFT JOIN operator_profiles op ON op.user_id = u.id
         LEFT JOIN clients c ON c.user_id = u.id
         LEFT JOIN sessions s ON s.id = $2 AND s.user_id = u.id
        WHERE u.id = $1
        GROUP BY u.id, op.warehouse_id, c.id, s.id`,
      [userId, sessionId],
    );
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
