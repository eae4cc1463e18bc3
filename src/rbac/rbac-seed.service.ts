import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { writeAuditEvent } from 'src/audit/audit.service';
import { UNRESTRICTED_ROLES } from './data-scope';
import {
  INVENTORY_MUTATIONS,
  Permission,
  PERMISSION_DESCRIPTIONS,
  UNRESTRICTED_ONLY,
} from './permission.enum';
import { PermissionEntity } from './permission.entity';
import { ROLE_DEFINITIONS, type RoleDefinition } from './role-definitions';
import { RoleName } from './role-name.enum';
import { RolePermission } from './role-permission.entity';
import { Role } from './role.entity';

export interface SeedReport {
  /** False when everything was already in place (one query). */
  changed: boolean;
  permissionsCreated: number;
  rolesCreated: number;
  linksCreated: number;
  /** Links of unrestricted-only permissions taken from scoped roles. */
  linksRemoved: number;
}

/** A non-admin role may not both change stock and approve invoices. */
export function separationViolations(
  roles: readonly { name: string; permissions: readonly string[] }[],
): string[] {
  return roles
    .filter((role) => role.name !== (RoleName.Admin as string))
    .filter(
      (role) =>
        role.permissions.includes(Permission.BillingInvoiceApprove) &&
        role.permissions.some((code) => (INVENTORY_MUTATIONS as readonly string[]).includes(code)),
    )
    .map((role) => role.name);
}

/**
 * The links a scoped role (any but ADMIN and BILLING_MANAGER) must not have: a permission that
 * acts on every warehouse at once. As `role: permission` pairs.
 */
export function scopeViolations(
  roles: readonly { name: string; permissions: readonly string[] }[],
): string[] {
  return roles
    .filter((role) => !UNRESTRICTED_ROLES.includes(role.name))
    .flatMap((role) =>
      role.permissions
        .filter((code) => (UNRESTRICTED_ONLY as readonly string[]).includes(code))
        .map((code) => `${role.name}: ${code}`),
    );
}

const SEED_LOCK_KEY = 727_002;

@Injectable()
export class RbacSeedService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Makes the permissions, roles and their links match the definitions: creates what is missing,
   * repairs missing links, never removes extra rows. Idempotent and safe to run concurrently.
   */
  async seed(definitions: readonly RoleDefinition[] = ROLE_DEFINITIONS): Promise<SeedReport> {
    const violations = separationViolations(definitions);
    if (violations.length > 0) {
      throw new Error(
        `Refusing to seed: role ${violations.join(', ')} would both change stock and approve invoices`,
      );
    }
    const overreach = scopeViolations(definitions);
    if (overreach.length > 0) {
      throw new Error(
        `Refusing to seed: ${overreach.join(', ')} would let a warehouse- or client-scoped role change what every warehouse shares`,
      );
    }
    if (await this.isComplete(this.dataSource.manager, definitions)) {
      return {
        changed: false,
        permissionsCreated: 0,
        rolesCreated: 0,
        linksCreated: 0,
        linksRemoved: 0,
      };
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const report = await this.apply(manager, definitions);
      await writeAuditEvent(manager, {
        action: 'rbac.seeded',
        entityType: 'role',
        after: {
          permissions_created: report.permissionsCreated,
          roles_created: report.rolesCreated,
          links_created: report.linksCreated,
          links_removed: report.linksRemoved,
        },
      });
      const stored = await this.storedRoles(manager);
      const existing = separationViolations(stored);
      if (existing.length > 0) {
        throw new Error(
          `Refusing to seed: role ${existing.join(', ')} in the database both changes stock and approves invoices; remove one of those links first`,
        );
      }
      return report;
    });
  }

  /** One query: every defined link present, and no scoped role holding an unrestricted one. */
  private async isComplete(
    manager: EntityManager,
    definitions: readonly RoleDefinition[],
  ): Promise<boolean> {
    const stored = await this.storedRoles(manager);
    const byName = new Map(stored.map((role) => [role.name, new Set(role.permissions)]));
    const permissionCount = new Set(stored.flatMap((r) => r.permissions)).size;
    return (
      permissionCount >= Object.values(Permission).length &&
      scopeViolations(stored).length === 0 &&
      definitions.every((def) => {
        const held = byName.get(def.name);
        return held !== undefined && def.permissions.every((code) => held.has(code));
      })
    );
  }

  private async storedRoles(
    manager: EntityManager,
  ): Promise<{ name: string; permissions: string[] }[]> {
    const rows = await manager.query<{ name: string; permissions: string[] }[]>(
      `SELECT r.name, coalesce(array_agg(p.code) FILTER (WHERE p.code IS NOT NULL), '{}') AS permissions
         FROM roles r
         LEFT JOIN role_permissions rp ON rp.role_id = r.id
         LEFT JOIN permissions p ON p.id = rp.permission_id
        GROUP BY r.name`,
    );
    return rows;
  }

  private async apply(
    manager: EntityManager,
    definitions: readonly RoleDefinition[],
  ): Promise<SeedReport> {
    const permissionRows = await manager
      .createQueryBuilder()
      .insert()
      .into(PermissionEntity)
      .values(
        Object.values(Permission).map((code) => ({
          code,
          description: PERMISSION_DESCRIPTIONS[code],
        })),
      )
      .orIgnore()
      .returning(['id'])
      .execute();
    const roleRows = await manager
      .createQueryBuilder()
      .insert()
      .into(Role)
      .values(definitions.map((def) => ({ name: def.name, description: def.description })))
      .orIgnore()
      .returning(['id'])
      .execute();

    const permissions = await manager.find(PermissionEntity);
    const roles = await manager.find(Role);
    const permissionId = new Map(permissions.map((p) => [p.code, p.id]));
    const roleId = new Map(roles.map((r) => [r.name, r.id]));
    const links = definitions.flatMap((def) =>
      def.permissions.map((code) => ({
        roleId: roleId.get(def.name) as string,
        permissionId: permissionId.get(code) as string,
      })),
    );
    const linkRows = await manager
      .createQueryBuilder()
      .insert()
      .into(RolePermission)
      .values(links)
      .orIgnore()
      .returning(['id'])
      .execute();
    // Databases seeded before a permission became unrestricted-only lose the scoped links here.
    const [, linksRemoved] = await manager.query<[unknown[], number]>(
      `DELETE FROM role_permissions rp
        USING roles r, permissions p
        WHERE r.id = rp.role_id AND p.id = rp.permission_id
          AND p.code = ANY($1) AND NOT (r.name = ANY($2))`,
      [UNRESTRICTED_ONLY, UNRESTRICTED_ROLES],
    );
    return {
      changed: true,
      linksRemoved,
      permissionsCreated: (permissionRows.raw as unknown[]).length,
      rolesCreated: (roleRows.raw as unknown[]).length,
      linksCreated: (linkRows.raw as unknown[]).length,
    };
  }
}

/** The database's `afterMigrate` step at boot: the roles and permissions the code expects. */
export async function seedRolesAfterMigrate(
  dataSource: DataSource,
  log: (message: string) => void,
): Promise<void> {
  const seeded = await new RbacSeedService(dataSource).seed();
  if (seeded.changed) log('Seeded roles and permissions');
}
