import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { lockStockHistory, setStockHistoryClosure } from 'src/inventory/ledger/stock-history';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { waitForSessions } from './helpers/pg-activity';
import { createTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait-for';

interface LotBody {
  id: string;
  lot_number: string;
  quantity: number;
  weight_kg: string;
  status: string;
  chamber_id: string;
  expiry_date: string | null;
}

describe('inventory movements', () => {
  let t: TestApp;
  let operator: string;
  let manager: string;
  let warehouse: { id: string; code: string };
  let chamberId: string;
  let chamberCode: string;
  let otherChamberId: string;
  let commodityId: string;
  let clientId: string;
  let otherClientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource, { code: 'PUNE' });
    warehouse = { id: wh.id, code: wh.code };
    ({ id: chamberId, code: chamberCode } = await makeChamber(t.dataSource, wh.id));
    otherChamberId = (await makeChamber(t.dataSource, wh.id, { minTempC: '-20', maxTempC: '-12' }))
      .id;
    commodityId = (await makeCommodity(t.dataSource, { shelfLifeDays: 180 })).id;
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    manager = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.InventoryManager, warehouseId: wh.id })).email,
    );
    const client = await makeUser(t.dataSource, { role: RoleName.Client });
    const other = await makeUser(t.dataSource, { role: RoleName.Client });
    [clientId, otherClientId] = await Promise.all(
      [client, other].map(
        async (c) =>
          (
            await t.dataSource.query<{ id: string }[]>(
              'SELECT id FROM clients WHERE user_id = $1',
              [c.user.id],
            )
          )[0].id,
      ),
    );
  });
  afterAll(() => t.close());

  const post = (token: string, url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body);

  /** A receipt of this spec's client, commodity and chamber; `fields` change or add to it. */
  const receipt = (fields: object): object => ({
    client_id: clientId,
    commodity_id: commodityId,
    chamber_id: chamberId,
    ...fields,
  });

  async function receive(overrides: object = {}): Promise<LotBody> {
    const res = await post(
      operator,
      '/api/inventory/inward',
      receipt({ quantity: 100, weight_kg: '5000', ...overrides }),
    ).expect(201);
    return res.body as LotBody;
  }

  const ledger = async (lotId: string): Promise<{ quantity: number; weight: string }> => {
    const [row] = await t.dataSource.query<{ quantity: string; weight: string }[]>(
      'SELECT coalesce(sum(quantity_delta), 0) AS quantity, coalesce(sum(weight_delta_kg), 0)::text AS weight FROM stock_movements WHERE lot_id = $1',
      [lotId],
    );
    return { quantity: Number(row.quantity), weight: row.weight };
  };

  describe('inward', () => {
    it('creates a numbered lot whose stock is its INWARD movement, with expiry from shelf life', async () => {
      const lot = await receive({ received_at: '2026-01-10T08:00:00Z', position: 'R1-S1' });
      expect(lot).toMatchObject({
        lot_number: `PUNE-2026-${'1'.padStart(6, '0')}`,
        quantity: 100,
        weight_kg: '5000',
        status: 'IN_STOCK',
        expiry_date: '2026-07-09',
      });
      expect(await ledger(lot.id)).toEqual({ quantity: 100, weight: '5000.000' });
      const next = await receive({ received_at: '2026-02-01T08:00:00Z' });
      expect(next.lot_number).toBe('PUNE-2026-000002');
    });

    it('keeps every digit of a lot number past 999999', async () => {
      await receive({ received_at: '2025-06-01T08:00:00Z' });
      await t.dataSource.query(
        `UPDATE lot_number_counters SET last_value = 999999 WHERE warehouse_id = $1 AND year = 2025`,
        [warehouse.id],
      );
      expect((await receive({ received_at: '2025-06-02T08:00:00Z' })).lot_number).toBe(
        'PUNE-2025-1000000',
      );
    });

    it('replays a receipt sent again with the same Idempotency-Key, without a second lot', async () => {
      const body = receipt({ quantity: 9 });
      const first = await post(operator, '/api/inventory/inward', body)
        .set('Idempotency-Key', 'truck-42-receipt')
        .expect(201);
      const again = await post(operator, '/api/inventory/inward', body)
        .set('Idempotency-Key', 'truck-42-receipt')
        .expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      await post(operator, '/api/inventory/inward', { ...body, quantity: 8 })
        .set('Idempotency-Key', 'truck-42-receipt')
        .expect(422);
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM stock_movements WHERE lot_id = $1`,
        [first.body.id],
      );
      expect(Number(n)).toBe(1);
    });

    it('is also the operator route of the first version', async () => {
      const res = await post(
        operator,
        '/api/operator/inventory/inward',
        receipt({ quantity: 5 }),
      ).expect(201);
      expect(res.body.weight_kg).toBe('0');
    });

    it('refuses a chamber whose range does not lie within the commodity range, naming both', async () => {
      const warm = await makeChamber(t.dataSource, warehouse.id, {
        code: 'CHILL',
        minTempC: '0',
        maxTempC: '4',
      });
      const res = await post(
        operator,
        '/api/inventory/inward',
        receipt({ chamber_id: warm.id, quantity: 1 }),
      ).expect(422);
      expect(res.body.detail).toMatch(/CHILL \(0 to 4 °C\).*\(-30 to -10 °C\)/);
    });

    it('refuses a future date, a chamber of another warehouse (404) and a client caller (403)', async () => {
      await post(
        operator,
        '/api/inventory/inward',
        receipt({ quantity: 1, received_at: new Date(Date.now() + 3_600_000).toISOString() }),
      ).expect(422);
      const elsewhere = await makeChamber(t.dataSource, (await makeWarehouse(t.dataSource)).id);
      await post(
        operator,
        '/api/inventory/inward',
        receipt({ chamber_id: elsewhere.id, quantity: 1 }),
      ).expect(404);
      const client = await makeUser(t.dataSource, { role: RoleName.Client });
      await post(
        await login(t.server, client.email),
        '/api/inventory/inward',
        receipt({ quantity: 1 }),
      ).expect(403);
      await post(operator, '/api/inventory/inward', receipt({ quantity: 0 })).expect(422);
      await post(
        operator,
        '/api/inventory/inward',
        receipt({ quantity: 1, weight_kg: '1.2345' }),
      ).expect(422);
    });
  });

  describe('dispatch', () => {
    it('takes weight proportionally and leaves a depleted lot at exactly 0 kg', async () => {
      const lot = await receive({ quantity: 3, weight_kg: '10' });
      const first = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [{ lot_id: lot.id, quantity: 1 }],
        reference: 'GP-1',
        vehicle_number: 'MH12AB1234',
      }).expect(201);
      expect(first.body.lines[0]).toMatchObject({
        quantity: 1,
        weight_kg: '3.333',
        remaining_quantity: 2,
        remaining_weight_kg: '6.667',
      });
      await post(operator, '/api/inventory/outward', { lot_id: lot.id, quantity: 1 }).expect(201);
      const last = await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 1,
      }).expect(201);
      expect(last.body.lines[0]).toMatchObject({
        weight_kg: '3.333',
        remaining_quantity: 0,
        remaining_weight_kg: '0',
      });
      const [row] = await t.dataSource.query<{ status: string; weight_kg: string }[]>(
        'SELECT status, weight_kg::text FROM lots WHERE id = $1',
        [lot.id],
      );
      expect(row).toEqual({ status: 'DEPLETED', weight_kg: '0.000' });
      expect(await ledger(lot.id)).toEqual({ quantity: 0, weight: '0.000' });
    });

    it('is all or nothing: a short lot is a 409 naming it and nothing is applied', async () => {
      const a = await receive({ quantity: 10 });
      const b = await receive({ quantity: 2 });
      const res = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [
          { lot_id: a.id, quantity: 5 },
          { lot_id: b.id, quantity: 3 },
        ],
      }).expect(409);
      expect(res.body.detail).toContain(b.lot_number);
      expect((await ledger(a.id)).quantity).toBe(10);
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM dispatches',
      );
      const before = Number(n);
      await post(operator, '/api/inventory/dispatches', {
        client_id: otherClientId,
        lines: [{ lot_id: a.id, quantity: 1 }],
      }).expect(422);
      const [{ n: after }] = await t.dataSource.query<{ n: string }[]>(
        'SELECT count(*) AS n FROM dispatches',
      );
      expect(Number(after)).toBe(before);
    });

    it('refuses a held lot until it is released', async () => {
      const lot = await receive({ quantity: 4 });
      await post(operator, `/api/inventory/lots/${lot.id}/hold`, { reason: 'inspection' }).expect(
        403,
      );
      const held = await post(manager, `/api/inventory/lots/${lot.id}/hold`, {
        reason: 'inspection',
      }).expect(200);
      expect(held.body).toMatchObject({ status: 'ON_HOLD', hold_reason: 'inspection' });
      const refused = await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 1,
      }).expect(409);
      expect(refused.body.detail).toContain(lot.lot_number);
      await post(manager, `/api/inventory/lots/${lot.id}/hold`, { reason: 'again' }).expect(409);
      await post(manager, `/api/inventory/lots/${lot.id}/release`, { reason: 'passed' }).expect(
        200,
      );
      await post(operator, '/api/inventory/outward', { lot_id: lot.id, quantity: 1 }).expect(201);
    });

    it('refuses a dispatch dated before the lot was received', async () => {
      const lot = await receive({ quantity: 4, received_at: '2026-03-01T10:00:00Z' });
      await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 1,
        dispatched_at: '2026-02-28T10:00:00Z',
      }).expect(422);
      await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 1,
        dispatched_at: '2026-03-02T10:00:00Z',
      }).expect(201);
    });

    it('names the first fault of a dispatch, line by line, and only then its date', async () => {
      const lot = await receive({ quantity: 2, weight_kg: '3' });
      const theirs = await receive({ client_id: otherClientId, quantity: 2 });
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const missing = randomUUID();
      const dispatch = (lines: object[], extra: object = {}): request.Test =>
        post(operator, '/api/inventory/dispatches', { client_id: clientId, lines, ...extra });

      const notFound = await post(operator, '/api/inventory/outward', {
        lot_id: missing,
        quantity: 1,
        dispatched_at: future,
      }).expect(404);
      expect(notFound.body.detail).toBe(`Lot ${missing} not found.`);
      const other = await dispatch([
        { lot_id: lot.id, quantity: 1 },
        { lot_id: theirs.id, quantity: 1 },
      ]).expect(422);
      expect(other.body.errors).toEqual([
        { field: 'lines[1].lot_id', message: `lot ${theirs.lot_number} belongs to another client` },
      ]);
      const heavy = await dispatch([{ lot_id: lot.id, quantity: 1, weight_kg: '3.5' }], {
        dispatched_at: future,
      }).expect(409);
      expect(heavy.body.detail).toBe(`Lot ${lot.lot_number} holds 3 kg; 3.5 kg requested.`);
      const rest = await dispatch([{ lot_id: lot.id, quantity: 2, weight_kg: '2' }]).expect(422);
      expect(rest.body.errors).toEqual([
        {
          field: 'lines[0].weight_kg',
          message: `lines[0].weight_kg must be 3: the dispatch empties lot ${lot.lot_number}`,
        },
      ]);
      const later = await dispatch([{ lot_id: lot.id, quantity: 1 }], {
        dispatched_at: future,
      }).expect(422);
      expect(later.body.detail).toBe('Validation failed: dispatched_at is in the future.');
      expect(await ledger(lot.id)).toEqual({ quantity: 2, weight: '3.000' });
    });

    it('refuses an undated dispatch while the lot holds a movement dated ahead of the clock', async () => {
      const ahead = new Date(Date.now() + 30_000);
      const lot = await receive({ quantity: 2, received_at: ahead.toISOString() });
      const res = await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 1,
      }).expect(422);
      expect(res.body.detail).toBe(
        `Validation failed: dispatched_at is before the lot's previous movement (${ahead.toISOString()}).`,
      );
    });

    it('dates an undated dispatch when it gets its lot, after a movement that was ahead then', async () => {
      const ahead = new Date(Date.now() + 300);
      const lot = await receive({ quantity: 2, received_at: ahead.toISOString() });
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        await holder.query('SELECT 1 FROM lots WHERE id = $1 FOR UPDATE', [lot.id]);
        const dispatching = post(operator, '/api/inventory/outward', {
          lot_id: lot.id,
          quantity: 1,
        }).then((res) => res);
        await waitForSessions(
          t.dataSource,
          { waitingFor: 'lock' },
          { description: 'the dispatch to wait for the locked lot' },
        );
        await waitFor(() => Date.now() > ahead.getTime(), {
          description: 'the clock to pass the receipt time',
        });
        await holder.commitTransaction();
        const res = await dispatching;
        expect(res.status).toBe(201);
        expect(new Date(res.body.dispatched_at).getTime()).toBeGreaterThanOrEqual(ahead.getTime());
      } finally {
        await holder.release();
      }
    });

    it("dates an undated dispatch at the lot's receipt when the API's clock runs ahead of the database's", async () => {
      // Only Date is faked, two seconds ahead and running: the receipt is dated by the API.
      jest.useFakeTimers({
        now: Date.now() + 2_000,
        advanceTimers: true,
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        const lot = await receive({ quantity: 2 });
        const [{ received_at }] = await t.dataSource.query<{ received_at: Date }[]>(
          'SELECT received_at FROM lots WHERE id = $1',
          [lot.id],
        );
        const res = await post(operator, '/api/inventory/outward', {
          lot_id: lot.id,
          quantity: 1,
        }).expect(201);
        expect(res.body.dispatched_at).toBe(received_at.toISOString());
      } finally {
        jest.useRealTimers();
      }
    });

    it('sells exactly the stock under 20 concurrent one-unit dispatches of a 10-unit lot', async () => {
      const lot = await receive({ quantity: 10, weight_kg: '100' });
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          post(operator, '/api/inventory/outward', { lot_id: lot.id, quantity: 1 }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      expect(results.filter((r) => r.status === 409)).toHaveLength(10);
      expect(await ledger(lot.id)).toEqual({ quantity: 0, weight: '0.000' });
    });

    it('never oversells across two API instances either', async () => {
      const second = await createTestApp({ databaseUrl: t.database?.url });
      try {
        const lot = await receive({ quantity: 10 });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            request(i % 2 === 0 ? t.server : second.server)
              .post('/api/inventory/outward')
              .set('Authorization', `Bearer ${operator}`)
              .send({ lot_id: lot.id, quantity: 1 }),
          ),
        );
        expect(results.filter((r) => r.status === 201)).toHaveLength(10);
        expect((await ledger(lot.id)).quantity).toBe(0);
      } finally {
        await second.app.close();
      }
    });
  });

  describe('transfer, position and adjustment', () => {
    it('moves a whole lot to another suitable chamber and records the ledger row', async () => {
      const lot = await receive({ quantity: 7 });
      const moved = await post(operator, '/api/inventory/transfers', {
        lot_id: lot.id,
        to_chamber_id: otherChamberId,
        position: 'B2',
      }).expect(201);
      expect(moved.body).toMatchObject({ chamber_id: otherChamberId, position: 'B2', quantity: 7 });
      await post(operator, '/api/inventory/transfers', {
        lot_id: lot.id,
        to_chamber_id: otherChamberId,
      }).expect(422);
      const pos = await request(t.server)
        .patch(`/api/inventory/lots/${lot.id}/position`)
        .set('Authorization', `Bearer ${operator}`)
        .send({ position: 'B3' })
        .expect(200);
      expect(pos.body.position).toBe('B3');
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM stock_movements WHERE lot_id = $1 AND type = 'TRANSFER'`,
        [lot.id],
      );
      expect(Number(n)).toBe(1);
    });

    it('adjusts with a reason, never below zero, and a lot without units weighs 0 kg', async () => {
      const lot = await receive({ quantity: 5, weight_kg: '50' });
      const adjust = (body: object): request.Test =>
        post(manager, '/api/inventory/adjustments', {
          lot_id: lot.id,
          reason_code: 'DAMAGE',
          note: 'crushed crates',
          ...body,
        });
      const res = await adjust({ quantity_delta: -2, weight_delta_kg: '-20' }).expect(201);
      expect(res.body).toMatchObject({ quantity: 3, weight_kg: '30' });
      await adjust({ quantity_delta: -4 }).expect(409);
      await adjust({ quantity_delta: -3 }).expect(422);
      await adjust({ quantity_delta: 0 }).expect(422);
      await adjust({ quantity_delta: -3, weight_delta_kg: '-30', reason_code: 'WRONG' }).expect(
        422,
      );
      await post(operator, '/api/inventory/adjustments', {
        lot_id: lot.id,
        quantity_delta: -1,
        reason_code: 'DAMAGE',
        note: 'x',
      }).expect(403);
      const gone = await adjust({
        quantity_delta: -3,
        weight_delta_kg: '-30',
        reason_code: 'WASTE',
      }).expect(201);
      expect(gone.body).toMatchObject({ quantity: 0, weight_kg: '0', status: 'DEPLETED' });
      expect(await ledger(lot.id)).toEqual({ quantity: 0, weight: '0.000' });
    });
  });

  describe('scope and integrity', () => {
    it("gives an operator of another warehouse 404 for this warehouse's lot", async () => {
      const lot = await receive({ quantity: 3 });
      const elsewhere = await makeWarehouse(t.dataSource);
      const stranger = await login(
        t.server,
        (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: elsewhere.id }))
          .email,
      );
      await post(stranger, '/api/inventory/outward', { lot_id: lot.id, quantity: 1 }).expect(404);
      await post(stranger, '/api/inventory/transfers', {
        lot_id: lot.id,
        to_chamber_id: otherChamberId,
      }).expect(404);
    });

    it('lets the database refuse direct stock edits and edits of the ledger', async () => {
      const lot = await receive({ quantity: 3 });
      await expect(
        t.dataSource.query('UPDATE lots SET quantity = 99 WHERE id = $1', [lot.id]),
      ).rejects.toThrow(/only through stock_movements/);
      await expect(
        t.dataSource.query('UPDATE stock_movements SET quantity_delta = 99 WHERE lot_id = $1', [
          lot.id,
        ]),
      ).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.query('DELETE FROM stock_movements WHERE lot_id = $1', [lot.id]),
      ).rejects.toThrow(/append-only/);
    });

    it('records who received and who dispatched, with the request id and address', async () => {
      const lot = await post(
        operator,
        '/api/inventory/inward',
        receipt({ quantity: 3, weight_kg: '10.50' }),
      )
        .set('X-Request-Id', 'receipt-audit-1')
        .expect(201);
      const dispatched = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [{ lot_id: lot.body.id, quantity: 1 }],
        reference: 'GP-77',
      })
        .set('X-Request-Id', 'dispatch-audit-1')
        .expect(201);
      const rows = await t.dataSource.query<Record<string, unknown>[]>(
        `SELECT action, entity_type, entity_id, warehouse_id, client_id, before, after, request_id,
                ip, actor_user_id IS NOT NULL AS by_caller
           FROM audit_events WHERE request_id IN ('receipt-audit-1', 'dispatch-audit-1')
          ORDER BY created_at`,
      );
      const common = {
        warehouse_id: warehouse.id,
        client_id: clientId,
        before: null,
        ip: expect.stringMatching(/127\.0\.0\.1/),
        by_caller: true,
      };
      expect(rows).toEqual([
        {
          ...common,
          action: 'lot.received',
          entity_type: 'lot',
          entity_id: lot.body.id,
          after: {
            lot_number: lot.body.lot_number,
            quantity: 3,
            weight_kg: '10.50',
            chamber: chamberCode,
          },
          request_id: 'receipt-audit-1',
        },
        {
          ...common,
          action: 'dispatch.created',
          entity_type: 'dispatch',
          entity_id: dispatched.body.id,
          after: {
            lines: [{ lot_number: lot.body.lot_number, quantity: 1, weight_kg: '3.5' }],
            // The spec's earlier lots of the commodity expire first: the dispatch skips them.
            fefo_skipped: expect.any(Array) as unknown,
            fefo_skipped_total: expect.any(Number) as unknown,
            reference: 'GP-77',
            vehicle_number: null,
          },
          request_id: 'dispatch-audit-1',
        },
      ]);
    });

    it('waits for a closure in progress (an invoice approval), then sees the history closed', async () => {
      const lot = await receive({
        client_id: otherClientId,
        quantity: 5,
        received_at: '2026-05-02T08:00:00Z',
      });
      const approval = t.dataSource.createQueryRunner();
      await approval.connect();
      try {
        await approval.startTransaction();
        await lockStockHistory(approval.manager, otherClientId, 'exclusive');
        const dispatching = post(operator, '/api/inventory/outward', {
          lot_id: lot.id,
          quantity: 1,
          dispatched_at: '2026-05-20T08:00:00Z',
        }).then((res) => res);
        const receiving = post(operator, '/api/inventory/inward', {
          client_id: otherClientId,
          commodity_id: commodityId,
          chamber_id: chamberId,
          quantity: 1,
          received_at: '2026-05-21T08:00:00Z',
        }).then((res) => res);
        await waitForSessions(
          t.dataSource,
          { waitingFor: 'advisory lock' },
          { description: 'both stock changes to wait for the history lock', atLeast: 2 },
        );
        await setStockHistoryClosure(approval.manager, otherClientId, {
          through: '2026-05-31',
          by: 'invoice INV-LOCK-1 (2026-05-01 – 2026-05-31) is approved; void it to reopen this history',
        });
        await approval.commitTransaction();
        for (const res of await Promise.all([dispatching, receiving])) {
          expect(res.status).toBe(409);
          expect(res.body.detail).toContain('invoice INV-LOCK-1 (2026-05-01 – 2026-05-31)');
        }
        expect((await ledger(lot.id)).quantity).toBe(5);
      } finally {
        await approval.release();
      }
    });

    it('writes an audit event with every change', async () => {
      const lot = await receive({ quantity: 2 });
      await post(operator, '/api/inventory/outward', { lot_id: lot.id, quantity: 1 }).expect(201);
      const rows = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 OR (action = 'dispatch.created' AND after::text LIKE $2) ORDER BY created_at`,
        [lot.id, `%${lot.lot_number}%`],
      );
      expect(rows.map((r) => r.action)).toEqual(['lot.received', 'dispatch.created']);
    });
  });
});
