/**
 * The floor the framework adds to: plain node:http and pg, doing by hand what each measured
 * route of the API does — verify the same HS256 token, load the caller (the same query as
 * PrincipalService: active user, open session, permissions, scope), run the same SQL and write
 * the same JSON. No validation library, no middleware, no ORM. Not a product: it serves only
 * the benchmark's routes and shares the API's environment variables.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Client, Pool } from 'pg';
// The same query, row type, mapping and decimals as the API (plain modules, no framework).
import { normalizeDecimal } from '../src/common/entities/decimal.transformer';
import { auditInsertSql } from '../src/audit/audit.sql';
import { INWARD_TARGETS_SQL, receiptSql } from '../src/inventory/ledger/inward.sql';
import { lotJson, type LotRow } from '../src/inventory/lot-row';
import { PRINCIPAL_SQL } from '../src/rbac/principal.sql';

const env = process.env;
const SECRET = Buffer.from(env.SECRET_KEY ?? '', 'utf8');
const port = Number(env.PORT ?? 8100);
const pool = new Pool({
  connectionString: env.DATABASE_URL,
  max: Number(env.DATABASE_POOL_SIZE ?? 20),
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
  application_name: 'coldstore-baseline',
  statement_timeout: Number(env.DATABASE_STATEMENT_TIMEOUT_MS ?? 15_000),
  lock_timeout: Number(env.DATABASE_LOCK_TIMEOUT_MS ?? 5_000),
  idle_in_transaction_session_timeout: Number(
    env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 30_000,
  ),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- the caller

interface Claims {
  sub?: unknown;
  sid?: unknown;
  jti?: unknown;
  iss?: unknown;
  aud?: unknown;
  exp?: unknown;
}

function verifyToken(header: string | undefined): { userId: string; sessionId: string } {
  const token = header?.startsWith('Bearer ') ? header.slice(7) : '';
  const parts = token.split('.');
  if (parts.length !== 3) throw new HttpError(401, 'A valid access token is required.');
  const [head, payload, signature] = parts;
  const expected = createHmac('sha256', SECRET).update(`${head}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'A valid access token is required.');
  }
  const alg = (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown })
    .alg;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  const audiences = Array.isArray(claims.aud) ? (claims.aud as unknown[]) : [claims.aud];
  if (
    alg !== 'HS256' ||
    claims.iss !== 'coldstore-api' ||
    !audiences.includes('coldstore') ||
    typeof claims.exp !== 'number' ||
    claims.exp <= Date.now() / 1000 ||
    typeof claims.sub !== 'string' ||
    typeof claims.sid !== 'string' ||
    typeof claims.jti !== 'string'
  ) {
    throw new HttpError(401, 'A valid access token is required.');
  }
  return { userId: claims.sub, sessionId: claims.sid };
}

type Scope =
  | { kind: 'all' }
  | { kind: 'warehouse'; warehouseId: string | null }
  | { kind: 'client'; clientId: string | null };

interface PrincipalRow {
  id: string;
  status: string;
  role_names: string[];
  permissions: string[];
  warehouse_id: string | null;
  client_id: string | null;
  session_open: boolean;
  session_expires_at: Date | null;
}

// ---------------------------------------------------------------- callers in memory

/**
 * With BASELINE_CACHE=1, callers are kept the way the API keeps them, by hand: a LISTEN on
 * `principal_changed` drops a user (or everyone) when the database's triggers say so, and before
 * answering from memory one round trip on that connection (shared by the requests arriving
 * meanwhile) makes sure every change committed before has been heard. A load that raced a change
 * is not kept. Without it, every request reads the caller (the first reference row).
 */
const CACHE = env.BASELINE_CACHE === '1';
const held = new Map<string, { row: PrincipalRow; sessions: Map<string, number> }>();
let listener: Client | null = null;
let epoch = 0;
let sent: Promise<void> | null = null;
let queued: Promise<void> | null = null;

async function listen(): Promise<void> {
  const client = new Client({
    connectionString: env.DATABASE_URL,
    application_name: 'coldstore-baseline-listen',
  });
  const lost = (): void => {
    listener = null;
    epoch += 1;
    held.clear();
  };
  client.on('notification', (message) => {
    epoch += 1;
    if (!message.payload || message.payload === '*') held.clear();
    else held.delete(message.payload);
  });
  client.on('error', lost);
  client.on('end', lost);
  await client.connect();
  await client.query('LISTEN principal_changed');
  listener = client;
}

function roundTrip(client: Client): Promise<void> {
  const trip: Promise<void> = client.query('SELECT 1').then(() => {
    if (sent === trip) sent = null;
  });
  return trip;
}

