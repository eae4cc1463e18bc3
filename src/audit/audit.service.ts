import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from 'src/common/pagination/pagination';
import { RequestContext } from 'src/rbac/request-context.service';
import { AuditEvent } from './audit-event.entity';
import type { AuditEventOutDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string | null;
  warehouseId?: string | null;
  clientId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Defaults to the signed-in caller; given explicitly for sign-in events. */
  actorUserId?: string | null;
}

/** Never recorded, whatever a caller passes in before/after. */
const SECRET_FIELD = /pass(word)?|hash|token|secret/i;

export function redact(
  values: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!values) return null;
  const kept = Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key));
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** Only the fields whose values differ, as {before, after}. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const keys = Object.keys(after).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return {
    before: Object.fromEntries(keys.map((key) => [key, before[key]])),
    after: Object.fromEntries(keys.map((key) => [key, after[key]])),
  };
}

/** Writes one event with the given manager; AuditService adds the caller and request. */
export async function writeAuditEvent(
  manager: EntityManager,
  event: AuditEntry & { requestId?: string | null; ip?: string | null },
): Promise<void> {
  await manager.save(
    manager.create(AuditEvent, {
      actorUserId: event.actorUserId ?? null,
      action: event.action,
      entityType: event.entityType ?? null,
      entityId: event.entityId ?? null,
      warehouseId: event.warehouseId ?? null,
      clientId: event.clientId ?? null,
      before: redact(event.before),
      after: redact(event.after),
      requestId: event.requestId ?? null,
      ip: event.ip ?? null,
    }),
  );
}

/** What the statement that writes an event computes itself, as SQL over the row it selects from. */
export interface AuditSqlFields {
  /** The FROM clause: usually the data-modifying CTE that returns the changed row. */
  from: string;
  entityId?: string;
  warehouseId?: string;
  clientId?: string;
  /** A jsonb object merged under the entry's `after`; its keys must never be secrets. */
  after?: string;
}

/**
 * writeAuditEvent as one sub-statement (a data-modifying CTE) of the statement that makes the
 * change, so change and event are written at once. Known values are bound as parameters,
 * appended to `params`; `sql` gives the ones the statement computes.
 */
export function auditInsertSql(
  params: unknown[],
  event: AuditEntry & { requestId?: string | null; ip?: string | null },
  sql: AuditSqlFields,
): string {
  const bind = (value: unknown, type: string): string => `$${params.push(value)}::${type}`;
  const json = (values: Record<string, unknown> | null): string | null =>
    values && JSON.stringify(values);
  const after = sql.after
    ? `${sql.after} || ${bind(json(redact(event.after)) ?? '{}', 'jsonb')}`
    : bind(json(redact(event.after)), 'jsonb');
  return `INSERT INTO audit_events (actor_user_id, action, entity_type, entity_id, warehouse_id,
                                   client_id, "before", "after", request_id, ip)
          SELECT ${bind(event.actorUserId ?? null, 'uuid')}, ${bind(event.action, 'varchar')},
                 ${bind(event.entityType ?? null, 'varchar')},
                 ${sql.entityId ?? bind(event.entityId ?? null, 'uuid')},
                 ${sql.warehouseId ?? bind(event.warehouseId ?? null, 'uuid')},
                 ${sql.clientId ?? bind(event.clientId ?? null, 'uuid')},
                 ${bind(json(redact(event.before)), 'jsonb')}, ${after},
                 ${bind(event.requestId ?? null, 'varchar')}, ${bind(event.ip ?? null, 'varchar')}
            FROM ${sql.from}`;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /**
   * Writes with the caller's transaction manager, so the event exists exactly when the change
   * it records does.
   */
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await writeAuditEvent(manager, this.byCaller(entry));
  }

  /** record() as a sub-statement of the change's own statement (see auditInsertSql). */
  insertSql(params: unknown[], entry: AuditEntry, sql: AuditSqlFields): string {
    return auditInsertSql(params, this.byCaller(entry), sql);
  }

  /** The entry with the signed-in caller (unless given) and the request it came with. */
  private byCaller(
    entry: AuditEntry,
  ): AuditEntry & { requestId: string | null; ip: string | null } {
    const meta = this.context.meta();
    return {
      ...entry,
      actorUserId:
        entry.actorUserId !== undefined
          ? entry.actorUserId
          : (this.context.principalOrNull()?.userId ?? null),
      requestId: meta.requestId,
      ip: meta.ip,
    };
  }

  async list(query: ListAuditEventsQueryDto): Promise<Page<AuditEventOutDto>> {
    const builder = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(query.skip)
      .take(query.limit);
    if (query.actor) builder.andWhere('e.actorUserId = :actor', { actor: query.actor });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.entity_type)
      builder.andWhere('e.entityType = :entityType', { entityType: query.entity_type });
    if (query.entity_id) builder.andWhere('e.entityId = :entityId', { entityId: query.entity_id });
    if (query.warehouse)
      builder.andWhere('e.warehouseId = :warehouse', { warehouse: query.warehouse });
    if (query.from) builder.andWhere('e.createdAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('e.createdAt < :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return {
      items: items.map((e) => ({
        id: e.id,
        at: e.createdAt.toISOString(),
        actor_user_id: e.actorUserId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        warehouse_id: e.warehouseId,
        client_id: e.clientId,
        before: e.before,
        after: e.after,
        request_id: e.requestId,
        ip: e.ip,
      })),
      total,
    };
  }
}
