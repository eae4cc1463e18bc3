import { isUniqueViolation } from 'src/database/database-errors';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AuditService, changedFields } from 'src/audit/audit.service';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { whereInScope, type DataScope } from 'src/rbac/data-scope';
import type { CreateWarehouseDto, UpdateWarehouseDto } from './dto/warehouse.dto';
import { Warehouse } from './warehouse.entity';

const auditView = (w: Warehouse): Record<string, unknown> => ({
  code: w.code,
  name: w.name,
  address: w.address,
  capacity: w.capacity,
  timezone: w.timezone,
});

/** "Pune Central Cold Store" → "PUNE-CENTRAL": upper-case words, at most 12 characters. */
export function deriveWarehouseCode(name: string): string {
  const words = name
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let code = '';
  for (const word of words) {
    const next = code ? `${code}-${word}` : word;
    if (next.length > 12) break;
    code = next;
  }
  code ||= (words[0] ?? '').slice(0, 12);
  return code.length >= 2 ? code : `WH${code}`;
}

@Injectable()
export class WarehousesService {
  constructor(
    @InjectRepository(Warehouse) private readonly warehouses: Repository<Warehouse>,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** Saves and records the change in one transaction. */
  private async saveAudited(
    warehouse: Warehouse,
    action: string,
    before: Record<string, unknown> | null,
  ): Promise<Warehouse> {
    return this.warehouses.manager.transaction(async (manager) => {
      const saved = await manager.save(warehouse);
      const after = auditView(saved);
      const diff = before ? changedFields(before, after) : { before: null, after };
      await this.audit.record(manager, {
        action,
        entityType: 'warehouse',
        entityId: saved.id,
        warehouseId: saved.id,
        before: diff.before,
        after: diff.after,
      });
      return saved;
    });
  }

  async create(input: CreateWarehouseDto, createdBy: string | null): Promise<Warehouse> {
    const fields = {
      name: input.name,
      address: input.address,
      capacity: input.capacity ?? null,
      timezone: input.timezone ?? this.config.get('billing.defaultTimezone', { infer: true }),
      createdByAdminId: createdBy,
    };
    if (input.code) {
      try {
        return await this.saveAudited(
          this.warehouses.create({ ...fields, code: input.code }),
          'warehouse.created',
          null,
        );
      } catch (error) {
        if (isUniqueViolation(error))
          throw new ConflictError(`A warehouse with code ${input.code} already exists.`);
        throw error;
      }
    }
    // Derived codes take the first free suffix; a concurrent create of the same name retries.
    const base = deriveWarehouseCode(input.name);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = await this.firstFreeCode(base);
      try {
        return await this.saveAudited(
          this.warehouses.create({ ...fields, code }),
          'warehouse.created',
          null,
        );
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new ConflictError('Could not derive a free warehouse code; please provide one.');
  }

  private async firstFreeCode(base: string): Promise<string> {
    const rows = await this.warehouses
      .createQueryBuilder('w')
      .select('w.code', 'code')
      .where('w.code = :base OR w.code LIKE :pattern', { base, pattern: `${base}-%` })
      .getRawMany<{ code: string }>();
    const taken = new Set(rows.map((r) => r.code));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) {
      const candidate = `${base}-${n}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  async list(scope: DataScope, skip: number, limit: number): Promise<Page<Warehouse>> {
    const query = this.warehouses
      .createQueryBuilder('w')
      .orderBy('w.createdAt', 'ASC')
      .addOrderBy('w.id', 'ASC');
    whereInScope(query, scope, { warehouse: 'w.id' });
    const [items, total] = await query.skip(skip).take(limit).getManyAndCount();
    return { items, total };
  }

  /** A warehouse outside the caller's scope is "not found", never "forbidden". */
  async get(scope: DataScope, id: string): Promise<Warehouse> {
    const query = this.warehouses.createQueryBuilder('w').where('w.id = :id', { id });
    whereInScope(query, scope, { warehouse: 'w.id' });
    const warehouse = await query.getOne();
    if (!warehouse) throw new NotFoundError('Warehouse');
    return warehouse;
  }

  async update(scope: DataScope, id: string, changes: UpdateWarehouseDto): Promise<Warehouse> {
    const warehouse = await this.get(scope, id);
    const before = auditView(warehouse);
    if (changes.name !== undefined) warehouse.name = changes.name;
    if (changes.address !== undefined) warehouse.address = changes.address;
    if (changes.capacity !== undefined) warehouse.capacity = changes.capacity;
    if (changes.code !== undefined) warehouse.code = changes.code;
    if (changes.timezone !== undefined && changes.timezone !== warehouse.timezone) {
      // Approved invoices counted this zone's days: moving the zone would move their periods.
      const billed = await this.warehouses.manager.query<unknown[]>(
        `SELECT 1 FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
          WHERE l.warehouse_id = $1 AND i.status IN ('APPROVED', 'PAID') LIMIT 1`,
        [id],
      );
      if (billed.length > 0) {
        throw new ConflictError(
          'The time zone of a warehouse with approved invoices cannot change: their periods are its calendar days.',
        );
      }
      warehouse.timezone = changes.timezone;
    }
    try {
      return await this.saveAudited(warehouse, 'warehouse.updated', before);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ConflictError(`A warehouse with code ${warehouse.code} already exists.`);
      throw error;
    }
  }
}
