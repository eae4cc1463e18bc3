import request from 'supertest';
import type { WeighmentOutDto } from 'src/inventory/weighments/dto/weighment.dto';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface LotBody {
  id: string;
  quantity: number;
  weight_kg: string;
  weighment: WeighmentOutDto | null;
}

interface DispatchBody {
  id: string;
  lines: { lot_id: string; quantity: number; weight_kg: string }[];
  weighment: WeighmentOutDto | null;
}

describe('weighments: weighbridge tickets of receipts and dispatches, check-weighings of lots', () => {
  let t: TestApp;
  let operator: string;
  let otherOperator: string;
  let clientToken: string;
  let otherClientToken: string;
  let clientId: string;
  let chamberId: string;
  let commodityId: string;
  let kgCommodityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource, { code: 'NASIK' });
    const elsewhere = await makeWarehouse(t.dataSource, { code: 'AGRA' });
    chamberId = (await makeChamber(t.dataSource, wh.id)).id;
    commodityId = (await makeCommodity(t.dataSource)).id;
    kgCommodityId = (await makeCommodity(t.dataSource, { unit: 'KG' as never })).id;
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    otherOperator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: elsewhere.id })).email,
    );
    const client = await makeClient(t.dataSource, 'Sahyadri Farms');
    clientId = client.client.id;
    clientToken = await login(t.server, client.email);
    otherClientToken = await login(t.server, (await makeClient(t.dataSource)).email);
  });
  afterAll(() => t.close());

  const post = (token: string, url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body);
  const get = (token: string, url: string): request.Test =>
    request(t.server).get(url).set('Authorization', `Bearer ${token}`);

  const ticket = { gross_kg: '10250.000', tare_kg: '250.000', ticket_number: 'WB-0815' };
  const receipt = (fields: object): object => ({
    client_id: clientId,
    commodity_id: commodityId,
    chamber_id: chamberId,
    quantity: 250,
    vehicle_number: 'MH15AB1234',
    ...fields,
  });

  /** Rows of every table a receipt, dispatch or weighment writes. */
  const counts = async () =>
    (
      await t.dataSource.query<Record<string, number>[]>(
        `SELECT (SELECT count(*) FROM lots)::int AS lots,
                (SELECT count(*) FROM stock_movements)::int AS movements,
                (SELECT count(*) FROM dispatches)::int AS dispatches,
                (SELECT count(*) FROM weighments)::int AS weighments,
                (SELECT count(*) FROM audit_events)::int AS audit`,
      )
    )[0];

  const receiveWeighed = async (): Promise<LotBody> =>
    (await post(operator, '/api/inventory/inward', receipt({ weighment: ticket })).expect(201))
      .body as LotBody;

  it("stores a receipt's ticket with its movement and takes the net as the lot's weight", async () => {
    const lot = await receiveWeighed();
    // 10,250.000 gross − 250.000 tare = 10,000.000 net
    expect(lot.weight_kg).toBe('10000');
    expect(lot.weighment).toMatchObject({
      kind: 'INWARD',
      lot_id: lot.id,
      gross_kg: '10250.000',
      tare_kg: '250.000',
      net_kg: '10000.000',
      vehicle_number: 'MH15AB1234',
      ticket_number: 'WB-0815',
    });
    const [row] = await t.dataSource.query<
      { net_kg: string; movement_weight: string; movement_type: string }[]
    >(
      `SELECT w.net_kg::text, m.weight_delta_kg::text AS movement_weight, m.type AS movement_type
         FROM weighments w JOIN stock_movements m ON m.id = w.movement_id WHERE w.lot_id = $1`,
      [lot.id],
    );
    expect(row).toEqual({
      net_kg: '10000.000',
      movement_weight: '10000.000',
      movement_type: 'INWARD',
    });
    // The operator route takes the same body; a weight equal to the net is accepted.
    const same = (
      await post(
        operator,
        '/api/operator/inventory/inward',
        receipt({ weighment: ticket, weight_kg: '10000' }),
      ).expect(201)
    ).body as LotBody;
    expect(same.weighment?.net_kg).toBe('10000.000');
    const actions = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1`,
      [lot.weighment?.id],
    );
    expect(actions.map((a) => a.action)).toEqual(['weighment.recorded']);
  });

  it('refuses a bad ticket with 422 and writes neither lot, movement nor ticket', async () => {
    await receiveWeighed(); // the counter row exists: a refusal must not move anything
    const before = await counts();
    const bad: [object, string][] = [
      [{ weighment: { gross_kg: '250', tare_kg: '250' } }, 'weighment.tare_kg'],
      [{ weighment: { gross_kg: '250', tare_kg: '300.5' } }, 'weighment.tare_kg'],
      [{ weighment: { ...ticket, ticket_number: 'WB\u0000815' } }, 'weighment.ticket_number'],
      [{ weighment: { gross_kg: '999999999999.999', tare_kg: '0' } }, 'weighment.gross_kg'],
      [{ weighment: { gross_kg: '1e308', tare_kg: '0' } }, 'weighment.gross_kg'],
      [{ weighment: { gross_kg: 10250, tare_kg: '250' } }, 'weighment.gross_kg'],
      [{ weighment: { gross_kg: '-5', tare_kg: '-10' } }, 'weighment.gross_kg'],
      [{ weighment: { ...ticket, weighed_at: '2099-01-01T00:00:00Z' } }, 'weighment.weighed_at'],
      [{ weighment: { ...ticket, extra: 1 } }, 'weighment.extra'],
      [{ weighment: null }, 'weighment'],
      [{ weighment: ticket, weight_kg: '9999.999' }, 'weight_kg'],
    ];
    for (const [fields, field] of bad) {
      const res = await post(operator, '/api/inventory/inward', receipt(fields)).expect(422);
      const errors = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(errors).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it("check-weighs a tenth of a lot's bags against its recorded weight", async () => {
    const lot = await receiveWeighed();
    const res = await post(operator, `/api/inventory/lots/${lot.id}/sample-weighments`, {
      bags_weighed: 25,
      total_kg: '1250.000',
      witnessed_by: 'Ramesh Patil',
    }).expect(201);
    // 25 of 250 bags = 10.0%; 1,250 / 25 = 50.000 kg/bag against 10,000 / 250 = 40.000: +25.0%
    expect(res.body).toMatchObject({
      kind: 'SAMPLE',
      lot_id: lot.id,
      gross_kg: null,
      net_kg: '1250.000',
      bags_weighed: 25,
      lot_quantity: 250,
      lot_weight_kg: '10000.000',
      share_percent: '10.0',
      average_kg_per_bag: '50.000',
      declared_average_kg_per_bag: '40.000',
      deviation_percent: '25.0',
      witnessed_by: 'Ramesh Patil',
    });
    const list = await get(operator, `/api/inventory/lots/${lot.id}/weighments`).expect(200);
    expect(list.headers['x-total-count']).toBe('2');
    expect((list.body as WeighmentOutDto[]).map((w) => [w.kind, w.net_kg])).toEqual([
      ['INWARD', '10000.000'],
      ['SAMPLE', '1250.000'],
    ]);
    // The owner sees its lot's weighments; anyone outside the lot's scope is told it does not exist.
    const mine = await get(clientToken, `/api/inventory/lots/${lot.id}/weighments`).expect(200);
    expect((mine.body as WeighmentOutDto[]).length).toBe(2);
    await get(otherClientToken, `/api/inventory/lots/${lot.id}/weighments`).expect(404);
    await get(otherOperator, `/api/inventory/lots/${lot.id}/weighments`).expect(404);
    await post(otherOperator, `/api/inventory/lots/${lot.id}/sample-weighments`, {
      bags_weighed: 1,
      total_kg: '40',
    }).expect(404);
    await post(clientToken, `/api/inventory/lots/${lot.id}/sample-weighments`, {
      bags_weighed: 1,
      total_kg: '40',
    }).expect(403);
  });

  it('refuses a sample of more bags than the lot holds, and other bad samples, writing nothing', async () => {
    const lot = await receiveWeighed();
    const kgLot = (
      await post(
        operator,
        '/api/inventory/inward',
        receipt({ commodity_id: kgCommodityId, quantity: 500 }),
      ).expect(201)
    ).body as LotBody;
    const before = await counts();
    const bad: [string, object, string][] = [
      [lot.id, { bags_weighed: 251, total_kg: '12550' }, 'bags_weighed'],
      [lot.id, { bags_weighed: 0, total_kg: '10' }, 'bags_weighed'],
      [lot.id, { bags_weighed: 25, total_kg: '0' }, 'total_kg'],
      [lot.id, { bags_weighed: 25, total_kg: '999999999999' }, 'total_kg'],
      [lot.id, { bags_weighed: 25, total_kg: '1250', notes: 'a\u0000b' }, 'notes'],
      [
        lot.id,
        { bags_weighed: 25, total_kg: '1250', weighed_at: '2020-01-01T00:00:00Z' },
        'weighed_at',
      ],
      [kgLot.id, { bags_weighed: 5, total_kg: '5' }, 'bags_weighed'],
    ];
    for (const [id, body, field] of bad) {
      const res = await post(operator, `/api/inventory/lots/${id}/sample-weighments`, body).expect(
        422,
      );
      const errors = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);
      expect(errors).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it("takes a one-lot dispatch's weight from its ticket, and stores both or neither", async () => {
    const lot = await receiveWeighed();
    // 12,000 − 10,000 = 2,000 kg leave with 50 bags.
    const outward = (
      await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 50,
        weighment: { gross_kg: '12000', tare_kg: '10000', vehicle_number: 'MH15ZZ9999' },
      }).expect(201)
    ).body as DispatchBody;
    expect(outward.lines[0].weight_kg).toBe('2000');
    expect(outward.weighment).toMatchObject({
      kind: 'DISPATCH',
      lot_id: lot.id,
      dispatch_id: outward.id,
      net_kg: '2000.000',
      vehicle_number: 'MH15ZZ9999',
    });
    expect(outward.weighment?.movement_id).toEqual(expect.any(String));

    const before = await counts();
    // A weight that is not the net, and a dispatch the lot cannot give: nothing is written.
    await post(operator, '/api/inventory/outward', {
      lot_id: lot.id,
      quantity: 10,
      weight_kg: '400',
      weighment: { gross_kg: '10500', tare_kg: '10000' },
    }).expect(422);
    await post(operator, '/api/inventory/dispatches', {
      client_id: clientId,
      lines: [{ lot_id: lot.id, quantity: 201 }],
      weighment: { gross_kg: '18040', tare_kg: '10000' },
    }).expect(409);
    expect(await counts()).toEqual(before);

    const list = await get(clientToken, `/api/inventory/lots/${lot.id}/weighments`).expect(200);
    expect((list.body as WeighmentOutDto[]).map((w) => w.kind)).toEqual(['INWARD', 'DISPATCH']);
  });

  it('needs every line of a weighed dispatch of several lots to give its weight, adding up to the net', async () => {
    const [a, b] = [await receiveWeighed(), await receiveWeighed()];
    const dispatch = (lines: object[]) =>
      post(operator, '/api/inventory/dispatches', {
        client_id: clientId,
        lines,
        weighment: { gross_kg: '13000', tare_kg: '10000' },
      });
    const before = await counts();
    await dispatch([
      { lot_id: a.id, quantity: 25, weight_kg: '1000' },
      { lot_id: b.id, quantity: 25 },
    ]).expect(422);
    await dispatch([
      { lot_id: a.id, quantity: 25, weight_kg: '1000' },
      { lot_id: b.id, quantity: 25, weight_kg: '1000' },
    ]).expect(422);
    expect(await counts()).toEqual(before);

    const done = (
      await dispatch([
        { lot_id: a.id, quantity: 25, weight_kg: '1000' },
        { lot_id: b.id, quantity: 50, weight_kg: '2000' },
      ]).expect(201)
    ).body as DispatchBody;
    expect(done.weighment).toMatchObject({
      lot_id: null,
      dispatch_id: done.id,
      net_kg: '3000.000',
    });
    // The ticket of a dispatch of several lots is listed with each of them.
    for (const lot of [a, b]) {
      const list = await get(operator, `/api/inventory/lots/${lot.id}/weighments`).expect(200);
      expect((list.body as WeighmentOutDto[]).map((w) => w.kind)).toEqual(['INWARD', 'DISPATCH']);
    }
  });

  it('writes a ticket in the transaction of its movement: a ticket that fails takes the movement with it', async () => {
    const lot = await receiveWeighed();
    await t.dataSource.query(`
      CREATE FUNCTION weighments_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the weighbridge store is down'; END $$`);
    await t.dataSource.query(`
      CREATE TRIGGER weighments_test_refuse BEFORE INSERT ON weighments
      FOR EACH ROW EXECUTE FUNCTION weighments_test_refuse()`);
    try {
      const before = await counts();
      await post(operator, '/api/inventory/inward', receipt({ weighment: ticket })).expect(500);
      await post(operator, '/api/inventory/outward', {
        lot_id: lot.id,
        quantity: 10,
        weighment: { gross_kg: '10400', tare_kg: '10000' },
      }).expect(500);
      expect(await counts()).toEqual(before);
    } finally {
      await t.dataSource.query('DROP TRIGGER weighments_test_refuse ON weighments');
      await t.dataSource.query('DROP FUNCTION weighments_test_refuse()');
    }
  });

  it('keeps tickets append-only', async () => {
    const lot = await receiveWeighed();
    await expect(
      t.dataSource.query(`UPDATE weighments SET net_kg = 1 WHERE lot_id = $1`, [lot.id]),
    ).rejects.toThrow();
    await expect(
      t.dataSource.query(`DELETE FROM weighments WHERE lot_id = $1`, [lot.id]),
    ).rejects.toThrow();
  });
});
