import fc from 'fast-check';
import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

type Command =
  | { kind: 'inward'; quantity: number; grams: number }
  | { kind: 'dispatch'; lot: number; quantity: number }
  | { kind: 'adjust'; lot: number; quantity: number }
  | { kind: 'transfer'; lot: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    kind: fc.constant('inward' as const),
    quantity: fc.integer({ min: 1, max: 50 }),
    grams: fc.integer({ min: 0, max: 100_000 }),
  }),
  fc.record({
    kind: fc.constant('dispatch' as const),
    lot: fc.nat(),
    quantity: fc.integer({ min: 1, max: 60 }),
  }),
  fc.record({
    kind: fc.constant('adjust' as const),
    lot: fc.nat(),
    quantity: fc.integer({ min: -30, max: 30 }),
  }),
  fc.record({ kind: fc.constant('transfer' as const), lot: fc.nat() }),
);

/**
 * Random sequences of receipts, dispatches, adjustments and transfers through the API: whatever
 * is accepted or refused, every lot's on-hand equals the sum of its movements, nothing is
 * negative, and the figures match a simple model of what should have happened.
 */
describe('stock ledger (property)', () => {
  let t: TestApp;
  let operator: string;
  let manager: string;
  let clientId: string;
  let commodityId: string;
  let chambers: string[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const warehouse = await makeWarehouse(t.dataSource);
    chambers = [
      (await makeChamber(t.dataSource, warehouse.id)).id,
      (await makeChamber(t.dataSource, warehouse.id)).id,
    ];
    commodityId = (await makeCommodity(t.dataSource)).id;
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: warehouse.id })).email,
    );
    manager = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.InventoryManager, warehouseId: warehouse.id }))
        .email,
    );
    const client = await makeUser(t.dataSource, { role: RoleName.Client });
    clientId = (
      await t.dataSource.query<{ id: string }[]>('SELECT id FROM clients WHERE user_id = $1', [
        client.user.id,
      ])
    )[0].id;
  });
  afterAll(() => t.close());

  const post = (token: string, url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body);

  it('keeps on-hand equal to the sum of movements, never negative, matching the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 15 }), async (commands) => {
        const lots: { id: string; quantity: number; chamber: number }[] = [];
        for (const cmd of commands) {
          const lot =
            lots.length > 0 && cmd.kind !== 'inward' ? lots[cmd.lot % lots.length] : undefined;
          if (cmd.kind === 'inward') {
            const weight = `${Math.floor(cmd.grams / 1000)}.${String(cmd.grams % 1000).padStart(3, '0')}`;
            const res = await post(operator, '/api/inventory/inward', {
              client_id: clientId,
              commodity_id: commodityId,
              chamber_id: chambers[0],
              quantity: cmd.quantity,
              weight_kg: weight,
            }).expect(201);
            lots.push({ id: res.body.id as string, quantity: cmd.quantity, chamber: 0 });
          } else if (lot && cmd.kind === 'dispatch') {
            const res = await post(operator, '/api/inventory/outward', {
              lot_id: lot.id,
              quantity: cmd.quantity,
            });
            expect(res.status).toBe(cmd.quantity <= lot.quantity ? 201 : 409);
            if (res.status === 201) lot.quantity -= cmd.quantity;
          } else if (lot && cmd.kind === 'adjust' && cmd.quantity !== 0) {
            // Removing everything needs the weight to go too: only partial or positive changes here.
            const res = await post(manager, '/api/inventory/adjustments', {
              lot_id: lot.id,
              quantity_delta: cmd.quantity,
              reason_code: 'COUNT_CORRECTION',
              note: 'recount',
            });
            const next = lot.quantity + cmd.quantity;
            expect([201, 409, 422]).toContain(res.status);
            if (next < 0) expect(res.status).toBe(409);
            if (res.status === 201) lot.quantity = next;
          } else if (lot && cmd.kind === 'transfer') {
            const target = 1 - lot.chamber;
            const res = await post(operator, '/api/inventory/transfers', {
              lot_id: lot.id,
              to_chamber_id: chambers[target],
            });
            expect(res.status).toBe(lot.quantity > 0 ? 201 : 409);
            if (res.status === 201) lot.chamber = target;
          }
        }
        const ids = lots.map((l) => l.id);
        if (ids.length === 0) return;
        const rows = await t.dataSource.query<
          {
            id: string;
            quantity: number;
            weight_kg: string;
            status: string;
            chamber_id: string;
            sum_q: string;
            sum_w: string;
          }[]
        >(
          `SELECT l.id, l.quantity, l.weight_kg::text, l.status, l.chamber_id,
                  (SELECT sum(quantity_delta) FROM stock_movements m WHERE m.lot_id = l.id) AS sum_q,
                  (SELECT sum(weight_delta_kg) FROM stock_movements m WHERE m.lot_id = l.id)::text AS sum_w
             FROM lots l WHERE l.id = ANY($1)`,
          [ids],
        );
        for (const row of rows) {
          const model = lots.find((l) => l.id === row.id);
          expect(row.quantity).toBe(Number(row.sum_q));
          expect(row.weight_kg).toBe(row.sum_w);
          expect(row.quantity).toBeGreaterThanOrEqual(0);
          expect(Number(row.weight_kg)).toBeGreaterThanOrEqual(0);
          expect(row.quantity).toBe(model?.quantity);
          expect(row.status === 'DEPLETED').toBe(row.quantity === 0);
          if (row.quantity === 0) expect(row.weight_kg).toBe('0.000');
          expect(row.chamber_id).toBe(chambers[model?.chamber ?? 0]);
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
