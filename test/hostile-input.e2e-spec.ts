import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

type Role = 'admin' | 'operator' | 'manager' | 'billing' | 'client' | 'nobody';

/** The rows the requests point at, made in beforeAll. */
interface Ids {
  warehouse: string;
  chamber: string;
  commodity: string;
  client: string;
  lot: string;
}
type WithIds<T> = T | ((ids: Ids) => T);
type Body = Record<string, unknown> | string | Buffer;

interface Hostile {
  what: string;
  as: Role;
  method: 'get' | 'post' | 'patch';
  path: WithIds<string>;
  /** An object is sent as JSON; a string or Buffer as raw bytes with `type`. */
  body?: WithIds<Body>;
  type?: string;
  headers?: Record<string, string>;
  status: number;
  /** The field a 422 must name. */
  field?: string;
}

const resolve = <T>(value: WithIds<T>, ids: Ids): T =>
  typeof value === 'function' ? (value as (ids: Ids) => T)(ids) : value;

const inward = (overrides: Record<string, unknown>) => (ids: Ids) => ({
  client_id: ids.client,
  commodity_id: ids.commodity,
  chamber_id: ids.chamber,
  quantity: 3,
  weight_kg: '30',
  ...overrides,
});
const warehouse = (overrides: Record<string, unknown>) => ({
  name: 'Hostile',
  address: 'Somewhere',
  ...overrides,
});

