import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { FEFO_SKIPPED_SHOWN } from 'src/inventory/ledger/dispatch.sql';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface SlotBody {
  location_id: string;
  code: string;
  chamber_id: string;
  suggested_quantity: number;
  free_units: number | null;
  score: number;
  reasons: string[];
}

interface PickLotBody {
  lot_id: string;
  lot_number: string;
  quantity: number;
  slots: { location_id: string | null; code: string | null; quantity: number }[];
}

describe('putaway and pick suggestions', () => {
  let t: TestApp;
  let operator: string;
  let otherOperator: string;
  let warehouseId: string;
  let chamberId: string;
  let warmChamberId: string;
  let commodityId: string;
  let clientId: string;
  let otherClientId: string;

  /** A location written directly: a rack, or a slot under `parent` with a unit capacity. */
  async function location(
    fields: { chamber?: string; code: string; parent?: string; kind?: string } & {
      capacity?: number | null;
      capacityKg?: string | null;
      blocked?: boolean;
      active?: boolean;
    },
  ): Promise<string> {
    const chamber = fields.chamber ?? chamberId;
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO storage_locations (warehouse_id, chamber_id, parent_id, kind, code, path, depth,
                                      capacity_units, capacity_kg, active, blocked)
       SELECT c.warehouse_id, c.id, $2::uuid, $3::storage_location_kind, $4::varchar,
              coalesce((SELECT path || '/' FROM storage_locations WHERE id = $2::uuid), '') || $4::varchar,
              CASE WHEN $2::uuid IS NULL THEN 0 ELSE 1 END, $5::int, $6::numeric, $7::boolean, $8::boolean
         FROM chambers c WHERE c.id = $1
       RETURNING id`,
      [
        chamber,
        fields.parent ?? null,
        fields.kind ?? (fields.parent ? 'SLOT' : 'RACK'),
        fields.code,
        fields.capacity ?? null,
        fields.capacityKg ?? null,
        fields.active ?? true,
        fields.blocked ?? false,
      ],
    );
    return row.id;
  }

  const place = (lotId: string, locationId: string, quantity: number): Promise<unknown> =>
    t.dataSource.query(
      `INSERT INTO lot_placements (lot_id, location_id, quantity, weight_kg) VALUES ($1, $2, $3::int, $3::numeric)`,
      [lotId, locationId, quantity],
    );

  const post = (token: string, url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body);

  let rackA: string;
  let rackB: string;
  const slots: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource, { code: 'NASH' });
    const other = await makeWarehouse(t.dataSource, { code: 'AGRA' });
    warehouseId = wh.id;
    chamberId = (await makeChamber(t.dataSource, wh.id, { code: 'FRZ' })).id;
    // Too warm for the commodity (-30..-10): never suggested.
    warmChamberId = (await makeChamber(t.dataSource, wh.id, { minTempC: '0', maxTempC: '4' })).id;
    commodityId = (await makeCommodity(t.dataSource, { unit: CommodityUnit.Bag })).id;
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    otherOperator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: other.id })).email,
    );
    clientId = (await makeClient(t.dataSource)).client.id;
    otherClientId = (await makeClient(t.dataSource)).client.id;

    rackA = await location({ code: 'R01' });
    rackB = await location({ code: 'R02' });
    slots.A1 = await location({ code: 'R01-S01', parent: rackA, capacity: 50 });
    slots.A2 = await location({ code: 'R01-S02', parent: rackA, capacity: 50 });
    slots.B1 = await location({ code: 'R02-S01', parent: rackB, capacity: 100 });
    slots.B2 = await location({ code: 'R02-S02', parent: rackB, capacity: 100, blocked: true });
    slots.B3 = await location({ code: 'R02-S03', parent: rackB, capacity: 100, active: false });
    const warmRack = await location({ chamber: warmChamberId, code: 'W01' });
    await location({ chamber: warmChamberId, code: 'W01-S01', parent: warmRack, capacity: 9999 });
  });
  afterAll(() => t.close());

  describe('putaway', () => {
    it('takes the quantity in the fewest slots, never blocked, inactive or of an unsuitable chamber', async () => {
      const res = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 80,
      }).expect(200);
      expect(res.body).toMatchObject({
        chamber_id: chamberId,
        suggested_quantity: 80,
        remaining_quantity: 0,
      });
      const body = res.body as { slots: SlotBody[] };
      expect(body.slots).toHaveLength(1);
      expect(body.slots[0]).toMatchObject({
        code: 'R02-S01',
        suggested_quantity: 80,
        free_units: 100,
        score: 100,
      });
      expect(body.slots[0].reasons).toContain('takes all 80 units');
    });

    it('spans slots best first, ties by code, when one slot is not enough', async () => {
      const res = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 180,
      }).expect(200);
      const body = res.body as { slots: SlotBody[]; remaining_quantity: number };
      expect(body.slots.map((s) => [s.code, s.suggested_quantity])).toEqual([
        ['R02-S01', 100],
        ['R01-S01', 50],
        ['R01-S02', 30],
      ]);
      expect(body.remaining_quantity).toBe(0);
    });

    it("ranks slots beside the client's lots of the commodity above a bigger free slot", async () => {
      const lot = await makeLot(t.dataSource, {
        warehouseId,
        clientId,
        commodityId,
        chamberId,
        quantity: 10,
        weightKg: '10',
      });
      await place(lot.id, slots.A1, 10);
      const res = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 40,
      }).expect(200);
      const body = res.body as { slots: SlotBody[] };
      // R01-S01 holds the lot (40 free: 100 + 60), R02-S01 only has room (100).
      expect(body.slots.map((s) => [s.code, s.score])).toEqual([['R01-S01', 160]]);
      expect(body.slots[0].reasons).toContain("holds the client's lots of this commodity");
      // Too much for that slot: one slot beside it takes all, before the slot holding the lot.
      const beside = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 45,
      }).expect(200);
      const besideSlots = (beside.body as { slots: SlotBody[] }).slots;
      expect(besideSlots.map((s) => [s.code, s.score])).toEqual([['R01-S02', 140]]);
      expect(besideSlots[0].reasons).toContain("beside the client's lots of this commodity");
      // Another client's goods are not drawn there: no closeness points.
      const other = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: otherClientId,
        commodity_id: commodityId,
        quantity: 40,
      }).expect(200);
      expect((other.body as { slots: SlotBody[] }).slots.map((s) => [s.code, s.score])).toEqual([
        ['R01-S01', 100],
      ]);
    });

    it('answers part of the quantity with what remains, and 409 when nothing fits', async () => {
      const part = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 1000,
      }).expect(200);
      expect(part.body).toMatchObject({ suggested_quantity: 190, remaining_quantity: 810 });
      const warm = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: warmChamberId,
        quantity: 5,
      }).expect(422);
      expect(JSON.stringify(warm.body)).toContain('chamber_id');
      const chilled = await makeCommodity(t.dataSource, { minTempC: '0', maxTempC: '8' });
      const none = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: chilled.id,
        chamber_id: chamberId,
        quantity: 5,
      }).expect(422);
      expect(none.body).toMatchObject({ status: 422 });
      const full = await makeChamber(t.dataSource, warehouseId, { code: 'EMPTY' });
      const nothing = await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: full.id,
        quantity: 5,
      }).expect(409);
      expect((nothing.body as { detail: string }).detail).toMatch(/No free/);
    });

    it('counts kg against kg capacities, and the receipt takes the suggestion as its placements', async () => {
      const dock = (await makeChamber(t.dataSource, warehouseId, { code: 'DOCK' })).id;
      const rack = await location({ chamber: dock, code: 'D01' });
      await location({ chamber: dock, code: 'D01-S01', parent: rack, capacity: 60 });
      await location({
        chamber: dock,
        code: 'D01-S02',
        parent: rack,
        capacity: 60,
        capacityKg: '100',
      });
      const ask = { client_id: clientId, commodity_id: commodityId, chamber_id: dock };
      const res = await post(operator, '/api/inventory/putaway-suggestions', {
        ...ask,
        quantity: 100,
        weight_kg: '250',
      }).expect(200);
      const suggestion = res.body as { chamber_id: string; slots: SlotBody[] };
      // 2.5 kg a unit: D01-S02 has room for 40 by weight.
      expect(suggestion.slots.map((s) => [s.code, s.suggested_quantity, s.free_units])).toEqual([
        ['D01-S01', 60, 60],
        ['D01-S02', 40, 40],
      ]);
      const lot = await post(operator, '/api/inventory/inward', {
        ...ask,
        chamber_id: suggestion.chamber_id,
        quantity: 100,
        weight_kg: '250',
        placements: suggestion.slots.map((s) => ({
          location_id: s.location_id,
          quantity: s.suggested_quantity,
        })),
      }).expect(201);
      const placed = await t.dataSource.query<{ code: string; quantity: number; kg: string }[]>(
        `SELECT s.code, p.quantity, trim_scale(p.weight_kg)::text AS kg
           FROM lot_placements p JOIN storage_locations s ON s.id = p.location_id
          WHERE p.lot_id = $1 ORDER BY s.code`,
        [(lot.body as { id: string }).id],
      );
      expect(placed).toEqual([
        { code: 'D01-S01', quantity: 60, kg: '150' },
        { code: 'D01-S02', quantity: 40, kg: '100' },
      ]);
      const full = await post(operator, '/api/inventory/putaway-suggestions', {
        ...ask,
        quantity: 1,
        weight_kg: '1',
      }).expect(409);
      expect((full.body as { detail: string }).detail).toMatch(/No free/);
      // Unweighed goods of a commodity not sold by the kg: only units count.
      const unweighed = await post(operator, '/api/inventory/putaway-suggestions', {
        ...ask,
        quantity: 1,
      }).expect(200);
      expect((unweighed.body as { slots: SlotBody[] }).slots).toMatchObject([
        { code: 'D01-S02', free_units: 20 },
      ]);
    });

    it('refuses bad input (422), sees only its warehouse (404) and is not for clients (403)', async () => {
      await post(operator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        quantity: 0,
      }).expect(422);
      await post(otherOperator, '/api/inventory/putaway-suggestions', {
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamberId,
        quantity: 5,
      }).expect(404);
      const client = await makeClient(t.dataSource);
      const token = await login(t.server, client.email);
      await post(token, '/api/inventory/putaway-suggestions', {
        client_id: client.client.id,
        commodity_id: commodityId,
        quantity: 5,
      }).expect(403);
    });
  });

  describe('picking', () => {
    let pickCommodity: string;
    const lots: Record<string, string> = {};

    beforeAll(async () => {
      pickCommodity = (await makeCommodity(t.dataSource)).id;
      const lot = (name: string, expiry: string | null, received: string): Promise<void> =>
        makeLot(t.dataSource, {
          warehouseId,
          clientId,
          commodityId: pickCommodity,
          chamberId,
          quantity: 30,
          weightKg: '30',
          expiryDate: expiry,
          receivedAt: new Date(received),
          lotNumber: `PICK-${name}`,
        }).then((made) => {
          lots[name] = made.id;
        });
      await lot('late', '2027-06-01', '2026-01-01T00:00:00Z');
      await lot('never', null, '2025-12-01T00:00:00Z');
      await lot('soon', '2027-01-01', '2026-03-01T00:00:00Z');
      await lot('held', '2026-12-01', '2026-02-01T00:00:00Z');
      await t.dataSource.query(
        `UPDATE lots SET status = 'ON_HOLD', hold_reason = 'inspection' WHERE id = $1`,
        [lots.held],
      );
      // 'soon' lies 20 in slot R02-S01 and 10 unassigned.
      await place(lots.soon, slots.B1, 20);
    });

    const pick = (body: object, token = operator): request.Test =>
      post(token, '/api/inventory/pick-suggestions', {
        client_id: clientId,
        commodity_id: pickCommodity,
        ...body,
      });

    it('picks earliest expiry first, no expiry last, never a held lot; unassigned units first', async () => {
      const res = await pick({ quantity: 70 }).expect(200);
      expect(res.body).toMatchObject({
        strategy: 'FEFO',
        requested_quantity: 70,
        covered_quantity: 70,
        shortfall: 0,
      });
      const body = res.body as { lots: PickLotBody[] };
      expect(body.lots.map((l) => [l.lot_number, l.quantity])).toEqual([
        ['PICK-soon', 30],
        ['PICK-late', 30],
        ['PICK-never', 10],
      ]);
      expect(body.lots[0].slots).toEqual([
        { location_id: null, code: null, quantity: 10 },
        { location_id: slots.B1, code: 'R02-S01', quantity: 20 },
      ]);
    });

    it('picks earliest receipt first with FIFO and says when stock falls short', async () => {
      const res = await pick({ quantity: 100, strategy: 'FIFO' }).expect(200);
      const body = res.body as { lots: PickLotBody[]; shortfall: number };
      expect(body.lots.map((l) => l.lot_number)).toEqual(['PICK-never', 'PICK-late', 'PICK-soon']);
      expect(body.shortfall).toBe(10);
      await pick({ quantity: 5, strategy: 'LIFO' }).expect(422);
      const elsewhere = await pick({ quantity: 5 }, otherOperator).expect(200);
      expect(elsewhere.body).toMatchObject({ covered_quantity: 0, shortfall: 5, lots: [] });
    });

    it('dispatches the suggestion once under an Idempotency-Key, taking the slots it named', async () => {
      const send = (): request.Test =>
        post(operator, '/api/inventory/dispatches/from-pick', {
          client_id: clientId,
          commodity_id: pickCommodity,
          quantity: 25,
          reference: 'GP-PICK-1',
        }).set('Idempotency-Key', 'from-pick-1');
      const res = await send().expect(201);
      expect(res.body).toMatchObject({
        client_id: clientId,
        reference: 'GP-PICK-1',
        lines: [{ lot_id: lots.soon, quantity: 25, remaining_quantity: 5 }],
        fefo_skipped: [],
      });
      const again = await send().expect(201);
      expect((again.body as { id: string }).id).toBe((res.body as { id: string }).id);
      const placed = await t.dataSource.query<{ quantity: number }[]>(
        'SELECT quantity FROM lot_placements WHERE lot_id = $1',
        [lots.soon],
      );
      expect(placed).toEqual([{ quantity: 5 }]);
      await post(operator, '/api/inventory/dispatches/from-pick', {
        client_id: clientId,
        commodity_id: pickCommodity,
        quantity: 1000,
      }).expect(409);
    });

    it('flags, in the answer and the audit, a dispatch that leaves an earlier-expiring lot behind', async () => {
      const res = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [{ lot_id: lots.never, quantity: 5 }],
      }).expect(201);
      const body = res.body as { id: string; fefo_skipped: unknown[] };
      expect(res.body).toMatchObject({ fefo_skipped_total: 2 });
      expect(body.fefo_skipped).toEqual([
        {
          lot_id: lots.soon,
          lot_number: 'PICK-soon',
          expiry_date: '2027-01-01',
          received_at: '2026-03-01T00:00:00.000Z',
        },
        {
          lot_id: lots.late,
          lot_number: 'PICK-late',
          expiry_date: '2027-06-01',
          received_at: '2026-01-01T00:00:00.000Z',
        },
      ]);
      const [event] = await t.dataSource.query<
        { after: { fefo_skipped: { lot_number: string }[] } }[]
      >(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'dispatch.created'`, [
        body.id,
      ]);
      expect(event.after.fefo_skipped.map((l) => l.lot_number)).toEqual(['PICK-soon', 'PICK-late']);
      const inOrder = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [{ lot_id: lots.soon, quantity: 1 }],
      }).expect(201);
      expect(inOrder.body).toMatchObject({ fefo_skipped: [], fefo_skipped_total: 0 });
    });

    it('lists the first lots FEFO would have taken and counts them all, however many there are', async () => {
      const crowded = (await makeCommodity(t.dataSource)).id;
      const older = FEFO_SKIPPED_SHOWN + 3;
      const crowdLot = (expiryDate: string, receivedAt: string, lotNumber?: string) =>
        makeLot(t.dataSource, {
          warehouseId,
          clientId,
          commodityId: crowded,
          chamberId,
          quantity: 2,
          weightKg: '2',
          expiryDate,
          receivedAt: new Date(receivedAt),
          lotNumber,
        });
      const made: string[] = [];
      for (let day = 1; day <= older; day += 1) {
        // Newest expiry first, so FEFO order is not the order they were made in.
        const expiry = `2027-03-${String(older + 1 - day).padStart(2, '0')}`;
        const lot = await crowdLot(
          expiry,
          '2026-01-01T00:00:00Z',
          `CROWD-${String(day).padStart(2, '0')}`,
        );
        made.push(lot.lotNumber);
      }
      const latest = await crowdLot('2027-09-01', '2026-02-01T00:00:00Z');
      const res = await post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines: [{ lot_id: latest.id, quantity: 1 }],
      }).expect(201);
      const body = res.body as {
        id: string;
        fefo_skipped: { lot_number: string }[];
        fefo_skipped_total: number;
      };
      const firstByExpiry = [...made].reverse().slice(0, FEFO_SKIPPED_SHOWN);
      expect(body.fefo_skipped_total).toBe(older);
      expect(body.fefo_skipped.map((l) => l.lot_number)).toEqual(firstByExpiry);
      const [event] = await t.dataSource.query<
        { after: { fefo_skipped: { lot_number: string }[]; fefo_skipped_total: number } }[]
      >(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'dispatch.created'`, [
        body.id,
      ]);
      expect(event.after.fefo_skipped_total).toBe(older);
      expect(event.after.fefo_skipped.map((l) => l.lot_number)).toEqual(firstByExpiry);
    });
  });
});
