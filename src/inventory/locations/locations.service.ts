import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { compareDecimal } from 'src/common/decimal';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import { likePrefix } from 'src/common/sql-conditions';
import { invalid } from 'src/common/validation/validation-failed.error';
import { Db } from 'src/database/db';
import { onUniqueViolation } from 'src/database/database-errors';
import type { DataScope } from 'src/rbac/data-scope';
import type { Chamber } from 'src/warehouses/chamber.entity';
import { chamberInScope } from './chamber-in-scope';
import type {
  BulkCreateLocationsDto,
  BulkCreateLocationsOutDto,
  CreateLocationDto,
  ListLocationsQueryDto,
  LocationOutDto,
  UpdateLocationDto,
} from './dto/location.dto';
import { planLayout, type PlannedLocation } from './location-codes';
import { EMPTY_USAGE, usageOf, type LocationUsage } from './location-usage';
import { StorageLocation } from './storage-location.entity';

const auditView = (l: StorageLocation): Record<string, unknown> => ({
  code: l.code,
  name: l.name,
  kind: l.kind,
  parent_id: l.parentId,
  capacity_units: l.capacityUnits,
  capacity_kg: l.capacityKg,
  capacity_pallets: l.capacityPallets,
  active: l.active,
  blocked: l.blocked,
  blocked_reason: l.blockedReason,
});