/** Every notification committed before the call has been handled once this resolves. */
function sync(client: Client): Promise<void> {
  if (queued) return queued;
  if (!sent) return (sent = roundTrip(client));
  queued = sent
    .catch(() => undefined)
    .then(() => {
      queued = null;
      return (sent = roundTrip(client));
    });
  return queued;
}

async function caller(userId: string, sessionId: string): Promise<PrincipalRow | undefined> {
  const client = listener;
  if (CACHE && client && held.get(userId)?.sessions.has(sessionId)) {
    await sync(client);
    const user = held.get(userId);
    const openUntil = user?.sessions.get(sessionId);
    if (user && openUntil !== undefined)
      return { ...user.row, session_open: openUntil > Date.now() };
  }
  const before = epoch;
  const { rows } = await pool.query<PrincipalRow>(PRINCIPAL_SQL, [userId, sessionId]);
  const row = rows.at(0);
  if (CACHE && row && listener && epoch === before) {
    let user = held.get(userId);
    if (!user) held.set(userId, (user = { row, sessions: new Map() }));
    user.sessions.set(
      sessionId,
      row.session_open && row.session_expires_at ? row.session_expires_at.getTime() : 0,
    );
  }
  return row;
}

async function authorize(
  req: IncomingMessage,
  permission: string,
): Promise<{ userId: string; scope: Scope }> {
  const { userId, sessionId } = verifyToken(req.headers.authorization);
  const row = await caller(userId, sessionId);
  if (row?.status !== 'ACTIVE') throw new HttpError(401, 'This account is not active.');
  if (!row.session_open) throw new HttpError(401, 'Your session has ended.');
  if (!row.permissions.includes(permission)) throw new HttpError(403, 'Not allowed.');
  const roles = row.role_names;
  let scope: Scope;
  if (roles.includes('ADMIN') || roles.includes('BILLING_MANAGER')) scope = { kind: 'all' };
  else if (roles.includes('OPERATOR') || roles.includes('INVENTORY_MANAGER'))
    scope = { kind: 'warehouse', warehouseId: row.warehouse_id };
  else scope = { kind: 'client', clientId: row.client_id };
  return { userId, scope };
}

function scopeCondition(scope: Scope, alias: string, params: unknown[]): string | null {
  switch (scope.kind) {
    case 'all':
      return null;
    case 'warehouse':
      if (!scope.warehouseId) return 'false';
      params.push(scope.warehouseId);
      return `${alias}.warehouse_id = $${params.length}`;
    case 'client':
      if (!scope.clientId) return 'false';
      params.push(scope.clientId);
      return `${alias}.client_id = $${params.length}`;
  }
}

const where = (parts: (string | null)[]): string => {
  const kept = parts.filter((p): p is string => p !== null);
  return kept.length > 0 ? `WHERE ${kept.join(' AND ')}` : '';
};

// ---------------------------------------------------------------- lots (S2, S3)

const LOT_COLUMNS = `l.id, l.lot_number, l.warehouse_id, l.client_id,
       l.commodity_id, c.code AS commodity_code, c.name AS commodity_name, c.unit,
       l.chamber_id, ch.code AS chamber_code, l.position, l.grade, l.quantity,
       l.weight_kg::text AS weight_kg, l.received_at, l.expiry_date::text AS expiry_date,
       l.status, l.hold_reason, l.created_at, l.updated_at`;

