/**
 * The audit event as SQL, with no framework imports (only relative ones), so the benchmark
 * baseline writes its events with exactly the query the API uses.
 */
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

/** An entry with who made it and the request it came with. */
export type AuditedEvent = AuditEntry & { requestId?: string | null; ip?: string | null };

/** Never recorded, whatever a caller passes in before/after. */
const SECRET_FIELD = /pass(word)?|hash|token|secret/i;

export function redact(
  values: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!values) return null;
  const kept = Object.entries(values).filter(([key]) => !SECRET_FIELD.test(key));
  return kept.length > 0 ? Object.fromEntries(kept) : null;
}

/** What the query that writes an event computes itself, as SQL over the row it selects from. */
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
 * writeAuditEvent as one sub-query (a data-modifying CTE) of the query that makes the
 * change, so change and event are written at once. Known values are bound as parameters,
 * appended to `params`; `sql` gives the ones the query computes.
 */
export function auditInsertSql(
  params: unknown[],
  event: AuditedEvent,
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
