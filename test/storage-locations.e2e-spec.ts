import request from 'supertest';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { RoleName } from 'src/rbac/role-name.enum';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface LocationBody {
  id: string;
  code: string;
  kind: string;
  parent_id: string | null;
  path: string;
  depth: number;
  capacity_units: number | null;
  used_units: number;
  used_kg: string;
  blocked: boolean;
  blocked_reason: string | null;
}

interface Placements {
  placements: { location_id: string; code: string; quantity: number; weight_kg: string }[];
  unassigned_quantity: number;
}

/** Storage locations of a chamber, and lots placed in them (inward, moves, dispatch, transfer). */
describe('storage locations and placements', () => {
  let t: TestApp;
  let admin: string;
  let operator: string;
  let otherOperator: string;
  let clientToken: string;
  let clientId: string;
  let warehouseId: string;
  let chamberId: string;
  let otherChamberId: string;
  let commodityId: string;
  let palletCommodityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource, { code: 'LOCS' });
    const otherWh = await makeWarehouse(t.dataSource, { code: 'ELSE' });
    warehouseId = wh.id;
    chamberId = (await makeChamber(t.dataSource, wh.id, { code: 'CH-A' })).id;
    otherChamberId = (await makeChamber(t.dataSource, wh.id, { code: 'CH-B' })).id;
    commodityId = (await makeCommodity(t.dataSource)).id;
    palletCommodityId = (await makeCommodity(t.dataSource, { unit: CommodityUnit.Pallet })).id;
    admin = await login(t.server, (await makeUser(t.dataSource)).email);
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    otherOperator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: otherWh.id })).email,
    );
    const client = await makeClient(t.dataSource);
    clientId = client.client.id;
    clientToken = await login(t.server, client.email);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) =>
      request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) =>
      request(t.server).patch(url).set('Authorization', `Bearer ${token}`).send(body),
  });
  const locations = (chamber = chamberId) => `/api/chambers/${chamber}/locations`;

  async function slot(
    code: string,
    fields: object = {},
    chamber = chamberId,
  ): Promise<LocationBody> {
    const res = await as(operator)
      .post(locations(chamber), { code, kind: 'SLOT', ...fields })
      .expect(201);
    return res.body as LocationBody;
  }

  function receive(quantity: number, placements?: object[], fields: object = {}): request.Test {
    return as(operator).post('/api/inventory/inward', {
      client_id: clientId,
      commodity_id: commodityId,
      chamber_id: chamberId,
      quantity,
      weight_kg: String(quantity * 10),
      ...(placements ? { placements } : {}),
      ...fields,
    });
  }

  const move = (lotId: string, body: object, token = operator) =>
    as(token).post(`/api/inventory/lots/${lotId}/placements/move`, body);

  const lotPlacements = async (lotId: string): Promise<Placements> =>
    (await as(admin).get(`/api/inventory/lots/${lotId}`).expect(200)).body as Placements;

  describe('the location tree', () => {
    it('creates a location under a parent with its path, lists in tree order and audits', async () => {
      const floor = (
        await as(operator)
          .post(locations(), { code: 'z1', kind: 'ZONE', name: 'Zone 1' })
          .expect(201)
      ).body as LocationBody;
      const child = await slot('Z1-S1', { parent_id: floor.id, capacity_units: 10 });
      expect(child).toMatchObject({
        code: 'Z1-S1',
        parent_id: floor.id,
        path: 'Z1/Z1-S1',
        depth: 1,
        capacity_units: 10,
        used_units: 0,
        used_kg: '0',
        active: true,
        blocked: false,
      });
      const res = await as(operator).get(locations()).query({ code: 'z1' }).expect(200);
      expect(res.body.map((l: LocationBody) => l.code)).toEqual(['Z1', 'Z1-S1']);
      expect(res.headers['x-total-count']).toBe('2');
      expect(await auditActions(t.dataSource, child.id)).toContain('storage_location.created');
      await as(operator).post(locations(), { code: 'Z1-S1', kind: 'SLOT' }).expect(409);
    });

    it('lays out floors × racks × levels × slots in one request, reusing parents, all or nothing', async () => {
      const body = {
        code_template: 'F{floor}-R{rack:02}-L{level}-S{slot:02}',
        floors: { from: 1, to: 1 },
        racks: { from: 1, to: 3 },
        levels: { from: 1, to: 2 },
        slots: { from: 1, to: 2 },
        capacity_units: 50,
      };
      const res = await as(operator).post(`${locations()}/bulk`, body).expect(201);
      expect(res.body).toEqual({ created: 1 + 3 + 6 + 12, reused: 0, leaves: 12 });
      const more = await as(operator)
        .post(`${locations()}/bulk`, { ...body, racks: { from: 3, to: 4 } })
        .expect(409);
      expect(more.body.detail).toContain('F1-R03-L1-S01');
      const added = await as(operator)
        .post(`${locations()}/bulk`, { ...body, racks: { from: 4, to: 4 } })
        .expect(201);
      expect(added.body).toEqual({ created: 1 + 2 + 4, reused: 1, leaves: 4 });
      const leaf = await as(operator).get(locations()).query({ code: 'F1-R04-L2-S02' }).expect(200);
      expect(leaf.body[0]).toMatchObject({
        kind: 'SLOT',
        path: 'F1/F1-R04/F1-R04-L2/F1-R04-L2-S02',
        depth: 3,
        capacity_units: 50,
      });
      const rack = await as(operator)
        .get(locations())
        .query({ code: 'F1-R04', kind: 'RACK' })
        .expect(200);
      expect(rack.body[0].capacity_units).toBeNull();
    });

    it('creates a layout of the full 5000 locations in one request', async () => {
      const big = (await makeChamber(t.dataSource, warehouseId, { code: 'CH-BIG' })).id;
      const res = await as(operator)
        .post(`${locations(big)}/bulk`, {
          code_template: 'R{rack:02}-L{level}-S{slot:02}',
          racks: { from: 1, to: 40 },
          levels: { from: 1, to: 4 },
          slots: { from: 1, to: 30 },
          capacity_units: 10,
        })
        .expect(201);
      expect(res.body).toEqual({ created: 40 + 160 + 4800, reused: 0, leaves: 4800 });
      const grid = await as(operator).get(`/api/chambers/${big}/occupancy`).expect(200);
      expect(grid.body).toMatchObject({ slot_count: 4800, capacity_units: 48000, fill_ratio: 0 });
    });

    it('refuses a layout past 5000 locations and a template that does not fit it', async () => {
      const res = await as(operator)
        .post(`${locations()}/bulk`, {
          code_template: 'X{rack}-{slot}',
          racks: { from: 1, to: 100 },
          slots: { from: 1, to: 50 },
        })
        .expect(422);
      expect(res.body.detail).toContain('5000');
      await as(operator)
        .post(`${locations()}/bulk`, { code_template: 'X{slot}', racks: { from: 1, to: 2 } })
        .expect(422);
    });

    it('changes a location, moving its subtree with it, and refuses a cycle', async () => {
      const top = (await as(operator).post(locations(), { code: 'MV', kind: 'RACK' }).expect(201))
        .body as LocationBody;
      const mid = await slot('MV-1', { parent_id: top.id, kind: 'LEVEL' });
      await slot('MV-1-A', { parent_id: mid.id });
      const renamed = await as(operator)
        .patch(`${locations()}/${top.id}`, { code: 'MW', blocked: true, blocked_reason: 'beam' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        code: 'MW',
        path: 'MW',
        blocked: true,
        blocked_reason: 'beam',
      });
      const leaf = await as(operator).get(locations()).query({ code: 'MV-1-A' }).expect(200);
      expect(leaf.body[0].path).toBe('MW/MV-1/MV-1-A');
      await as(operator).patch(`${locations()}/${top.id}`, { parent_id: mid.id }).expect(422);
      const unblocked = await as(operator)
        .patch(`${locations()}/${top.id}`, { blocked: false })
        .expect(200);
      expect(unblocked.body.blocked_reason).toBeNull();
    });

    it('keeps other warehouses and clients out, and needs inventory.zone.allocate to change', async () => {
      await as(otherOperator).get(locations()).expect(404);
      await as(otherOperator).post(locations(), { code: 'NOPE', kind: 'SLOT' }).expect(404);
      await as(clientToken).get(locations()).expect(404);
      await as(clientToken).post(locations(), { code: 'NOPE', kind: 'SLOT' }).expect(403);
      const one = await slot('SCOPE-1');
      await as(otherOperator).get(`${locations()}/${one.id}`).expect(404);
      await as(operator)
        .get(`${locations(otherChamberId)}/${one.id}`)
        .expect(404);
    });
  });

  describe('placements', () => {
    it('puts a receipt into named slots, the rest unassigned, with weights shared out', async () => {
      const a = await slot('P-A', { capacity_units: 100 });
      const b = await slot('P-B', { capacity_units: 100 });
      const res = await receive(100, [
        { location_id: a.id, quantity: 30 },
        { location_id: b.id, quantity: 50 },
      ]).expect(201);
      expect(res.body).toMatchObject({ quantity: 100, unassigned_quantity: 20 });
      expect(res.body.placements).toEqual([
        { location_id: a.id, code: 'P-A', quantity: 30, weight_kg: '300' },
        { location_id: b.id, code: 'P-B', quantity: 50, weight_kg: '500' },
      ]);
      const detail = await lotPlacements(res.body.id);
      expect(detail.unassigned_quantity).toBe(20);
      const history = await t.dataSource.query<{ reason: string; quantity: number }[]>(
        'SELECT reason, quantity FROM location_movements WHERE lot_id = $1 ORDER BY quantity',
        [res.body.id],
      );
      expect(history).toEqual([
        { reason: 'INWARD', quantity: 30 },
        { reason: 'INWARD', quantity: 50 },
      ]);
    });

    it('refuses placements past the quantity, a full slot (naming it), a blocked or parent location', async () => {
      const small = await slot('Q-SMALL', { capacity_units: 5 });
      const before = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM lots',
      );
      await receive(10, [{ location_id: small.id, quantity: 11 }]).expect(422);
      const full = await receive(10, [{ location_id: small.id, quantity: 6 }]).expect(409);
      expect(full.body.detail).toContain('Q-SMALL');
      const blocked = await slot('Q-BLOCKED', { blocked: true, blocked_reason: 'ice' });
      const refused = await receive(10, [{ location_id: blocked.id, quantity: 1 }]).expect(409);
      expect(refused.body.detail).toContain('blocked');
      const inactive = await slot('Q-OFF', { active: false });
      await receive(10, [{ location_id: inactive.id, quantity: 1 }]).expect(409);
      const parent = (
        await as(operator).post(locations(), { code: 'Q-RACK', kind: 'RACK' }).expect(201)
      ).body as LocationBody;
      await slot('Q-RACK-1', { parent_id: parent.id });
      await receive(10, [{ location_id: parent.id, quantity: 1 }]).expect(409);
      const elsewhere = await slot('Q-ELSE', {}, otherChamberId);
      await receive(10, [{ location_id: elsewhere.id, quantity: 1 }]).expect(422);
      // All or nothing: no lot was left behind by the refused receipts.
      const after = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM lots',
      );
      expect(after[0].n).toBe(before[0].n);
    });

    it('moves units between slots and back to unassigned, conserving quantity, audited', async () => {
      const a = await slot('M-A');
      const b = await slot('M-B', { capacity_units: 25 });
      const lot = (await receive(40, [{ location_id: a.id, quantity: 40 }]).expect(201)).body as {
        id: string;
      };
      const moved = await move(lot.id, {
        from_location_id: a.id,
        to_location_id: b.id,
        quantity: 25,
        reference: 'TASK-1',
      }).expect(200);
      expect(moved.body).toMatchObject({ quantity: 40, unassigned_quantity: 0 });
      expect(
        moved.body.placements.map((p: { code: string; quantity: number }) => [p.code, p.quantity]),
      ).toEqual([
        ['M-A', 15],
        ['M-B', 25],
      ]);
      const full = await move(lot.id, {
        from_location_id: a.id,
        to_location_id: b.id,
        quantity: 1,
      }).expect(409);
      expect(full.body.detail).toContain('M-B');
      await move(lot.id, { from_location_id: a.id, to_location_id: null, quantity: 15 }).expect(
        200,
      );
      await move(lot.id, { from_location_id: a.id, to_location_id: b.id, quantity: 1 }).expect(409);
      await move(lot.id, { from_location_id: null, to_location_id: a.id, quantity: 16 }).expect(
        409,
      );
      const back = await move(lot.id, {
        from_location_id: null,
        to_location_id: a.id,
        quantity: 15,
      }).expect(200);
      expect(back.body.unassigned_quantity).toBe(0);
      await move(lot.id, { from_location_id: null, to_location_id: null, quantity: 1 }).expect(422);
      await move(lot.id, { from_location_id: a.id, to_location_id: a.id, quantity: 1 }).expect(422);
      await move(lot.id, { to_location_id: a.id, quantity: 1 }, clientToken).expect(403);
      await move(lot.id, { to_location_id: a.id, quantity: 1 }, otherOperator).expect(404);
      expect(await auditActions(t.dataSource, lot.id)).toContain('lot.placement_moved');
      const history = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM location_movements WHERE lot_id = $1 AND reason = 'MOVE'`,
        [lot.id],
      );
      expect(history[0].n).toBe(3);
    });

    it('never fills a slot past its capacity when requests race for the last space', async () => {
      const last = await slot('RACE', { capacity_units: 10 });
      const lots = await Promise.all(
        Array.from({ length: 6 }, () =>
          receive(10)
            .expect(201)
            .then((r: request.Response) => r.body as { id: string }),
        ),
      );
      const results = await Promise.all(
        lots.map((lot) =>
          move(lot.id, { from_location_id: null, to_location_id: last.id, quantity: 4 }),
        ),
      );
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 200, 409, 409, 409, 409]);
      const got = await as(operator).get(`${locations()}/${last.id}`).expect(200);
      expect(got.body.used_units).toBe(8);
    });

    it('counts pallets only for PALLET commodities, and kg against capacity_kg', async () => {
      const bay = await slot('PAL-1', { capacity_pallets: 2, capacity_kg: '1000' });
      const pallets = await receive(3, undefined, { commodity_id: palletCommodityId }).expect(201);
      const res = await move(pallets.body.id, { to_location_id: bay.id, quantity: 3 }).expect(409);
      expect(res.body.detail).toContain('pallets');
      await move(pallets.body.id, { to_location_id: bay.id, quantity: 2 }).expect(200);
      const bags = await receive(200).expect(201); // 10 kg each
      const heavy = await move(bags.body.id, { to_location_id: bay.id, quantity: 150 }).expect(409);
      expect(heavy.body.detail).toContain('kg');
      await move(bags.body.id, { to_location_id: bay.id, quantity: 10 }).expect(200);
      await as(operator).patch(`${locations()}/${bay.id}`, { capacity_units: 5 }).expect(409);
    });

    it('the database keeps placements within the lot, whatever writes them', async () => {
      const s = await slot('DB-1');
      const lot = await makeLot(t.dataSource, {
        warehouseId,
        clientId,
        commodityId,
        chamberId,
        quantity: 5,
        weightKg: '50',
      });
      await expect(
        t.dataSource.query(
          'INSERT INTO lot_placements (lot_id, location_id, quantity, weight_kg) VALUES ($1, $2, 6, 0)',
          [lot.id, s.id],
        ),
      ).rejects.toThrow(/not placed/);
      await expect(
        t.dataSource.query('UPDATE location_movements SET quantity = 1'),
      ).rejects.toThrow(/append-only/);
    });

    const shape = (body: Placements) => ({
      placed: body.placements.map((p) => [p.code, p.quantity]),
      unassigned: body.unassigned_quantity,
    });

    it('takes dispatched units from the unassigned part first, then slots in code order', async () => {
      const b = await slot('OUT-B');
      const a = await slot('OUT-A');
      const lot = (
        await receive(100, [
          { location_id: b.id, quantity: 40 },
          { location_id: a.id, quantity: 40 },
        ]).expect(201)
      ).body as { id: string };
      const dispatch = (quantity: number, placements?: object[]) =>
        as(operator).post('/api/inventory/dispatches', {
          client_id: clientId,
          reference: 'GP-1',
          lines: [{ lot_id: lot.id, quantity, ...(placements ? { placements } : {}) }],
        });
      await dispatch(30).expect(201);
      expect(shape(await lotPlacements(lot.id))).toEqual({
        placed: [
          ['OUT-A', 30],
          ['OUT-B', 40],
        ],
        unassigned: 0,
      });
      // Named: all 20 from OUT-B, whatever the code order says.
      await dispatch(20, [{ location_id: b.id, quantity: 20 }]).expect(201);
      expect(shape(await lotPlacements(lot.id))).toEqual({
        placed: [
          ['OUT-A', 30],
          ['OUT-B', 20],
        ],
        unassigned: 0,
      });
      const short = await dispatch(25, [{ location_id: b.id, quantity: 25 }]).expect(409);
      expect(short.body.detail).toContain('OUT-B');
      await dispatch(5, [{ location_id: b.id, quantity: 6 }]).expect(422);
      // A refused dispatch (more than the lot holds) gives the named units back.
      await dispatch(500, [{ location_id: b.id, quantity: 5 }]).expect(409);
      expect(shape(await lotPlacements(lot.id)).placed).toEqual([
        ['OUT-A', 30],
        ['OUT-B', 20],
      ]);
      await as(admin)
        .post('/api/inventory/adjustments', {
          lot_id: lot.id,
          quantity_delta: -35,
          weight_delta_kg: '-350',
          reason_code: 'DAMAGE',
          note: 'crushed',
        })
        .expect(201);
      expect(shape(await lotPlacements(lot.id))).toEqual({
        placed: [['OUT-B', 15]],
        unassigned: 0,
      });
      const history = await t.dataSource.query<{ reason: string; n: number }[]>(
        `SELECT reason, count(*)::int AS n FROM location_movements
          WHERE lot_id = $1 AND to_location_id IS NULL GROUP BY reason`,
        [lot.id],
      );
      expect(history).toEqual([{ reason: 'OUTWARD', n: 4 }]);
    });

    it('takes a lot out of its slots when it moves to another chamber', async () => {
      const a = await slot('TR-A');
      const lot = (await receive(10, [{ location_id: a.id, quantity: 6 }]).expect(201)).body as {
        id: string;
      };
      await as(operator)
        .post('/api/inventory/transfers', { lot_id: lot.id, to_chamber_id: otherChamberId })
        .expect(201);
      expect(shape(await lotPlacements(lot.id))).toEqual({ placed: [], unassigned: 10 });
      const [row] = await t.dataSource.query<{ reason: string; quantity: number }[]>(
        'SELECT reason, quantity FROM location_movements WHERE lot_id = $1 AND from_location_id = $2',
        [lot.id, a.id],
      );
      expect(row).toEqual({ reason: 'TRANSFER', quantity: 6 });
    });

    it('shows lots received before locations as unassigned with their free-text position', async () => {
      const lot = await makeLot(t.dataSource, {
        warehouseId,
        clientId,
        commodityId,
        chamberId,
        quantity: 7,
        weightKg: '70',
        position: 'R9-F1',
      });
      const detail = await as(admin).get(`/api/inventory/lots/${lot.id}`).expect(200);
      expect(detail.body).toMatchObject({
        position: 'R9-F1',
        placements: [],
        unassigned_quantity: 7,
      });
    });
  });

  describe('views', () => {
    let viewChamber: string;

    beforeAll(async () => {
      viewChamber = (await makeChamber(t.dataSource, warehouseId, { code: 'CH-V' })).id;
      await as(operator)
        .post(`${locations(viewChamber)}/bulk`, {
          code_template: 'F{floor}-R{rack}-S{slot}',
          floors: { from: 1, to: 1 },
          racks: { from: 1, to: 2 },
          slots: { from: 1, to: 2 },
          capacity_units: 10,
        })
        .expect(201);
      await as(operator).post(locations(viewChamber), { code: 'DOCK', kind: 'ZONE' }).expect(201);
      const codes = new Map<string, string>(
        ((await as(operator).get(locations(viewChamber)).expect(200)).body as LocationBody[]).map(
          (l) => [l.code, l.id],
        ),
      );
      await as(operator)
        .post('/api/inventory/inward', {
          client_id: clientId,
          commodity_id: commodityId,
          chamber_id: viewChamber,
          quantity: 20,
          weight_kg: '200',
          position: 'by the door',
          placements: [
            { location_id: codes.get('F1-R1-S1'), quantity: 10 },
            { location_id: codes.get('F1-R2-S2'), quantity: 5 },
          ],
        })
        .expect(201);
    });

    it('shows a chamber as floors × racks × slots with fill ratios and roll-ups', async () => {
      const res = await as(operator).get(`/api/chambers/${viewChamber}/occupancy`).expect(200);
      expect(res.body).toMatchObject({
        chamber_code: 'CH-V',
        slot_count: 5,
        used_units: 15,
        capacity_units: 40,
        fill_ratio: 0.375,
      });
      const [floor, none] = res.body.floors;
      expect(floor).toMatchObject({ code: 'F1', used_units: 15, capacity_units: 40 });
      expect(
        floor.racks.map((r: { code: string; fill_ratio: number }) => [r.code, r.fill_ratio]),
      ).toEqual([
        ['F1-R1', 0.5],
        ['F1-R2', 0.25],
      ]);
      expect(floor.racks[0].slots[0]).toMatchObject({
        code: 'F1-R1-S1',
        used_units: 10,
        used_kg: '100',
        capacity_units: 10,
        fill_ratio: 1,
        lots: 1,
      });
      expect(none).toMatchObject({
        code: null,
        racks: [{ code: null, slots: [{ code: 'DOCK', fill_ratio: null }] }],
      });
      await as(clientToken).get(`/api/chambers/${viewChamber}/occupancy`).expect(404);
      await as(otherOperator).get(`/api/chambers/${viewChamber}/occupancy`).expect(404);
    });

    it("reports a client's stock by location, unassigned units last, as JSON or CSV", async () => {
      const res = await as(clientToken).get('/api/inventory/reports/stock-by-location').expect(200);
      const mine = res.body.rows.filter((r: { chamber_code: string }) => r.chamber_code === 'CH-V');
      expect(
        mine.map((r: { location_code: string | null; quantity: number; weight_kg: string }) => [
          r.location_code,
          r.quantity,
          r.weight_kg,
        ]),
      ).toEqual([
        ['F1-R1-S1', 10, '100'],
        ['F1-R2-S2', 5, '50'],
        [null, 5, '50'],
      ]);
      expect(mine[2].position).toBe('by the door');
      const csv = await as(admin)
        .get('/api/inventory/reports/stock-by-location')
        .query({ client_id: clientId, format: 'csv' })
        .expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text.split('\r\n')[0]).toBe(
        '"warehouse_code","chamber_code","location_code","position","lot_number","commodity_code","unit","quantity","weight_kg"',
      );
      expect(csv.text).toContain('"CH-V","F1-R1-S1"');
      await as(admin).get('/api/inventory/reports/stock-by-location').expect(422);
      const other = await makeClient(t.dataSource);
      await as(clientToken)
        .get('/api/inventory/reports/stock-by-location')
        .query({ client_id: other.client.id })
        .expect(404);
      const staff = await as(otherOperator)
        .get('/api/inventory/reports/stock-by-location')
        .query({ client_id: clientId });
      expect(staff.status).toBe(404);
    });
  });
});
