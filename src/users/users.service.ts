import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { likeEscape, SqlConditions } from 'src/common/sql-conditions';
import { mayManageUser } from 'src/rbac/authority';
import { scopeCondition, type DataScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { RoleName } from 'src/rbac/role-name.enum';
import type { ListUsersQueryDto, UserOutDto } from './dto/user.dto';
import { UserStatus } from 'src/rbac/user-status.enum';
import { USER_SESSIONS, type UserSessions } from './user-sessions';

interface UserRow {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  address: string | null;
  status: UserStatus;
  roles: string[];
  created_at: Date;
  total: string;
}

const USER_COLUMNS = `u.id, u.email, u.full_name, u.phone, u.address, u.status, u.created_at,
  coalesce((SELECT array_agg(r.name ORDER BY r.name) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
             WHERE ur.user_id = u.id), '{}') AS roles`;

/** A user an action is about, locked for the action's transaction. */
interface TargetRow {
  status: UserStatus;
  roles: string[];
  disabled_by_admin: boolean;
}

const NOT_YOURS = 'You can only manage users whose roles you could give them yourself.';
const ADMIN_DISABLED =
  'This user was disabled by an administrator; only an administrator can enable them again.';

/**
 * Users a scope may see, for raw SQL over `users u`: everyone when unrestricted, the operators
 * of a warehouse, a client only itself.
 */
function usersInScope(scope: DataScope, params: unknown[]): string {
  if (scope.kind === 'client') return `u.id = $${params.push(scope.userId)}`;
  return scopeCondition(
    scope,
    {
      warehouse: (id) =>
        `EXISTS (SELECT 1 FROM operator_profiles op WHERE op.user_id = u.id AND op.warehouse_id = ${id})`,
    },
    params,
  );
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(USER_SESSIONS) private readonly sessions: UserSessions,
    private readonly audit: AuditService,
  ) {}

  /**
   * Scope as the first version had it: unrestricted sees everyone, a warehouse holder the users
   * of its warehouse, a client only itself. One query, total included.
   */
  async list(scope: DataScope, query: ListUsersQueryDto): Promise<Page<UserOutDto>> {
    const where = new SqlConditions();
    where.add(usersInScope(scope, where.params));
    if (query.status) where.add(`u.status = ${where.param(query.status)}`);
    if (query.email)
      where.add(`u.email LIKE ${where.param(`%${likeEscape(query.email.toLowerCase())}%`)}`);
    if (query.role) {
      where.add(
        `EXISTS (SELECT 1 FROM user_roles fr JOIN roles frr ON frr.id = fr.role_id WHERE fr.user_id = u.id AND frr.name = ${where.param(query.role)})`,
      );
    }
    const page = where.params.length;
    const rows = await this.dataSource.query<UserRow[]>(
      `SELECT ${USER_COLUMNS}, count(*) OVER () AS total
         FROM users u
        ${where.sql()}
        ORDER BY u.created_at, u.id
        OFFSET $${page + 1} LIMIT $${page + 2}`,
      [...where.params, query.skip, query.limit],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(where);
    return { items: rows.map(toUserOut), total };
  }

  /** The total when the page itself is empty (skip past the end). */
  private async count(where: SqlConditions): Promise<number> {
    const [row] = await this.dataSource.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM users u ${where.sql()}`,
      where.params,
    );
    return Number(row.n);
  }

  /** One user as UserOut, by id (no scope: for the user just created or the caller itself). */
  async getOut(id: string, manager: EntityManager = this.dataSource.manager): Promise<UserOutDto> {
    const rows = await manager.query<UserRow[]>(
      `SELECT ${USER_COLUMNS}, 1 AS total FROM users u WHERE u.id = $1`,
      [id],
    );
    const row = rows.at(0);
    if (!row) throw new NotFoundError('User');
    return toUserOut(row);
  }

  /**
   * The user an action is about, locked: 404 outside the caller's scope, 403 when it holds a
   * role the caller could not give (a warehouse's manager acts on its operators only).
   */
  private async lockTarget(
    manager: EntityManager,
    caller: Principal,
    id: string,
  ): Promise<TargetRow> {
    const params: unknown[] = [id];
    const [target] = await manager.query<(TargetRow | undefined)[]>(
      `SELECT u.status, u.disabled_by_admin,
              coalesce((SELECT array_agg(r.name::text) FROM user_roles ur JOIN roles r ON r.id = ur.role_id
                         WHERE ur.user_id = u.id), '{}') AS roles
         FROM users u WHERE u.id = $1 AND ${usersInScope(caller.scope, params)} FOR UPDATE`,
      params,
    );
    if (!target) throw new NotFoundError('User');
    if (!mayManageUser(caller, target.roles)) throw new ForbiddenError(NOT_YOURS);
    return target;
  }

  /**
   * Disabling takes effect on the user's next request (every request re-reads the status).
   * Not yourself, and never the last active admin: the company must keep a way in.
   */
  async disable(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (id === caller.userId) throw new ConflictError('You cannot disable your own account.');
      // Serialise admin removals so two concurrent disables cannot remove the last two admins.
      await manager.query('SELECT pg_advisory_xact_lock(727003)');
      const target = await this.lockTarget(manager, caller, id);
      if (target.status === UserStatus.Disabled) return;
      if (target.roles.includes(RoleName.Admin) && target.status === UserStatus.Active) {
        const [{ n }] = await manager.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE r.name = $1 AND u.status = 'ACTIVE'`,
          [RoleName.Admin],
        );
        if (Number(n) <= 1)
          throw new ConflictError('The last active administrator cannot be disabled.');
      }
      await manager.query(
        `UPDATE users SET status = 'DISABLED', disabled_by_admin = $2, updated_at = now()
          WHERE id = $1`,
        [id, caller.scope.kind === 'all'],
      );
      const ended = await this.sessions.endAllForUser(manager, id, 'disabled');
      await this.audit.record(manager, {
        action: 'user.disabled',
        entityType: 'user',
        entityId: id,
        before: { status: target.status },
        after: { status: UserStatus.Disabled, sessions_ended: ended },
      });
    });
  }

  async enable(caller: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const target = await this.lockTarget(manager, caller, id);
      if (target.status === UserStatus.Invited) {
        throw new ConflictError('This user has not accepted their invitation yet.');
      }
      if (target.status === UserStatus.Active) return;
      if (target.disabled_by_admin && caller.scope.kind !== 'all') {
        throw new ForbiddenError(ADMIN_DISABLED);
      }
      await manager.query(
        `UPDATE users SET status = 'ACTIVE', disabled_by_admin = false, updated_at = now()
          WHERE id = $1`,
        [id],
      );
      await this.audit.record(manager, {
        action: 'user.enabled',
        entityType: 'user',
        entityId: id,
        before: { status: target.status },
        after: { status: UserStatus.Active },
      });
    });
  }

  /** Ends every session of a user in scope: their tokens stop working on the next request. */
  async forceLogout(caller: Principal, id: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockTarget(manager, caller, id);
      const ended = await this.sessions.endAllForUser(manager, id, 'force_logout');
      await this.audit.record(manager, {
        action: 'auth.force_logout',
        entityType: 'user',
        entityId: id,
        after: { sessions_ended: ended },
      });
      return ended;
    });
  }
}

function toUserOut(row: UserRow): UserOutDto {
  return {
    id: row.id,
    email: row.email,
    full_name: row.full_name,
    phone: row.phone,
    address: row.address,
    status: row.status,
    roles: row.roles,
    created_at: new Date(row.created_at).toISOString(),
  };
}
