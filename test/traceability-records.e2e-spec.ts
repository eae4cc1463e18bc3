import request from 'supertest';
import type { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import { RoleName } from 'src/rbac/role-name.enum';
import type { TradingPartnerOutDto } from 'src/traceability/dto/trading-partner.dto';
import type { TraceOutDto } from 'src/traceability/records/trace.dto';
import type { TransformationOutDto } from 'src/traceability/transformations/transformation.dto';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { runCli } from './helpers/cli';
import { waitFor } from './helpers/wait-for';
import { createTestApp, type TestApp } from './helpers/test-app';
import {
  exportBytes,
  exportWorkbook,
  expectEveryElement,
  parseCsv,
  sheetRows,
} from './helpers/traceability-export';

interface InwardOut {
  id: string;
  lot_number: string;
  quantity: number;
  traceability: TraceabilityEventOutDto | null;
}
interface DispatchOut {
  id: string;
  traceability: TraceabilityEventOutDto[];
}

/**
 * FSMA 204 records through HTTP: receipts of Food Traceability List foods carry their Key Data
 * Elements (422 naming what is missing, nothing written), transformations make new codes and
 * move the ledger, gate passes carry what goes to the recipient, and a code traces back to its
 * sources and forward to every recipient.
 */
describe('traceability: receiving, transformation and shipping records, trace back and forward', () => {
  let t: TestApp;
  let admin: string;
  let operator: string;
  let manager: string;
  let otherOperator: string;
  let clientUser: string;
  let warehouseId: string;
  let otherWarehouseId: string;
  let chamberId: string;
  let greensId: string;
  let peasId: string;
  let clientId: string;
  let grower: TradingPartnerOutDto;
  let packer: TradingPartnerOutDto;
  let retailer: TradingPartnerOutDto;

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) =>
      request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) =>
      request(t.server).put(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) =>
      request(t.server).patch(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  const location = {
    business_name: 'Frostline Cold Storage — Pune',
    phone: '+91 20 5555 0100',
    street_address: 'Plot 14, Chakan MIDC',
    city: 'Pune',
    region: 'MH',
    postal_code: '410501',
    country: 'IN',
  };
  const plan = {
    ...location,
    contact_name: 'Anita Rao',
    contact_phone: '+91 98 2000 0001',
    contact_email: 'qa@frostline.in',
    record_keeping: 'KDEs are entered on inward and gate pass; the export answers FDA requests.',
    ftl_identification: 'Commodities are flagged on the FTL in the catalogue.',
    tlc_assignment: 'Repacks take a new TLC printed on their labels.',
  };
  const partner = async (name: string, city: string): Promise<TradingPartnerOutDto> =>
    (
      await as(admin)
        .post('/api/traceability/partners', {
          business_name: name,
          phone: '+1 831 555 0134',
          street_address: '1 Main Street',
          city,
          region: 'CA',
          postal_code: '93901',
          country: 'US',
        })
        .expect(201)
    ).body as TradingPartnerOutDto;

  const counts = async () =>
    (
      await t.dataSource.query<{ lots: number; events: number; movements: number }[]>(
        `SELECT (SELECT count(*)::int FROM lots) AS lots,
                (SELECT count(*)::int FROM traceability_events) AS events,
                (SELECT count(*)::int FROM stock_movements) AS movements`,
      )
    )[0];

  const receiving = (overrides: object = {}) => ({
    tlc: 'SVG-0614-2611A',
    previous_source_partner_id: grower.id,
    tlc_source_partner_id: packer.id,
    reference_document_type: 'BOL',
    reference_document_number: 'BOL-88412',
    ...overrides,
  });
  const inward = (commodityId: string, quantity: number, traceability?: object) => ({
    client_id: clientId,
    commodity_id: commodityId,
    chamber_id: chamberId,
    quantity,
    weight_kg: String(quantity * 10),
    ...(traceability ? { traceability } : {}),
  });
  const shipping = {
    recipient_partner_id: '',
    reference_document_type: 'BOL',
    reference_document_number: 'BOL-OUT-7',
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource);
    const other = await makeWarehouse(t.dataSource);
    warehouseId = wh.id;
    otherWarehouseId = other.id;
    chamberId = (await makeChamber(t.dataSource, wh.id, { minTempC: '0', maxTempC: '4' })).id;
    greensId = (
      await makeCommodity(t.dataSource, {
        name: 'Romaine hearts',
        unit: CommodityUnit.Carton,
        minTempC: '0',
        maxTempC: '4',
        onFoodTraceabilityList: true,
      })
    ).id;
    peasId = (
      await makeCommodity(t.dataSource, {
        name: 'Dried peas',
        minTempC: '0',
        maxTempC: '10',
      })
    ).id;
    admin = await login(t.server, (await makeUser(t.dataSource, { role: RoleName.Admin })).email);
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    manager = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.InventoryManager, warehouseId: wh.id })).email,
    );
    otherOperator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: other.id })).email,
    );
    const client = await makeClient(t.dataSource);
    clientId = client.client.id;
    clientUser = await login(t.server, client.email);
    grower = await partner('Salinas Valley Greens LLC', 'Salinas');
    packer = await partner('Abbott Street Packers', 'Salinas');
    retailer = await partner('Bay Fresh Markets', 'Oakland');
    shipping.recipient_partner_id = retailer.id;
  });
  afterAll(() => t.close());

  it('needs the warehouse plan before it records; the plan is versioned, audited and scoped', async () => {
    const before = await counts();
    const refused = await as(operator)
      .post('/api/inventory/inward', inward(greensId, 10, receiving()))
      .expect(409);
    expect((refused.body as { detail: string }).detail).toContain('no traceability plan');
    expect(await counts()).toEqual(before);

    await as(operator).put(`/api/traceability/plans/${warehouseId}`, plan).expect(403);
    const created = await as(admin).put(`/api/traceability/plans/${warehouseId}`, plan).expect(201);
    expect(created.body).toMatchObject({ ...plan, version: 1, gln: null });
    const same = await as(admin).put(`/api/traceability/plans/${warehouseId}`, plan).expect(200);
    expect(same.body).toMatchObject({ version: 1 });
    await as(admin)
      .put(`/api/traceability/plans/${warehouseId}`, { ...plan, contact_name: 'Vikram Shah' })
      .expect(200);
    await as(admin)
      .put(`/api/traceability/plans/${warehouseId}`, plan)
      .expect(200)
      .expect((res) => {
        expect(res.body).toMatchObject({ version: 3 });
      });
    await as(operator).get(`/api/traceability/plans/${warehouseId}`).expect(200);
    await as(otherOperator).get(`/api/traceability/plans/${warehouseId}`).expect(404);
    await as(admin).get(`/api/traceability/plans/${otherWarehouseId}`).expect(404);
    await as(clientUser).get(`/api/traceability/plans/${warehouseId}`).expect(403);
    await as(admin)
      .put(`/api/traceability/plans/${warehouseId}`, { ...plan, record_keeping: 'a\u0000b' })
      .expect(422);
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      'SELECT id FROM traceability_plans WHERE warehouse_id = $1',
      [warehouseId],
    );
    expect(await auditActions(t.dataSource, id)).toEqual([
      'traceability_plan.created',
      'traceability_plan.updated',
      'traceability_plan.updated',
    ]);
  });

  let lotA: InwardOut;
  let lotB: InwardOut;
  let peasLot: InwardOut;

  it('refuses a listed food received without its Key Data Elements, naming the missing one', async () => {
    const before = await counts();
    const refuse = async (body: object, status: number, text: string) => {
      const res = await as(operator).post('/api/inventory/inward', body).expect(status);
      expect(JSON.stringify(res.body)).toContain(text);
    };
    await refuse(inward(greensId, 10), 422, 'traceability is required');
    await refuse(
      inward(greensId, 10, receiving({ reference_document_number: undefined })),
      422,
      'traceability.reference_document_number',
    );
    await refuse(
      inward(greensId, 10, receiving({ previous_source_partner_id: undefined })),
      422,
      'traceability.previous_source_partner_id',
    );
    await refuse(
      inward(greensId, 10, receiving({ tlc_source_partner_id: undefined })),
      422,
      'traceability.tlc_source_partner_id',
    );
    await refuse(
      inward(
        greensId,
        10,
        receiving({ previous_source_partner_id: '00000000-0000-4000-8000-000000000000' }),
      ),
      404,
      'Trading partner',
    );
    await refuse(inward(greensId, 10, receiving({ tlc: 'A\u0000B' })), 422, 'traceability.tlc');
    expect(await counts()).toEqual(before);
  });

  it('records receipts: the code as received with its source, or one assigned and marked', async () => {
    lotA = (
      await as(operator)
        .post('/api/inventory/inward', inward(greensId, 100, receiving()))
        .expect(201)
    ).body as InwardOut;
    expect(lotA.traceability).toMatchObject({
      type: 'RECEIVING',
      tlc: 'SVG-0614-2611A',
      tlc_assigned: false,
      quantity: 100,
      unit: 'CARTON',
      product_description: 'Romaine hearts',
      location: { ...location, gln: null },
      partner: { business_name: 'Salinas Valley Greens LLC', city: 'Salinas' },
      tlc_source: { business_name: 'Abbott Street Packers' },
      tlc_source_reference: null,
      reference_document_type: 'BOL',
      reference_document_number: 'BOL-88412',
    });

    lotB = (
      await as(operator)
        .post(
          '/api/inventory/inward',
          inward(greensId, 60, {
            previous_source_partner_id: grower.id,
            reference_document_type: 'INVOICE',
            reference_document_number: 'INV-311',
            product_description: 'Romaine hearts, 12 × 3 ct',
          }),
        )
        .expect(201)
    ).body as InwardOut;
    expect(lotB.traceability).toMatchObject({
      tlc: lotB.lot_number,
      tlc_assigned: true,
      tlc_source: { business_name: location.business_name },
      product_description: 'Romaine hearts, 12 × 3 ct',
    });

    peasLot = (await as(operator).post('/api/inventory/inward', inward(peasId, 40)).expect(201))
      .body as InwardOut;
    expect(peasLot.traceability).toBeNull();
    const rows = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM traceability_events WHERE lot_id = $1',
      [peasLot.id],
    );
    expect(rows[0].n).toBe(0);

    // Records may be kept for other goods too (complete, like a listed food's); never exported.
    const voluntary = (
      await as(operator)
        .post('/api/inventory/inward', inward(peasId, 5, receiving({ tlc: 'PEAS-VOL-1' })))
        .expect(201)
    ).body as InwardOut;
    expect(voluntary.traceability).toMatchObject({ tlc: 'PEAS-VOL-1' });
  });

  let repack: TransformationOutDto;

  it('transforms lots into a new one with a new code, moving the ledger, all or nothing', async () => {
    const body = {
      kind: 'COMMINGLE',
      inputs: [
        { lot_id: lotA.id, quantity: 30 },
        { lot_id: lotB.id, quantity: 20 },
      ],
      output: { quantity: 48, tlc: 'FRL-RP-0001', product_description: 'Romaine mix, 6 ct' },
      reference_document_type: 'WORK_ORDER',
      reference_document_number: 'WO-2026-0192',
    };
    await as(operator).post('/api/traceability/transformations', body).expect(403);
    const before = await counts();
    await as(manager)
      .post('/api/traceability/transformations', {
        ...body,
        inputs: [{ lot_id: lotA.id, quantity: 101 }],
      })
      .expect(409);
    await as(manager)
      .post('/api/traceability/transformations', { ...body, reference_document_number: undefined })
      .expect(422);
    await as(manager)
      .post('/api/traceability/transformations', {
        ...body,
        output: { ...body.output, tlc: 'SVG-0614-2611A' },
      })
      .expect(409);
    expect(await counts()).toEqual(before);

    const res = await as(manager).post('/api/traceability/transformations', body).expect(201);
    repack = res.body as TransformationOutDto;
    expect(repack.inputs).toMatchObject([
      {
        lot_id: lotA.id,
        tlc: 'SVG-0614-2611A',
        quantity: 30,
        weight_kg: '300',
        remaining_quantity: 70,
      },
      {
        lot_id: lotB.id,
        tlc: lotB.lot_number,
        quantity: 20,
        weight_kg: '200',
        remaining_quantity: 40,
      },
    ]);
    expect(repack.output_lot).toMatchObject({
      quantity: 48,
      weight_kg: '500',
      client_id: clientId,
      commodity_id: greensId,
      traceability: null,
    });
    expect(repack.traceability.map((e) => [e.role, e.tlc, e.quantity])).toEqual([
      ['INPUT', 'SVG-0614-2611A', 30],
      ['INPUT', lotB.lot_number, 20],
      ['OUTPUT', 'FRL-RP-0001', 48],
    ]);
    expect(repack.traceability[2]).toMatchObject({
      type: 'TRANSFORMATION',
      tlc_assigned: true,
      product_description: 'Romaine mix, 6 ct',
      reference_document_number: 'WO-2026-0192',
      transformation_id: repack.id,
      location: { business_name: location.business_name },
    });
    const movements = await t.dataSource.query<
      { type: string; reason_code: string | null; quantity_delta: number }[]
    >(
      `SELECT type, reason_code, quantity_delta FROM stock_movements
        WHERE lot_id = ANY($1::uuid[]) ORDER BY occurred_at, quantity_delta`,
      [[lotA.id, repack.output_lot.id]],
    );
    expect(movements).toEqual([
      { type: 'INWARD', reason_code: null, quantity_delta: 100 },
      { type: 'ADJUSTMENT', reason_code: 'TRANSFORMATION', quantity_delta: -30 },
      { type: 'INWARD', reason_code: null, quantity_delta: 48 },
    ]);
    expect(await auditActions(t.dataSource, repack.id)).toEqual(['transformation.recorded']);

    // The adjustment reason belongs to transformations alone.
    await as(manager)
      .post('/api/inventory/adjustments', {
        lot_id: lotA.id,
        quantity_delta: -1,
        reason_code: 'TRANSFORMATION',
        note: 'x',
      })
      .expect(422);
  });

  let shipment: DispatchOut;

  it('ships with the records the recipient needs; refuses a listed food without them', async () => {
    const lines = [
      { lot_id: repack.output_lot.id, quantity: 20 },
      { lot_id: peasLot.id, quantity: 10 },
    ];
    const before = await counts();
    const refused = await as(operator)
      .post('/api/inventory/dispatches', { client_id: clientId, lines })
      .expect(422);
    expect(JSON.stringify(refused.body)).toContain('traceability is required');
    await as(operator)
      .post('/api/inventory/dispatches', {
        client_id: clientId,
        lines,
        traceability: { ...shipping, recipient_partner_id: undefined },
      })
      .expect(422)
      .expect((res) => {
        expect(JSON.stringify(res.body)).toContain('traceability.recipient_partner_id');
      });
    expect(await counts()).toEqual(before);

    shipment = (
      await as(operator)
        .post('/api/inventory/dispatches', {
          client_id: clientId,
          lines,
          reference: 'GP-77',
          traceability: shipping,
        })
        .expect(201)
    ).body as DispatchOut;
    expect(shipment.traceability).toHaveLength(1);
    expect(shipment.traceability[0]).toMatchObject({
      type: 'SHIPPING',
      lot_id: repack.output_lot.id,
      tlc: 'FRL-RP-0001',
      quantity: 20,
      unit: 'CARTON',
      product_description: 'Romaine mix, 6 ct',
      partner: { business_name: 'Bay Fresh Markets', city: 'Oakland' },
      location: { business_name: location.business_name },
      tlc_source: { business_name: location.business_name },
      reference_document_type: 'BOL',
      reference_document_number: 'BOL-OUT-7',
      dispatch_id: shipment.id,
    });

    // The one-lot outward carries the same records.
    const outward = await as(operator)
      .post('/api/inventory/outward', { lot_id: lotA.id, quantity: 10, traceability: shipping })
      .expect(201);
    expect((outward.body as DispatchOut).traceability[0]).toMatchObject({
      tlc: 'SVG-0614-2611A',
      tlc_source: { business_name: 'Abbott Street Packers' },
      quantity: 10,
    });
    // Non-listed goods need nothing and get no record.
    const peas = await as(operator)
      .post('/api/inventory/outward', { lot_id: peasLot.id, quantity: 1 })
      .expect(201);
    expect((peas.body as DispatchOut).traceability).toEqual([]);
  });

  it('traces a code back to its sources and forward to every recipient, through the repack', async () => {
    const back = (await as(manager).get('/api/traceability/lots/FRL-RP-0001').expect(200))
      .body as TraceOutDto;
    // Nearest first, then by lot number.
    expect(back.lots.map((lot) => [lot.relation, lot.tlc, lot.depth])).toEqual([
      ['SELF', 'FRL-RP-0001', 0],
      ['CAME_FROM', 'SVG-0614-2611A', 1],
      ['CAME_FROM', lotB.lot_number, 1],
    ]);
    expect(back.sources.map((e) => [e.tlc, e.partner?.business_name]).sort()).toEqual(
      [
        ['SVG-0614-2611A', 'Salinas Valley Greens LLC'],
        [lotB.lot_number, 'Salinas Valley Greens LLC'],
      ].sort(),
    );
    expect(back.shipments.map((e) => [e.tlc, e.partner?.business_name, e.quantity])).toEqual([
      ['FRL-RP-0001', 'Bay Fresh Markets', 20],
    ]);

    const forward = (
      await as(operator)
        .get(`/api/traceability/lots/${encodeURIComponent('SVG-0614-2611A')}`)
        .expect(200)
    ).body as TraceOutDto;
    expect(forward.lots.map((lot) => [lot.relation, lot.tlc, lot.depth])).toEqual([
      ['SELF', 'SVG-0614-2611A', 0],
      ['BECAME', 'FRL-RP-0001', 1],
    ]);
    expect(forward.lots[0].events.map((e) => e.type)).toEqual([
      'RECEIVING',
      'TRANSFORMATION',
      'SHIPPING',
    ]);
    expect(forward.shipments.map((e) => [e.tlc, e.quantity]).sort()).toEqual(
      [
        ['FRL-RP-0001', 20],
        ['SVG-0614-2611A', 10],
      ].sort(),
    );
    expect(forward.sources.map((e) => e.tlc)).toEqual(['SVG-0614-2611A']);

    await as(otherOperator).get('/api/traceability/lots/FRL-RP-0001').expect(404);
    await as(clientUser).get('/api/traceability/lots/FRL-RP-0001').expect(403);
    await as(manager).get('/api/traceability/lots/NOPE').expect(404);
    await as(manager).get('/api/traceability/lots/A%00B').expect(422);
  });

  it('records the receipt of a lot received before its food went on the list', async () => {
    const kale = await makeCommodity(t.dataSource, { name: 'Kale', minTempC: '0', maxTempC: '4' });
    const lot = (await as(operator).post('/api/inventory/inward', inward(kale.id, 25)).expect(201))
      .body as InwardOut;
    expect(lot.traceability).toBeNull();
    await as(admin)
      .patch(`/api/commodities/${kale.id}`, { on_food_traceability_list: true })
      .expect(200);
    const refused = await as(operator)
      .post('/api/inventory/outward', { lot_id: lot.id, quantity: 5, traceability: shipping })
      .expect(409);
    expect((refused.body as { detail: string }).detail).toContain('no traceability lot code');

    const late = await as(operator)
      .post('/api/traceability/receipts', { lot_id: lot.id, ...receiving({ tlc: 'KALE-77' }) })
      .expect(201);
    expect(late.body).toMatchObject({ type: 'RECEIVING', tlc: 'KALE-77', quantity: 25 });
    await as(operator)
      .post('/api/traceability/receipts', { lot_id: lot.id, ...receiving({ tlc: 'KALE-78' }) })
      .expect(409);
    await as(otherOperator)
      .post('/api/traceability/receipts', { lot_id: lot.id, ...receiving() })
      .expect(404);
    await as(operator)
      .post('/api/inventory/outward', { lot_id: lot.id, quantity: 5, traceability: shipping })
      .expect(201);
  });

  it('keeps every record: the database refuses to change or delete one', async () => {
    await expect(
      t.dataSource.query(`UPDATE traceability_events SET quantity = 1 WHERE lot_id = $1`, [
        lotA.id,
      ]),
    ).rejects.toThrow();
    await expect(
      t.dataSource.query(`DELETE FROM lot_trace_codes WHERE lot_id = $1`, [lotA.id]),
    ).rejects.toThrow();
  });

  it('exports every record of listed foods as the sortable spreadsheet, read back whole', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const query = `from=${today}&to=${today}&warehouse_id=${warehouseId}`;
    const book = await exportWorkbook(t.server, manager, query);
    expectEveryElement(book);
    const sheet = (name: string) => {
      const found = book.getWorksheet(name);
      if (!found) throw new Error(`no sheet ${name}`);
      return sheetRows(found);
    };
    const tlcs = (name: string) =>
      sheet(name)
        .map((row) => String(row['Traceability lot code']))
        .sort();
    expect(tlcs('Receiving')).toEqual(['KALE-77', 'SVG-0614-2611A', lotB.lot_number].sort());
    expect(tlcs('Shipping')).toEqual(['FRL-RP-0001', 'KALE-77', 'SVG-0614-2611A'].sort());
    expect(tlcs('Transformation')).toEqual(
      ['FRL-RP-0001', 'SVG-0614-2611A', lotB.lot_number].sort(),
    );
    // The voluntary record of a food off the list stays out.
    const everything = ['Receiving', 'Shipping', 'Transformation'].flatMap((name) => sheet(name));
    expect(everything.map((row) => row['Traceability lot code'])).not.toContain('PEAS-VOL-1');

    expect(
      sheet('Receiving').find((row) => row['Traceability lot code'] === 'SVG-0614-2611A'),
    ).toMatchObject({
      'TLC assigned by us': 'No',
      Quantity: 100,
      'Unit of measure': 'CARTON',
      'Immediate previous source — Business name': 'Salinas Valley Greens LLC',
      'Receiving location — City': 'Pune',
      'TLC source — Business name': 'Abbott Street Packers',
      'Reference document number': 'BOL-88412',
    });
    expect(
      sheet('Shipping').find((row) => row['Traceability lot code'] === 'FRL-RP-0001'),
    ).toMatchObject({
      Quantity: 20,
      'Immediate subsequent recipient — Business name': 'Bay Fresh Markets',
      'Ship-from location — Business name': location.business_name,
      'Gate pass reference': 'GP-77',
    });
    const plan = book.getWorksheet('Traceability plan');
    expect(JSON.stringify(plan?.getSheetValues())).toContain('Anita Rao');

    const csv = await exportBytes(t.server, manager, `${query}&format=csv`).expect(200);
    const [header, ...records] = parseCsv((csv.body as Buffer).toString('utf8'));
    expect(records).toHaveLength(9);
    const tlcColumn = header.indexOf('Traceability lot code');
    expect(records.map((record) => record[tlcColumn])).not.toContain('PEAS-VOL-1');
  });

  it('writes the same spreadsheet from the CLI, and refuses bad flags naming them', async () => {
    const url = t.database?.url ?? '';
    const dir = await mkdtemp(join(tmpdir(), 'fsma-'));
    try {
      const today = new Date().toISOString().slice(0, 10);
      const out = join(dir, 'request.xlsx');
      const done = await runCli(
        [
          'traceability-export',
          '--from',
          today,
          '--to',
          today,
          '--warehouse',
          warehouseId,
          '--out',
          out,
        ],
        { DATABASE_URL: url },
      );
      expect([done.status, done.stderr]).toEqual([0, '']);
      expect(done.stdout).toContain(`Wrote ${out}.`);
      const book = new Workbook();
      await book.xlsx.readFile(out);
      expectEveryElement(book);
      const receiving = book.getWorksheet('Receiving');
      expect(receiving ? sheetRows(receiving) : []).toHaveLength(3);

      const refused = await runCli(
        [
          'traceability-export',
          '--from',
          today,
          '--to',
          '2000-01-01',
          '--out',
          join(dir, 'x.xlsx'),
        ],
        { DATABASE_URL: url },
      );
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('--to: ');
      expect(await readdir(dir)).toEqual(['request.xlsx']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('lets a download cut halfway go: its snapshot and connection are released', async () => {
    // A year's worth of rows for the one lot, so the download is still streaming when cut.
    await t.dataSource.query(
      `INSERT INTO traceability_events
         (type, role, lot_id, warehouse_id, client_id, commodity_id, tlc, tlc_assigned, quantity,
          unit, product_description, occurred_at, location, partner_id, partner, tlc_source,
          tlc_source_reference, reference_document_type, reference_document_number)
       SELECT e.type, e.role, e.lot_id, e.warehouse_id, e.client_id, e.commodity_id,
              e.tlc || '-' || g, e.tlc_assigned, e.quantity, e.unit, e.product_description,
              e.occurred_at, e.location, e.partner_id, e.partner, e.tlc_source,
              e.tlc_source_reference, e.reference_document_type, e.reference_document_number
         FROM traceability_events e CROSS JOIN generate_series(1, 40000) g
        WHERE e.lot_id = $1 AND e.type = 'RECEIVING'`,
      [lotA.id],
    );
    const today = new Date().toISOString().slice(0, 10);
    const open = () =>
      t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND state IN ('idle in transaction', 'active') AND query ILIKE '%traceability_events%'`,
      );
    let received = 0;
    await request(t.server)
      .get(`/api/traceability/export?from=${today}&to=${today}`)
      .set('Authorization', `Bearer ${manager}`)
      .buffer(true)
      .parse((res, done) => {
        // The body's stream (an IncomingMessage), cut after its first chunk.
        const body = res as unknown as IncomingMessage;
        body.once('data', (chunk: Buffer) => {
          received = chunk.length;
          body.destroy();
          done(null, null);
        });
      })
      .catch(() => undefined);
    expect(received).toBeGreaterThan(0);
    await waitFor(async () => (await open())[0].n === 0, {
      description: 'the export to release its snapshot after the download was cut',
      timeoutMs: 10_000,
    });
    const whole = await exportWorkbook(t.server, manager, `from=${today}&to=${today}`);
    const receiving = whole.getWorksheet('Receiving');
    expect(receiving ? sheetRows(receiving).length : 0).toBe(40_003);
    // 40,000 rows written, streamed twice and read back: seconds on a quiet machine, more than
    // jest's default on a busy one.
  }, 120_000);
});