export function toLocationOut(l: StorageLocation, usage: LocationUsage): LocationOutDto {
  return {
    id: l.id,
    warehouse_id: l.warehouseId,
    chamber_id: l.chamberId,
    parent_id: l.parentId,
    kind: l.kind,
    code: l.code,
    name: l.name,
    path: l.path,
    depth: l.depth,
    capacity_units: l.capacityUnits,
    capacity_kg: l.capacityKg,
    capacity_pallets: l.capacityPallets,
    active: l.active,
    blocked: l.blocked,
    blocked_reason: l.blockedReason,
    used_units: usage.units,
    used_kg: usage.kg,
    used_pallets: usage.pallets,
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

const duplicateCode = (code: string | undefined): ConflictError =>
  new ConflictError(`A location with code ${code ?? ''} already exists in this chamber.`);

/** The location tree of each chamber: listing, one location, creation (one or a layout), changes. */
@Injectable()
export class LocationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  async list(
    scope: DataScope,
    chamberId: string,
    query: ListLocationsQueryDto,
  ): Promise<Page<LocationOutDto>> {
    const manager = this.db.manager;
    await chamberInScope(manager, scope, chamberId);
    const builder = manager
      .createQueryBuilder(StorageLocation, 's')
      .where('s.chamberId = :chamberId', { chamberId });
    if (query.parent_id) builder.andWhere('s.parentId = :parentId', { parentId: query.parent_id });
    if (query.kind) builder.andWhere('s.kind = :kind', { kind: query.kind });
    if (query.code) builder.andWhere('s.code LIKE :code', { code: likePrefix(query.code) });
    const [rows, total] = await builder
      .orderBy('s.path', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip(query.skip)
      .take(query.limit)
      .getManyAndCount();
    const usage = await usageOf(
      manager,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toLocationOut(r, usage.get(r.id) ?? EMPTY_USAGE)), total };
  }

  async get(scope: DataScope, chamberId: string, id: string): Promise<LocationOutDto> {
    const manager = this.db.manager;
    await chamberInScope(manager, scope, chamberId);
    const location = await this.one(manager, chamberId, id);
    return this.out(manager, location);
  }

  async create(
    scope: DataScope,
    chamberId: string,
    input: CreateLocationDto,
  ): Promise<LocationOutDto> {
    return this.write(input.code, async (manager) => {
      const chamber = await chamberInScope(manager, scope, chamberId);
      const parent = input.parent_id
        ? await this.parentIn(manager, chamber, input.parent_id, 'parent_id')
        : null;
      const blocked = input.blocked ?? false;
      const saved = await manager.save(
        manager.create(StorageLocation, {
          warehouseId: chamber.warehouseId,
          chamberId: chamber.id,
          parentId: parent?.id ?? null,
          kind: input.kind,
          code: input.code,
          name: input.name ?? null,
          path: parent ? `${parent.path}/${input.code}` : input.code,
          depth: parent ? parent.depth + 1 : 0,
          capacityUnits: input.capacity_units ?? null,
          capacityKg: input.capacity_kg ?? null,
          capacityPallets: input.capacity_pallets ?? null,
          active: input.active ?? true,
          blocked,
          blockedReason: blocked ? (input.blocked_reason ?? null) : null,
        }),
      );
      await this.audit.record(manager, {
        action: 'storage_location.created',
        entityType: 'storage_location',
        entityId: saved.id,
        warehouseId: chamber.warehouseId,
        after: auditView(saved),
      });
      return toLocationOut(saved, EMPTY_USAGE);
    });
  }

  async update(
    scope: DataScope,
    chamberId: string,
    id: string,
    changes: UpdateLocationDto,
  ): Promise<LocationOutDto> {
    return this.write(changes.code, async (manager) => {
      const chamber = await chamberInScope(manager, scope, chamberId);
      // Locked as a placement locks it, so a capacity check here sees every placement.
      const location = await this.one(manager, chamberId, id, true);
      const before = auditView(location);
      const oldPath = location.path;
      const oldDepth = location.depth;
      if (changes.code !== undefined) location.code = changes.code;
      if (changes.name !== undefined) location.name = changes.name;
      if (changes.kind !== undefined) location.kind = changes.kind;
      if (changes.capacity_units !== undefined) location.capacityUnits = changes.capacity_units;
      if (changes.capacity_kg !== undefined) location.capacityKg = changes.capacity_kg;
      if (changes.capacity_pallets !== undefined)
        location.capacityPallets = changes.capacity_pallets;
      if (changes.active !== undefined) location.active = changes.active;
      if (changes.blocked !== undefined) location.blocked = changes.blocked;
      if (changes.blocked_reason !== undefined) location.blockedReason = changes.blocked_reason;
      if (!location.blocked) location.blockedReason = null;
      let parent: StorageLocation | null = null;
      if (changes.parent_id !== undefined) {
        parent = changes.parent_id
          ? await this.parentIn(manager, chamber, changes.parent_id, 'parent_id')
          : null;
        if (parent && (parent.id === location.id || parent.path.startsWith(`${oldPath}/`))) {
          throw invalid('parent_id', 'parent_id may not be the location itself or one below it');
        }
        location.parentId = parent?.id ?? null;
      } else if (location.parentId) {
        parent = await this.one(manager, chamberId, location.parentId);
      }
      location.path = parent ? `${parent.path}/${location.code}` : location.code;
      location.depth = parent ? parent.depth + 1 : 0;
      const diff = changedFields(before, auditView(location));
      if (Object.keys(diff.after).length === 0) return this.out(manager, location);
      const usage = (await usageOf(manager, [location.id])).get(location.id) ?? EMPTY_USAGE;
      assertCapacityHolds(location, usage);
      const saved = await manager.save(location);
      if (saved.path !== oldPath) {
        // The locations below follow: their paths start with this one's.
        await manager.query(
          `UPDATE storage_locations
                  SET path = $3 || substr(path, length($2) + 1), depth = depth + $4, updated_at = now()
                WHERE chamber_id = $1 AND left(path, length($2) + 1) = $2 || '/'`,
          [chamberId, oldPath, saved.path, saved.depth - oldDepth],
        );
      }
      await this.audit.record(manager, {
        action: 'storage_location.updated',
        entityType: 'storage_location',
        entityId: saved.id,
        warehouseId: chamber.warehouseId,
        before: diff.before,
        after: diff.after,
      });
      return toLocationOut(saved, usage);
    });
  }

  /**
   * Creates a layout (see planLayout) in one transaction: parents that exist under the expected
   * parent are reused, the rest is inserted a depth at a time.
   */
  async bulkCreate(
    scope: DataScope,
    chamberId: string,
    input: BulkCreateLocationsDto,
  ): Promise<BulkCreateLocationsOutDto> {
    const plan = planLayout(input.code_template, {
      floor: input.floors,
      rack: input.racks,
      level: input.levels,
      slot: input.slots,
    });
    return onUniqueViolation(
      () =>
        this.db.transaction(async (manager) => {
          const chamber = await chamberInScope(manager, scope, chamberId);
          const root = input.parent_id
            ? await this.parentIn(manager, chamber, input.parent_id, 'parent_id')
            : null;
          const existing = await manager.query<
            { id: string; code: string; parent_id: string | null; path: string; depth: number }[]
          >(
            `SELECT id, code, parent_id, path, depth FROM storage_locations
              WHERE chamber_id = $1 AND code = ANY($2::text[])`,
            [chamberId, plan.map((p) => p.code)],
          );
          const byCode = new Map<string, { id: string; path: string; depth: number }>(
            existing.map((l) => [l.code, l]),
          );
          const existingParent = new Map(existing.map((l) => [l.code, l.parent_id]));
          let created = 0;
          let reused = 0;
          const maxDepth = Math.max(...plan.map((p) => p.depth));
          for (let depth = 0; depth <= maxDepth; depth += 1) {
            const rows: {
              id: string;
              p: PlannedLocation;
              parentId: string | null;
              path: string;
            }[] = [];
            for (const p of plan.filter((x) => x.depth === depth)) {
              const parent = p.parentCode ? byCode.get(p.parentCode) : root;
              const parentId = parent?.id ?? null;
              if (byCode.has(p.code)) {
                if (p.leaf || existingParent.get(p.code) !== parentId) throw duplicateCode(p.code);
                reused += 1;
                continue;
              }
              const row = {
                id: randomUUID(),
                p,
                parentId,
                path: parent ? `${parent.path}/${p.code}` : p.code,
              };
              byCode.set(p.code, {
                id: row.id,
                path: row.path,
                depth: (root ? root.depth + 1 : 0) + depth,
              });
              rows.push(row);
            }
            if (rows.length === 0) continue;
            await manager.query(
              `INSERT INTO storage_locations (id, warehouse_id, chamber_id, parent_id, kind, code, path,
                                              depth, capacity_units, capacity_kg, capacity_pallets)
               SELECT id, $1, $2, parent_id, kind::storage_location_kind, code, path, $3,
                      CASE WHEN $4 THEN $5::int END, CASE WHEN $4 THEN $6::numeric END,
                      CASE WHEN $4 THEN $7::int END
                 FROM unnest($8::uuid[], $9::uuid[], $10::text[], $11::text[], $12::text[])
                   AS r (id, parent_id, kind, code, path)`,
              [
                chamber.warehouseId,
                chamberId,
                (root ? root.depth + 1 : 0) + depth,
                rows[0].p.leaf,
                input.capacity_units ?? null,
                input.capacity_kg ?? null,
                input.capacity_pallets ?? null,
                rows.map((r) => r.id),
                rows.map((r) => r.parentId),
                rows.map((r) => r.p.kind),
                rows.map((r) => r.p.code),
                rows.map((r) => r.path),
              ],
            );
            created += rows.length;
          }
          const leaves = plan.filter((p) => p.leaf).length;
          await this.audit.record(manager, {
            action: 'storage_location.bulk_created',
            entityType: 'chamber',
            entityId: chamber.id,
            warehouseId: chamber.warehouseId,
            after: {
              code_template: input.code_template,
              parent_id: root?.id ?? null,
              created,
              reused,
              leaves,
            },
          });
          return { created, reused, leaves };
        }),
      () => new ConflictError('Some of these locations already exist in this chamber.'),
    );
  }

  /** A change in one transaction; a clash on the chamber's unique code becomes a 409 naming it. */
  private write<T>(
    code: string | undefined,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return onUniqueViolation(
      () => this.db.transaction(work),
      () => duplicateCode(code),
    );
  }

  private async out(manager: EntityManager, location: StorageLocation): Promise<LocationOutDto> {
    const usage = await usageOf(manager, [location.id]);
    return toLocationOut(location, usage.get(location.id) ?? EMPTY_USAGE);
  }

  private async one(
    manager: EntityManager,
    chamberId: string,
    id: string,
    lock = false,
  ): Promise<StorageLocation> {
    const location = await manager.findOne(StorageLocation, {
      where: { id, chamberId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!location) throw new NotFoundError('Location');
    return location;
  }

  /** A parent named in a body must be a location of the same chamber (422 otherwise). */
  private async parentIn(
    manager: EntityManager,
    chamber: Chamber,
    parentId: string,
    field: string,
  ): Promise<StorageLocation> {
    const parent = await manager.findOneBy(StorageLocation, {
      id: parentId,
      chamberId: chamber.id,
    });
    if (!parent) throw invalid(field, `${field} is not a location of chamber ${chamber.code}`);
    return parent;
  }
}

/** A capacity may not be set below what the location already holds. */
function assertCapacityHolds(location: StorageLocation, usage: LocationUsage): void {
  const over =
    (location.capacityUnits !== null && usage.units > location.capacityUnits) ||
    (location.capacityKg !== null && compareDecimal(usage.kg, location.capacityKg, 3) > 0) ||
    (location.capacityPallets !== null && usage.pallets > location.capacityPallets);
  if (over) {
    throw new ConflictError(
      `Location ${location.code} holds ${usage.units} units (${usage.kg} kg, ${usage.pallets} pallets): its capacity may not go below that.`,
    );
  }
}
