import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from 'src/common/pagination/pagination';
import { RequestContext } from 'src/common/context/request-context.service';
import { AuditEvent } from './audit-event.entity';
import {
  auditInsertSql,
  redact,
  type AuditEntry,
  type AuditSqlFields,
  type AuditedEvent,
} from './audit.sql';
import type { AuditEventOutDto, ListAuditEventsQueryDto } from './dto/audit-event.dto';

export { auditInsertSql, redact, type AuditEntry, type AuditSqlFields, type AuditedEvent };

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
export async function writeAuditEvent(manager: EntityManager, event: AuditedEvent): Promise<void> {
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

  /** record() as a sub-query of the change's own query (see auditInsertSql). */
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
          : (this.context.callerOrNull()?.userId ?? null),
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