async function listLots(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { scope } = await authorize(req, 'inventory.view');
  const skip = Number(url.searchParams.get('skip') ?? 0);
  const limit = Number(url.searchParams.get('limit') ?? 50);
  if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new HttpError(422, 'Validation failed.');
  const params: unknown[] = [];
  const filter = where([scopeCondition(scope, 'l', params)]);
  const n = params.length;
  const { rows } = await pool.query<LotRow>(
    `SELECT ${LOT_COLUMNS} FROM lots l
  JOIN commodities c ON c.id = l.commodity_id
  JOIN chambers ch ON ch.id = l.chamber_id ${filter} ORDER BY l.received_at DESC, l.id DESC OFFSET $${n + 1} LIMIT $${n + 2}`,
    [...params, skip, limit],
  );
  let total = skip + rows.length;
  if (rows.length === limit || (rows.length === 0 && skip > 0)) {
    const count = await pool.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM lots l ${filter}`,
      params,
    );
    total = count.rows[0].total;
  }
  const body = rows.map(lotJson);
  send(res, 200, body, { 'X-Total-Count': String(total) });
}

// ---------------------------------------------------------------- summary (S4)

interface FiguresRow {
  lots: number;
  quantity: string;
  weight_kg: string;
}

interface SummaryRow extends FiguresRow {
  client_id: string | null;
  company_name: string | null;
  commodity_id: string | null;
  commodity_code: string | null;
  commodity_name: string | null;
  unit: string | null;
  chamber_id: string | null;
  chamber_code: string | null;
  chamber_name: string | null;
  chamber_warehouse_id: string | null;
  warehouse_found: boolean;
}

interface OccupancyRow {
  chamber_id: string;
  chamber_code: string;
  chamber_name: string;
  warehouse_id: string;
  active: boolean;
  capacity_units: number | null;
  occupied_units: string;
  percent: string | null;
}

const figures = (row: FiguresRow): { lots: number; quantity: number; weight_kg: string } => ({
  lots: row.lots,
  quantity: Number(row.quantity),
  weight_kg: normalizeDecimal(row.weight_kg),
});

const FIGURES_SQL = `count(*)::int AS lots, coalesce(sum(l.quantity), 0)::bigint AS quantity,
       coalesce(sum(l.weight_kg), 0)::text AS weight_kg`;

async function summary(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { scope } = await authorize(req, 'inventory.view');
  const warehouseId = url.searchParams.get('warehouse_id');
  if (warehouseId && scope.kind === 'warehouse' && scope.warehouseId !== warehouseId)
    throw new HttpError(404, 'Warehouse not found.');
  const params: unknown[] = [];
  const conditions = [scopeCondition(scope, 'l', params)];
  let found = 'true';
  if (warehouseId) {
    params.push(warehouseId);
    conditions.push(`l.warehouse_id = $${params.length}`);
    if (scope.kind === 'all')
      found = `EXISTS (SELECT 1 FROM warehouses WHERE id = $${params.length})`;
  }
  conditions.push('l.quantity > 0');
  const { rows } = await pool.query<SummaryRow>(
    `SELECT g.client_id, cl.company_name,
              g.commodity_id, c.code AS commodity_code, c.name AS commodity_name, c.unit,
              g.chamber_id, ch.code AS chamber_code, ch.name AS chamber_name,
              ch.warehouse_id AS chamber_warehouse_id,
              g.lots, g.quantity, g.weight_kg, ${found} AS warehouse_found
         FROM (SELECT l.client_id, l.commodity_id, l.chamber_id, ${FIGURES_SQL}
                 FROM lots l ${where(conditions)}
                GROUP BY GROUPING SETS ((l.client_id), (l.commodity_id), (l.chamber_id), ())) g
         LEFT JOIN clients cl ON cl.id = g.client_id
         LEFT JOIN commodities c ON c.id = g.commodity_id
         LEFT JOIN chambers ch ON ch.id = g.chamber_id
        ORDER BY cl.company_name, c.code, ch.code, g.client_id, g.commodity_id, g.chamber_id`,
    params,
  );
  if (rows.some((row) => !row.warehouse_found)) throw new HttpError(404, 'Warehouse not found.');
  const out = {
    warehouse_id: warehouseId,
    totals: { lots: 0, quantity: 0, weight_kg: '0' },
    by_client: [] as object[],
    by_commodity: [] as object[],
    by_chamber: [] as object[],
    chamber_occupancy: [] as object[],
  };
  if (scope.kind !== 'client') {
    const occParams: unknown[] = [];
    const occWhere = [scopeCondition(scope, 'ch', occParams)];
    if (warehouseId) {
      occParams.push(warehouseId);
      occWhere.push(`ch.warehouse_id = $${occParams.length}`);
    }
    const occupancy = await pool.query<OccupancyRow>(
      `SELECT ch.id AS chamber_id, ch.code AS chamber_code, ch.name AS chamber_name,
              ch.warehouse_id, ch.active, ch.capacity_units,
              coalesce(o.units, 0)::bigint AS occupied_units,
              CASE WHEN ch.capacity_units > 0
                   THEN round(coalesce(o.units, 0) * 100.0 / ch.capacity_units, 2)::text END AS percent
         FROM chambers ch
         LEFT JOIN LATERAL (SELECT sum(l.quantity) AS units FROM lots l
                             WHERE l.chamber_id = ch.id AND l.quantity > 0) o ON true
         ${where(occWhere)}
        ORDER BY ch.warehouse_id, ch.code`,
      occParams,
    );
    out.chamber_occupancy = occupancy.rows.map((row) => ({
      chamber_id: row.chamber_id,
      chamber_code: row.chamber_code,
      chamber_name: row.chamber_name,
      warehouse_id: row.warehouse_id,
      active: row.active,
      capacity_units: row.capacity_units,
      occupied_units: Number(row.occupied_units),
      percent: row.percent === null ? null : normalizeDecimal(row.percent),
    }));
  }
  for (const row of rows) {
    if (row.client_id) {
      out.by_client.push({
        client_id: row.client_id,
        company_name: row.company_name ?? '',
        ...figures(row),
      });
    } else if (row.commodity_id) {
      out.by_commodity.push({
        commodity_id: row.commodity_id,
        commodity_code: row.commodity_code,
        commodity_name: row.commodity_name,
        unit: row.unit,
        ...figures(row),
      });
    } else if (row.chamber_id) {
      out.by_chamber.push({
        chamber_id: row.chamber_id,
        chamber_code: row.chamber_code,
        chamber_name: row.chamber_name ?? '',
        warehouse_id: row.chamber_warehouse_id,
        ...figures(row),
      });
    } else {
      out.totals = figures(row);
    }
  }
  send(res, 200, out);
}

// ---------------------------------------------------------------- inward (S7)

interface InwardBody {
  client_id: string;
  commodity_id: string;
  chamber_id: string;
  quantity: number;
  weight_kg?: string;
  reference?: string;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function addDays(date: Date, days: number): string {
  const copy = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  copy.setUTCDate(copy.getUTCDate() + days);
  return copy.toISOString().slice(0, 10);
}

/** The queries of StockMovementsService.inward: what it is checked against, then the receipt. */
async function inward(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { userId, scope } = await authorize(req, 'inventory.inward.create');
  const body = (await readJson(req)) as InwardBody;
  const [target] = (
    await pool.query<{
      chamber_id: string | null;
      chamber_code: string;
      warehouse_id: string;
      warehouse_code: string;
      commodity_id: string | null;
      unit: string;
      shelf_life_days: number | null;
      client_exists: boolean;
    }>(INWARD_TARGETS_SQL, [body.chamber_id, body.commodity_id, body.client_id])
  ).rows;
  if (
    !target.chamber_id ||
    (scope.kind === 'warehouse' && scope.warehouseId !== target.warehouse_id) ||
    scope.kind === 'client'
  )
    throw new HttpError(404, 'Chamber not found.');
  if (!target.commodity_id) throw new HttpError(404, 'Commodity not found.');
  if (!target.client_exists) throw new HttpError(404, 'Client not found.');
  const receivedAt = new Date();
  const expiryDate = target.shelf_life_days ? addDays(receivedAt, target.shelf_life_days) : null;
  const weightKg = body.weight_kg ?? (target.unit === 'KG' ? String(body.quantity) : '0');
  const { sql, params } = receiptSql(
    {
      chamberId: target.chamber_id,
      warehouseId: target.warehouse_id,
      warehouseCode: target.warehouse_code,
      commodityId: target.commodity_id,
      clientId: body.client_id,
      quantity: body.quantity,
      weightKg: normalizeDecimal(weightKg),
      position: null,
      receivedAt,
      expiryDate,
      reference: body.reference ?? null,
      vehicleNumber: null,
      notes: null,
      recordedById: userId,
    },
    (bound, fields) =>
      auditInsertSql(
        bound,
        {
          action: 'lot.received',
          entityType: 'lot',
          warehouseId: target.warehouse_id,
          clientId: body.client_id,
          after: { quantity: body.quantity, weight_kg: weightKg, chamber: target.chamber_code },
          actorUserId: userId,
          requestId: null,
          ip: req.socket.remoteAddress ?? null,
        },
        fields,
      ),
  );
  const [row] = (await pool.query<LotRow>(sql, params)).rows;
  send(res, 201, {
    id: row.id,
    lot_number: row.lot_number,
    warehouse_id: row.warehouse_id,
    client_id: row.client_id,
    commodity_id: row.commodity_id,
    chamber_id: row.chamber_id,
    position: row.position,
    quantity: body.quantity,
    weight_kg: normalizeDecimal(weightKg),
    received_at: row.received_at.toISOString(),
    expiry_date: row.expiry_date,
    status: row.status,
    hold_reason: row.hold_reason,
  });
}

// ---------------------------------------------------------------- the server

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  let handled: Promise<void>;
  switch (route) {
    case 'GET /health':
      send(res, 200, { status: 'ok' });
      return;
    case 'GET /health/ready':
      handled = pool.query('SELECT 1').then(() => {
        send(res, 200, { status: 'ok' });
      });
      break;
    case 'GET /api/operator/inventory':
    case 'GET /api/client/inventory':
      handled = listLots(req, res, url);
      break;
    case 'GET /api/inventory/summary':
      handled = summary(req, res, url);
      break;
    case 'POST /api/inventory/inward':
    case 'POST /api/operator/inventory/inward':
      handled = inward(req, res);
      break;
    default:
      send(res, 404, { detail: 'Not found' });
      return;
  }
  handled.catch((error: unknown) => {
    const status = error instanceof HttpError ? error.status : 500;
    if (status === 500) console.error(error);
    send(res, status, { status, detail: (error as Error).message });
  });
});
server.keepAliveTimeout = 5_000;
// Listening before serving, as the API does once its first caller loads.
void (CACHE ? listen() : Promise.resolve()).then(() => server.listen(port, '127.0.0.1'));

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    server.close();
    void listener?.end();
    void pool.end();
  });
}
