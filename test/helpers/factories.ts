import { hash } from 'bcrypt';
import request from 'supertest';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { Client } from 'src/clients/client.entity';
import { RbacSeedService } from 'src/rbac/rbac-seed.service';
import { RoleName } from 'src/rbac/role-name.enum';
import { Role } from 'src/rbac/role.entity';
import { UserRole } from 'src/rbac/user-role.entity';
import { OperatorProfile } from 'src/users/operator-profile.entity';
import { User } from 'src/users/user.entity';
import { UserStatus } from 'src/rbac/user-status.enum';
import { Warehouse } from 'src/warehouses/warehouse.entity';

export const DEFAULT_PASSWORD = 'violet-harbour-73-tides';
let sequence = 0;
const next = (): number => (sequence += 1);

export function seedRoles(dataSource: DataSource): Promise<unknown> {
  return new RbacSeedService(dataSource).seed();
}

export async function makeWarehouse(
  dataSource: DataSource,
  overrides: Partial<Warehouse> = {},
): Promise<Warehouse> {
  const n = next();
  return dataSource.getRepository(Warehouse).save({
    code: `WH${n}`,
    name: `Warehouse ${n}`,
    address: `${n} Cold Chain Road`,
    capacity: 1000,
    ...overrides,
  });
}

export interface MadeUser {
  user: User;
  email: string;
  password: string;
}

/** A user with a role, and the profile that role needs (warehouse or client). */
export async function makeUser(
  dataSource: DataSource,
  options: {
    role?: RoleName;
    email?: string;
    password?: string;
    status?: UserStatus;
    warehouseId?: string;
    companyName?: string;
  } = {},
): Promise<MadeUser> {
  const n = next();
  const role = options.role ?? RoleName.Admin;
  const email = options.email ?? `${role.toLowerCase()}${n}@example.com`;
  const password = options.password ?? DEFAULT_PASSWORD;
  const user = await dataSource.getRepository(User).save({
    email,
    fullName: `${role} ${n}`,
    passwordHash: await hash(password, 4),
    status: options.status ?? UserStatus.Active,
  });
  const roleRow = await dataSource.getRepository(Role).findOneByOrFail({ name: role });
  await dataSource.getRepository(UserRole).save({ userId: user.id, roleId: roleRow.id });
  if (options.warehouseId) {
    await dataSource
      .getRepository(OperatorProfile)
      .save({ userId: user.id, warehouseId: options.warehouseId });
  }
  if (role === RoleName.Client) {
    await dataSource
      .getRepository(Client)
      .save({ userId: user.id, companyName: options.companyName ?? `Client Co ${n}` });
  }
  return { user, email, password };
}

export async function login(
  server: Server,
  email: string,
  password = DEFAULT_PASSWORD,
): Promise<string> {
  const res = await request(server).post('/api/auth/login').send({ email, password }).expect(200);
  return (res.body as { access_token: string }).access_token;
}

/** The token in an invitation link (from the API response or an email body). */
export function tokenFromLink(text: string): string {
  const match = /accept-invitation\?token=([A-Za-z0-9_%-]+)/.exec(text);
  if (!match) throw new Error('No invitation link found');
  return decodeURIComponent(match[1]);
}

/**
 * The audit actions recorded about one entity, oldest first. Events of one transaction share its
 * created_at; the table is append-only, so its physical order (ctid) is the order of writing.
 */
export async function auditActions(dataSource: DataSource, entityId: string): Promise<string[]> {
  const rows = await dataSource.query<{ action: string }[]>(
    'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at, ctid',
    [entityId],
  );
  return rows.map((row) => row.action);
}
