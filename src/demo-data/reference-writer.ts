import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserStatus } from 'src/rbac/user-status.enum';
import { bulkInsert } from './bulk-insert';
import { DEMO_ADMIN_EMAIL, type DemoPlan } from './generator';

/** Database ids of the plan's reference rows, by their index in the plan. */
export interface DemoIds {
  adminId: string;
  adminCreated: boolean;
  warehouses: string[];
  chambers: string[];
  commodities: string[];
  clients: string[];
  /** The operator of each warehouse, who records its movements. */
  operators: string[];
}

/**
 * Writes a plan's warehouses, chambers, commodities, accounts and clients with a transaction's
 * manager, and returns their ids for the lots to point at.
 */
export class DemoReferenceWriter {
  constructor(
    private readonly manager: EntityManager,
    private readonly plan: DemoPlan,
  ) {}

  async write(passwordHash: string): Promise<DemoIds> {
    const { manager, plan } = this;
    const roles = await manager.query<{ id: string; name: RoleName }[]>(
      'SELECT id, name FROM roles WHERE name = ANY($1)',
      [[RoleName.Admin, RoleName.Operator, RoleName.Client]],
    );
    const roleId = (name: RoleName): string => {
      const role = roles.find((r) => r.name === name);
      if (!role) throw new Error(`The ${name} role is missing: run \`npm run cli -- seed\`.`);
      return role.id;
    };
    const { adminId, adminCreated } = await this.ensureAdmin(passwordHash, roleId(RoleName.Admin));

    const ids: DemoIds = {
      adminId,
      adminCreated,
      warehouses: plan.warehouses.map(() => randomUUID()),
      chambers: plan.chambers.map(() => randomUUID()),
      commodities: [],
      clients: plan.clients.map(() => randomUUID()),
      operators: plan.operators.map(() => randomUUID()),
    };
    await bulkInsert(
      manager,
      'warehouses',
      {
        id: 'uuid',
        code: 'text',
        name: 'text',
        address: 'text',
        capacity: 'int',
        createdByAdminId: 'uuid',
      },
      plan.warehouses.map((w) => ({
        ...w,
        id: ids.warehouses[w.index],
        createdByAdminId: adminId,
      })),
    );
    await bulkInsert(
      manager,
      'chambers',
      {
        id: 'uuid',
        warehouseId: 'uuid',
        code: 'text',
        name: 'text',
        minTempC: 'numeric',
        maxTempC: 'numeric',
        capacityUnits: 'int',
      },
      plan.chambers.map((c) => ({
        ...c,
        id: ids.chambers[c.index],
        warehouseId: ids.warehouses[c.warehouseIndex],
      })),
    );
    ids.commodities = await this.writeCommodities();

    const clientUserIds = plan.clients.map(() => randomUUID());
    const people = [
      ...plan.operators.map((o, i) => ({ ...o, id: ids.operators[i], address: null })),
      ...plan.clients.map((c, i) => ({ ...c, id: clientUserIds[i], address: c.billingAddress })),
    ];
    await bulkInsert(
      manager,
      'users',
      {
        id: 'uuid',
        email: 'text',
        passwordHash: 'text',
        fullName: 'text',
        phone: 'text',
        address: 'text',
        status: 'user_status',
      },
      people.map((p) => ({ ...p, passwordHash, status: UserStatus.Active })),
    );
    await bulkInsert(manager, 'user_roles', { userId: 'uuid', roleId: 'uuid' }, [
      ...ids.operators.map((userId) => ({ userId, roleId: roleId(RoleName.Operator) })),
      ...clientUserIds.map((userId) => ({ userId, roleId: roleId(RoleName.Client) })),
    ]);
    await bulkInsert(
      manager,
      'operator_profiles',
      { userId: 'uuid', warehouseId: 'uuid', shiftStart: 'time', shiftEnd: 'time' },
      plan.operators.map((o, i) => ({
        ...o,
        userId: ids.operators[i],
        warehouseId: ids.warehouses[o.warehouseIndex],
      })),
    );
    await bulkInsert(
      manager,
      'clients',
      {
        id: 'uuid',
        userId: 'uuid',
        companyName: 'text',
        billingAddress: 'text',
        createdByAdminId: 'uuid',
      },
      plan.clients.map((c, i) => ({
        ...c,
        id: ids.clients[i],
        userId: clientUserIds[i],
        createdByAdminId: adminId,
      })),
    );
    return ids;
  }

  /** The demo admin, created only when absent: an existing account keeps its password. */
  private async ensureAdmin(
    passwordHash: string,
    adminRoleId: string,
  ): Promise<{ adminId: string; adminCreated: boolean }> {
    const created = await this.manager.query<{ id: string }[]>(
      `INSERT INTO users (email, password_hash, full_name, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [DEMO_ADMIN_EMAIL, passwordHash, 'Demo Administrator', UserStatus.Active],
    );
    if (created.length > 0) {
      await this.manager.query('INSERT INTO user_roles (user_id, role_id) VALUES ($1, $2)', [
        created[0].id,
        adminRoleId,
      ]);
      return { adminId: created[0].id, adminCreated: true };
    }
    const existing = await this.manager.query<{ id: string }[]>(
      'SELECT id FROM users WHERE email = $1',
      [DEMO_ADMIN_EMAIL],
    );
    return { adminId: existing[0].id, adminCreated: false };
  }

  /** The catalogue may already hold some of these commodities: those are reused, not copied. */
  private async writeCommodities(): Promise<string[]> {
    const { manager, plan } = this;
    await bulkInsert(
      manager,
      'commodities',
      {
        code: 'text',
        name: 'text',
        category: 'text',
        unit: 'commodity_unit',
        minTempC: 'numeric',
        maxTempC: 'numeric',
        shelfLifeDays: 'int',
      },
      plan.commodities.map((c) => ({ ...c.spec, minTempC: c.minTempC, maxTempC: c.maxTempC })),
      'ON CONFLICT (code) DO NOTHING',
    );
    const rows = await manager.query<{ id: string; code: string }[]>(
      'SELECT id, code FROM commodities WHERE code = ANY($1)',
      [plan.commodities.map((c) => c.spec.code)],
    );
    const byCode = new Map(rows.map((r) => [r.code, r.id]));
    return plan.commodities.map((c) => {
      const id = byCode.get(c.spec.code);
      if (id === undefined) throw new Error(`Commodity ${c.spec.code} was not written`);
      return id;
    });
  }
}
