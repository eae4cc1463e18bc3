import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

const SORTS = [
  'received_at',
  '-received_at',
  'expiry_date',
  '-expiry_date',
  'lot_number',
  '-lot_number',
  'quantity',
  '-quantity',
];

/**
 * The opt-in keyset cursor (after=) on the lot and movement lists: every row exactly once, in
 * the same order as skip pages, whatever the ties and missing expiry dates; no total; a cursor
 * that is not the list's own is a 422, never a database error.
 */
describe('inventory: keyset pages (after=)', () => {
  let t: TestApp;
  let admin: string;
  let warehouseId: string;

  const get = (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${admin}`);

  /** Every id of a list read with skip pages of 200. */
  async function byOffset(path: string): Promise<string[]> {
    const ids: string[] = [];
    for (let skip = 0; ; skip += 200) {
      const res = await get(`${path}&skip=${skip}&limit=200`).expect(200);
      const page = res.body as { id: string }[];
      ids.push(...page.map((row) => row.id));
      if (page.length < 200) return ids;
    }
  }

  /** Every id of a list read by keyset, `limit` at a time. */
  async function byCursor(path: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await get(`${path}&limit=${limit}${after ? `&after=${after}` : ''}`).expect(200);
      if (after) expect(res.headers['x-total-count']).toBeUndefined();
      const page = res.body as { id: string }[];
      ids.push(...page.map((row) => row.id));
      after = res.headers['x-next-cursor'];
      if (!after) {
        expect(page.length).toBeLessThan(limit + 1);
        return ids;
      }
      expect(page).toHaveLength(limit);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource);
    warehouseId = wh.id;
    const chamber = await makeChamber(t.dataSource, wh.id);
    const commodity = await makeCommodity(t.dataSource);
    const client = await makeClient(t.dataSource);
    admin = await login(t.server, (await makeUser(t.dataSource, { role: RoleName.Admin })).email);
    // 230 lots: receipts in threes at the same microsecond, a quarter without expiry, seven
    // quantities; each with one INWARD movement, and every tenth with a second (same instant).
    await t.dataSource.query(
      `INSERT INTO lots (warehouse_id, client_id, commodity_id, chamber_id, lot_number,
                         received_at, last_movement_at, expiry_date)
       SELECT $1, $2, $3, $4, 'KS-' || lpad(n::text, 6, '0'),
              timestamptz '2026-03-01 10:00:00.123456+00' - (n / 3) * interval '1 minute',
              timestamptz '2026-03-01 10:00:00.123456+00' - (n / 3) * interval '1 minute',
              CASE WHEN n % 4 = 0 THEN NULL ELSE date '2026-09-01' + (n % 9) END
         FROM generate_series(1, 230) AS n`,
      [wh.id, client.client.id, commodity.id, chamber.id],
    );
    await t.dataSource.query(
      `INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                    weight_delta_kg, occurred_at)
       SELECT l.id, l.warehouse_id, l.client_id, 'INWARD'::movement_type, right(l.lot_number, 6)::int % 7 + 1,
              1, l.received_at
         FROM lots l WHERE l.warehouse_id = $1
       UNION ALL
       SELECT l.id, l.warehouse_id, l.client_id, 'INWARD'::movement_type, 1, 1, l.received_at
         FROM lots l WHERE l.warehouse_id = $1 AND right(l.lot_number, 6)::int % 10 = 0`,
      [wh.id],
    );
  });
  afterAll(() => t.close());

  it.each(SORTS)('reads every lot once, in the skip order, sorted by %s', async (sort) => {
    const path = `/api/inventory/lots?warehouse_id=${warehouseId}&sort=${sort}`;
    const offset = await byOffset(path);
    expect(offset).toHaveLength(230);
    expect(await byCursor(path, 37)).toEqual(offset);
  });

  it('reads every movement once, in the skip order', async () => {
    const path = `/api/inventory/movements?warehouse_id=${warehouseId}`;
    const offset = await byOffset(path);
    expect(offset).toHaveLength(253);
    expect(await byCursor(path, 50)).toEqual(offset);
  });

  it('keeps skip pages as they were, with their total and the first cursor', async () => {
    const res = await get(`/api/inventory/lots?warehouse_id=${warehouseId}&limit=10`).expect(200);
    expect(res.headers['x-total-count']).toBe('230');
    expect(res.headers['x-next-cursor']).toEqual(expect.any(String));
    const last = await get(`/api/inventory/lots?warehouse_id=${warehouseId}&skip=225`).expect(200);
    expect(last.headers['x-next-cursor']).toBeUndefined();
  });

  it('refuses a cursor that is not this list’s own (422), never a database error', async () => {
    const first = await get(`/api/inventory/lots?warehouse_id=${warehouseId}&limit=5`).expect(200);
    const cursor = first.headers['x-next-cursor'];
    const forged = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const id = '00000000-0000-4000-8000-000000000000';
    const refused = async (query: string) => {
      const res = await get(`/api/inventory/lots?warehouse_id=${warehouseId}&${query}`).expect(422);
      expect(JSON.stringify(res.body)).toContain('after');
    };
    await refused(`after=${cursor}&skip=5`);
    await refused(`after=${cursor}&sort=lot_number`);
    await refused('after=not-a-cursor');
    await refused('after=ab%2Bcd');
    await refused(`after=${forged(['lots:-received_at', '2026-02-31T00:00:00.000000Z', id])}`);
    await refused(`after=${forged(['lots:-received_at', '0000-01-01T00:00:00.000000Z', id])}`);
    await refused(`after=${forged(['lots:quantity', '99999999999', id])}&sort=quantity`);
    await refused(`after=${forged(['lots:lot_number', 'A\u0000B', id])}&sort=lot_number`);
    await refused(`after=${forged(['lots:-received_at', null, id])}`);
    await refused(`after=${forged(['lots:-received_at', '2026-01-01T00:00:00.000000Z', 'x'])}`);
    await refused(`after=${'A'.repeat(401)}`);
    await get(
      `/api/inventory/movements?after=${forged(['lots:-received_at', '2026-01-01T00:00:00.000000Z', id])}`,
    ).expect(422);
    // A well-formed cursor past every row is simply an empty page.
    const past = forged(['lots:expiry_date', null, 'ffffffff-ffff-4fff-bfff-ffffffffffff']);
    const empty = await get(
      `/api/inventory/lots?warehouse_id=${warehouseId}&sort=expiry_date&after=${past}`,
    ).expect(200);
    expect(empty.body).toEqual([]);
  });
});