const nested = (depth: number): string => `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const INJECTION = "' OR 1=1 --";

const CASES: Hostile[] = [
  // NUL and broken Unicode, in bodies (any depth), queries and paths
  {
    what: 'NUL in a body field',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ name: 'Cold\u0000Store' }),
    status: 422,
    field: 'name',
  },
  {
    what: 'NUL in a nested body field',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/dispatches',
    body: (ids) => ({
      client_id: ids.client,
      lines: [{ lot_id: ids.lot, quantity: 1, weight_kg: '1\u0000' }],
    }),
    status: 422,
    field: 'lines[0].weight_kg',
  },
  {
    what: 'NUL in a query parameter',
    as: 'admin',
    method: 'get',
    path: '/api/admin/users?email=ravi%00',
    status: 422,
    field: 'email',
  },
  {
    what: 'NUL in a path id',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses/%00',
    status: 422,
    field: 'id',
  },
  {
    what: 'NUL in a public query',
    as: 'nobody',
    method: 'get',
    path: '/api/auth/accept-invitation?token=abc%00def',
    status: 422,
    field: 'token',
  },
  {
    what: 'NUL in the login email',
    as: 'nobody',
    method: 'post',
    path: '/api/auth/login',
    body: { email: 'a\u0000@example.com', password: 'x' },
    status: 422,
    field: 'email',
  },
  {
    what: 'NUL in a field name',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: '{"name":"A","address":"B","x\\u0000":1}',
    status: 422,
  },
  {
    what: 'a lone surrogate escape',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: '{"name":"\\ud800","address":"B"}',
    status: 422,
    field: 'name',
  },
  // Sizes, depths and encodings
  {
    what: 'JSON nested 20,000 deep',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: nested(20_000),
    status: 400,
  },
  {
    what: 'JSON nested 20,000 deep, unauthenticated',
    as: 'nobody',
    method: 'post',
    path: '/api/auth/login',
    body: nested(20_000),
    status: 400,
  },
  {
    what: 'a body over 1 MB',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ name: 'x'.repeat(1_100_000) }),
    status: 413,
  },
  {
    what: 'malformed JSON',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: '{"name": ',
    status: 400,
  },
  {
    what: 'bytes that are not UTF-8',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    status: 400,
  },
  {
    what: 'a UTF-16 JSON body',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: Buffer.from('{"name":"A","address":"B"}', 'utf16le'),
    type: 'application/json; charset=utf-16le',
    status: 415,
  },
  {
    what: 'a body that is not JSON',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: 'name=A&address=B',
    type: 'text/plain',
    status: 415,
  },
  {
    what: 'headers over 16 KB',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses',
    headers: { 'X-Padding': 'x'.repeat(20_000) },
    status: 431,
  },
  {
    what: 'a 10,000-line dispatch',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/dispatches',
    body: (ids) => ({
      client_id: ids.client,
      lines: Array.from({ length: 10_000 }, () => ({ lot_id: ids.lot, quantity: 1 })),
    }),
    status: 422,
    field: 'lines',
  },
  {
    what: 'a name of 10,000 characters',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ name: 'x'.repeat(10_000) }),
    status: 422,
    field: 'name',
  },
  // Wrong types
  {
    what: 'quantity "3" (a string for an integer)',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ quantity: '3' }),
    status: 422,
    field: 'quantity',
  },
  {
    what: 'weight_kg as a JSON number',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ weight_kg: 30 }),
    status: 422,
    field: 'weight_kg',
  },
  {
    what: 'received_at as a date alone',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ received_at: '2026-12-05' }),
    status: 422,
    field: 'received_at',
  },
  {
    what: 'received_at without an offset',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ received_at: '2026-01-05T10:00:00' }),
    status: 422,
    field: 'received_at',
  },
  {
    what: 'received_at on 30 February',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ received_at: '2026-02-30T10:00:00Z' }),
    status: 422,
    field: 'received_at',
  },
  {
    what: 'received_at as epoch seconds',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ received_at: 1764146400 }),
    status: 422,
    field: 'received_at',
  },
  {
    what: 'weight_delta_kg as a JSON number',
    as: 'manager',
    method: 'post',
    path: '/api/inventory/adjustments',
    body: (ids) => ({
      lot_id: ids.lot,
      quantity_delta: -1,
      weight_delta_kg: -10,
      reason_code: 'DAMAGE',
      note: 'x',
    }),
    status: 422,
    field: 'weight_delta_kg',
  },
  {
    what: 'code: null on warehouse create',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ code: null }),
    status: 422,
    field: 'code',
  },
  {
    what: 'timezone: null on warehouse patch',
    as: 'admin',
    method: 'patch',
    path: (ids) => `/api/admin/warehouses/${ids.warehouse}`,
    body: { timezone: null },
    status: 422,
    field: 'timezone',
  },
  {
    what: 'name: null on warehouse patch',
    as: 'admin',
    method: 'patch',
    path: (ids) => `/api/admin/warehouses/${ids.warehouse}`,
    body: { name: null },
    status: 422,
    field: 'name',
  },
  {
    what: 'a name that is an object',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ name: { $ne: '' } }),
    status: 422,
    field: 'name',
  },
  {
    what: 'an array for a body',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: '[{"name":"A","address":"B"}]',
    status: 422,
  },
  {
    what: 'a __proto__ field',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: '{"name":"A","address":"B","__proto__":{"is_admin":true}}',
    status: 422,
  },
  // Ranges and number spellings
  {
    what: 'quantity 1e400 (Infinity once parsed)',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: '{"quantity":1e400}',
    status: 422,
    field: 'quantity',
  },
  {
    what: 'quantity past the safe integers',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    // Written out, as a client would send it: as a JS literal it would already be rounded.
    body: (ids) =>
      JSON.stringify(inward({ quantity: 0 })(ids)).replace(
        '"quantity":0',
        '"quantity":12345678901234567890',
      ),
    status: 422,
    field: 'quantity',
  },
  {
    what: 'a fractional capacity',
    as: 'admin',
    method: 'post',
    path: '/api/admin/warehouses',
    body: warehouse({ capacity: 1.5 }),
    status: 422,
    field: 'capacity',
  },
  {
    what: 'skip=0x10',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses?skip=0x10',
    status: 422,
    field: 'skip',
  },
  {
    what: 'an empty skip',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses?skip=',
    status: 422,
    field: 'skip',
  },
  {
    what: 'skip with 60 digits',
    as: 'operator',
    method: 'get',
    path: `/api/inventory/lots?skip=${'9'.repeat(60)}`,
    status: 422,
    field: 'skip',
  },
  {
    what: 'skip given twice',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses?skip=1&skip=2',
    status: 422,
    field: 'skip',
  },
  {
    what: 'limit=0',
    as: 'client',
    method: 'get',
    path: '/api/client/inventory?limit=0',
    status: 422,
    field: 'limit',
  },
  {
    what: 'limit=201',
    as: 'client',
    method: 'get',
    path: '/api/client/invoices?limit=201',
    status: 422,
    field: 'limit',
  },
  {
    what: 'a filter date-time without an offset',
    as: 'admin',
    method: 'get',
    path: '/api/admin/audit-events?from=2026-01-01T00:00:00',
    status: 422,
    field: 'from',
  },
  // Injection strings where they are not the declared shape
  {
    what: 'injection in a uuid filter',
    as: 'operator',
    method: 'get',
    path: `/api/inventory/lots?client_id=${encodeURIComponent(INJECTION)}`,
    status: 422,
    field: 'client_id',
  },
  {
    what: 'injection in a sort key',
    as: 'operator',
    method: 'get',
    path: `/api/inventory/lots?sort=${encodeURIComponent(INJECTION)}`,
    status: 422,
    field: 'sort',
  },
  {
    what: 'injection in a path id',
    as: 'admin',
    method: 'get',
    path: `/api/admin/warehouses/${encodeURIComponent(INJECTION)}`,
    status: 422,
    field: 'id',
  },
  {
    what: 'injection in a decimal',
    as: 'operator',
    method: 'post',
    path: '/api/inventory/inward',
    body: inward({ weight_kg: `1${INJECTION}` }),
    status: 422,
    field: 'weight_kg',
  },
  {
    what: 'injection as a bearer token',
    as: 'nobody',
    method: 'get',
    path: '/api/admin/warehouses',
    headers: { Authorization: `Bearer ${INJECTION}` },
    status: 401,
  },
  {
    what: 'path traversal as an id',
    as: 'admin',
    method: 'get',
    path: '/api/admin/warehouses/..%2F..%2Fetc%2Fpasswd',
    status: 422,
    field: 'id',
  },
];

describe('hostile input gets a 4xx problem, never a 500', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  const ids = {} as Ids;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    ids.warehouse = (await makeWarehouse(t.dataSource)).id;
    ids.chamber = (await makeChamber(t.dataSource, ids.warehouse)).id;
    ids.commodity = (await makeCommodity(t.dataSource)).id;
    const client = await makeClient(t.dataSource);
    ids.client = client.client.id;
    const lot = await makeLot(t.dataSource, {
      warehouseId: ids.warehouse,
      clientId: ids.client,
      commodityId: ids.commodity,
      chamberId: ids.chamber,
      quantity: 50,
      weightKg: '500',
    });
    ids.lot = lot.id;
    const users: [Exclude<Role, 'nobody'>, RoleName, string | undefined][] = [
      ['admin', RoleName.Admin, undefined],
      ['operator', RoleName.Operator, ids.warehouse],
      ['manager', RoleName.InventoryManager, ids.warehouse],
      ['billing', RoleName.BillingManager, undefined],
    ];
    for (const [role, name, wh] of users) {
      const made = await makeUser(t.dataSource, { role: name, warehouseId: wh });
      tokens[role] = await login(t.server, made.email);
    }
    tokens.client = await login(t.server, client.email);
  });

  afterAll(() => t.close());

  function send(c: Pick<Hostile, 'as' | 'method' | 'path' | 'body' | 'type' | 'headers'>) {
    let req = request(t.server)[c.method](resolve(c.path, ids));
    if (c.as !== 'nobody') req = req.set('Authorization', `Bearer ${tokens[c.as]}`);
    for (const [name, value] of Object.entries(c.headers ?? {})) req = req.set(name, value);
    const body = resolve(c.body, ids);
    if (body === undefined) return req;
    if (Buffer.isBuffer(body)) {
      // As bytes: superagent would otherwise serialise a Buffer to JSON.
      const raw = (): string => body as unknown as string;
      return req
        .set('Content-Type', c.type ?? 'application/json')
        .serialize(raw)
        .send(body);
    }
    if (typeof body === 'string') {
      return req.set('Content-Type', c.type ?? 'application/json').send(body);
    }
    return req.send(body);
  }

  it('sends at least 30 hostile requests', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('answers $what with a $status problem', async (c) => {
    const res = await send(c);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.text) as { status: number; errors?: { field: string }[] };
    expect(body.status).toBe(c.status);
    if (c.field) expect(body.errors?.map((e) => e.field)).toContain(c.field);
  });

  it('answers a request line the HTTP parser cannot read with a 400 problem', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write('GET /\u0001 HTTP/9\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(answer.split('\r\n\r\n')[1])).toMatchObject({ status: 400 });
  });

  const LISTS = (): string[] => [
    '/api/admin/users',
    '/api/admin/audit-events',
    `/api/warehouses/${ids.warehouse}/chambers`,
    '/api/admin/warehouses',
    '/api/admin/invitations',
    '/api/billing/invoices',
    '/api/billing/rate-cards',
    '/api/client/invoices',
    '/api/client/inventory',
    '/api/operator/inventory',
    '/api/inventory/lots',
    '/api/inventory/movements',
    '/api/commodities',
  ];
  const ROLES: Role[] = ['admin', 'operator', 'manager', 'billing', 'client'];

  it('refuses skip past PostgreSQL bigint on all 13 list routes for every role that may list', async () => {
    const listedBy = new Map<string, Role[]>();
    for (const path of LISTS()) {
      for (const as of ROLES) {
        const normal = await send({ as, method: 'get', path: `${path}?skip=0` });
        for (const skip of ['1e20', '100000000000000000000', '9223372036854775808', '-1']) {
          const res = await send({ as, method: 'get', path: `${path}?skip=${skip}` });
          // A role without the permission is refused first (403), as with a valid skip;
          // for every other the bad skip is a 422, before any scope lookup.
          const expected = normal.status === 403 ? 403 : 422;
          expect({ path, as, skip, status: res.status }).toEqual({
            path,
            as,
            skip,
            status: expected,
          });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
        if (normal.status === 200) listedBy.set(path, [...(listedBy.get(path) ?? []), as]);
      }
    }
    expect([...listedBy.keys()].sort()).toEqual(LISTS().sort());
  });

  it('publishes the bounds of skip and limit in the OpenAPI document', async () => {
    const doc = await request(t.server).get('/docs-json').expect(200);
    const params = (doc.body as { paths: Record<string, { get?: { parameters?: unknown[] } }> })
      .paths['/api/admin/warehouses'].get?.parameters as { name: string; schema: object }[];
    expect(params.find((p) => p.name === 'skip')?.schema).toMatchObject({
      type: 'integer',
      minimum: 0,
      maximum: 2_147_483_647,
    });
    expect(params.find((p) => p.name === 'limit')?.schema).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 200,
    });
  });

  it('treats an injection string in a text filter as text', async () => {
    const res = await send({
      as: 'operator',
      method: 'get',
      path: `/api/inventory/lots?lot_number=${encodeURIComponent(INJECTION)}`,
    }).expect(200);
    expect(res.body).toEqual([]);
  });

  it('is healthy afterwards, changed nothing, and still serves a normal request', async () => {
    await request(t.server).get('/health/ready').expect(200);
    const warehouses = await send({ as: 'admin', method: 'get', path: '/api/admin/warehouses' });
    expect(warehouses.status).toBe(200);
    expect((warehouses.body as { id: string }[]).map((w) => w.id)).toEqual([ids.warehouse]);
    const lots = await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM lots');
    expect(lots[0].n).toBe('1');
    await send({
      as: 'operator',
      method: 'post',
      path: '/api/inventory/inward',
      body: inward({ received_at: '2026-01-05T10:00:00+05:30' })(ids),
    }).expect(201);
  });
});
