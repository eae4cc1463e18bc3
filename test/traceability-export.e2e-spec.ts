import { Workbook, type Worksheet } from 'exceljs';
import request from 'supertest';
import type { Warehouse } from 'src/warehouses/warehouse.entity';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';
import {
  exportBytes,
  exportWorkbook,
  expectEveryElement,
  parseCsv,
  REQUIRED,
  sheetRows,
  xlsxBytes,
} from './helpers/traceability-export';

/**
 * FSMA 204 (21 CFR 1 subpart S): the records a store hands the FDA within 24 hours, as a
 * sortable spreadsheet or CSV of the Key Data Elements of Food Traceability List foods only.
 */
describe('traceability: the FSMA 204 sortable spreadsheet export', () => {
  let t: TestApp;
  let admin: string;
  let operatorA: string;
  let operatorB: string;
  let clientUser: string;
  let whA: Warehouse;
  let whB: Warehouse;
  let ftlId: string;
  let plainId: string;
  let transformationId: string;

  const get = (token: string, query: string) => exportBytes(t.server, token, query);

  /** A refusal, read as the JSON problem it is. */
  const refusal = (token: string, query: string) =>
    request(t.server)
      .get(`/api/traceability/export?${query}`)
      .set('Authorization', `Bearer ${token}`);

  const workbook = (token: string, query: string): Promise<Workbook> =>
    exportWorkbook(t.server, token, query);

  const sheetOf = (book: Workbook, name: string): Worksheet => {
    const found = book.getWorksheet(name);
    if (!found) throw new Error(`no sheet ${name}`);
    return found;
  };
  const tlcs = (book: Workbook, sheet: string): string[] =>
    sheetRows(sheetOf(book, sheet)).map((row) => String(row['Traceability lot code']));

  const grower = {
    business_name: 'Salinas Valley Greens LLC',
    phone: '+1 831 555 0134',
    street_address: '1200 Abbott Street',
    city: 'Salinas',
    region: 'CA',
    postal_code: '93901',
    country: 'US',
    gln: '0614141000005',
  };
  const retailer = {
    ...grower,
    business_name: 'Bay Fresh Markets',
    street_address: '55 Market Street',
    city: 'San Francisco',
    postal_code: '94105',
    gln: null,
  };
  const here = (wh: Warehouse) => ({
    ...grower,
    business_name: `${wh.name} Cold Store`,
    street_address: wh.address,
    city: 'Watsonville',
    postal_code: '95076',
    gln: null,
  });

  async function receive(token: string, body: object): Promise<{ id: string }> {
    const res = await request(t.server)
      .post('/api/inventory/inward')
      .set('Authorization', `Bearer ${token}`)
      .send(body)
      .expect(201);
    return res.body as { id: string };
  }

  interface EventInput {
    type: 'RECEIVING' | 'SHIPPING' | 'TRANSFORMATION';
    role?: 'INPUT' | 'OUTPUT';
    lotId: string;
    wh: Warehouse;
    commodityId: string;
    tlc: string;
    at: string;
    quantity?: number;
    assigned?: boolean;
    partner?: object | null;
    transformationId?: string;
  }

  let clientId: string;
  const insertEvent = (e: EventInput) =>
    t.dataSource.query(
      `INSERT INTO traceability_events
         (type, role, lot_id, warehouse_id, client_id, commodity_id, tlc, tlc_assigned, quantity,
          unit, product_description, occurred_at, location, partner, tlc_source,
          tlc_source_reference, reference_document_type, reference_document_number,
          transformation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'CARTON', 'Romaine lettuce hearts, 12 x 1 lb',
               $10, $11, $12, $13, NULL, $14, $15, $16)`,
      [
        e.type,
        e.role ?? null,
        e.lotId,
        e.wh.id,
        clientId,
        e.commodityId,
        e.tlc,
        e.assigned ?? false,
        e.quantity ?? 10,
        e.at,
        here(e.wh),
        e.partner === undefined ? null : e.partner,
        e.assigned ? here(e.wh) : grower,
        e.type === 'SHIPPING' ? 'BOL' : e.type === 'RECEIVING' ? 'INVOICE' : 'WORK_ORDER',
        `DOC-${e.tlc}`,
        e.transformationId ?? null,
      ],
    );

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    whA = await makeWarehouse(t.dataSource);
    whB = await makeWarehouse(t.dataSource, { timezone: 'Asia/Kolkata' });
    const chamberA = await makeChamber(t.dataSource, whA.id);
    const chamberB = await makeChamber(t.dataSource, whB.id);
    ftlId = (await makeCommodity(t.dataSource, { code: 'ROMAINE' })).id;
    plainId = (await makeCommodity(t.dataSource, { code: 'POTATO' })).id;
    const client = await makeClient(t.dataSource);
    clientId = client.client.id;
    clientUser = await login(t.server, client.email);
    admin = await login(t.server, (await makeUser(t.dataSource, { role: RoleName.Admin })).email);
    operatorA = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: whA.id })).email,
    );
    operatorB = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: whB.id })).email,
    );

    // Lots come in through the API before the commodity is flagged, so no receiving KDEs are
    // asked; the records are then written as the receiving service would.
    const lot = (chamberId: string, commodityId: string) =>
      receive(admin, {
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamberId,
        quantity: 100,
        received_at: '2026-02-01T08:00:00Z',
      });
    const lot1 = await lot(chamberA.id, ftlId);
    const lot2 = await lot(chamberA.id, ftlId);
    const lot3 = await lot(chamberA.id, ftlId);
    const plainLot = await lot(chamberA.id, plainId);
    const lotB = await lot(chamberB.id, ftlId);
    await t.dataSource.query(
      'UPDATE commodities SET on_food_traceability_list = true WHERE id = $1',
      [ftlId],
    );

    for (const wh of [whA, whB]) {
      const plan = here(wh);
      await t.dataSource.query(
        `INSERT INTO traceability_plans
           (warehouse_id, business_name, phone, street_address, city, region, postal_code,
            country, gln, contact_name, contact_phone, contact_email, record_keeping,
            ftl_identification, tlc_assignment, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, 'Dana Ortiz', '+1 831 555 0100',
                 'dana@example.com', 'Records are kept in the WMS and exported on request.',
                 'Commodities flagged FTL in the catalogue.', 'TLC = lot number.', 2)`,
        [
          wh.id,
          plan.business_name,
          plan.phone,
          plan.street_address,
          plan.city,
          plan.region,
          plan.postal_code,
          plan.country,
        ],
      );
    }
    const transformation = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO transformations (kind, warehouse_id, client_id, output_lot_id, completed_at,
                                    reference_document_type, reference_document_number)
       VALUES ('REPACK', $1, $2, $3, '2026-05-05T10:00:00Z', 'WORK_ORDER', 'WO-7') RETURNING id`,
      [whA.id, clientId, lot3.id],
    );
    transformationId = transformation[0].id;

    const base = { wh: whA, commodityId: ftlId };
    await insertEvent({
      ...base,
      type: 'RECEIVING',
      lotId: lot1.id,
      tlc: 'TLC-A-001',
      at: '2026-03-10T08:00:00Z',
      partner: grower,
    });
    await insertEvent({
      ...base,
      type: 'RECEIVING',
      lotId: lot2.id,
      tlc: 'TLC-A-002',
      at: '2026-03-12T09:00:00Z',
      partner: grower,
      assigned: true,
    });
    // Shipped together: one row per code.
    for (const [lotId, tlc] of [
      [lot2.id, 'TLC-A-002'],
      [lot1.id, 'TLC-A-001'],
    ]) {
      await insertEvent({
        ...base,
        type: 'SHIPPING',
        lotId,
        tlc,
        at: '2026-04-02T14:00:00Z',
        partner: retailer,
        quantity: 40,
      });
    }
    await insertEvent({
      ...base,
      type: 'TRANSFORMATION',
      role: 'INPUT',
      lotId: lot1.id,
      tlc: 'TLC-A-001',
      at: '2026-05-05T10:00:00Z',
      transformationId,
    });
    await insertEvent({
      ...base,
      type: 'TRANSFORMATION',
      role: 'OUTPUT',
      lotId: lot3.id,
      tlc: 'TLC-A-003',
      at: '2026-05-05T10:00:00Z',
      transformationId,
      assigned: true,
    });
    // Outside 2026-01-01..2026-06-30 in UTC warehouse A: just before and just after.
    await insertEvent({
      ...base,
      type: 'RECEIVING',
      lotId: lot1.id,
      tlc: 'TLC-A-OLD',
      at: '2025-12-31T23:59:00Z',
      partner: grower,
    });
    await insertEvent({
      ...base,
      type: 'RECEIVING',
      lotId: lot1.id,
      tlc: 'TLC-A-LAST',
      at: '2026-06-30T23:59:00Z',
      partner: grower,
    });
    await insertEvent({
      ...base,
      type: 'RECEIVING',
      lotId: lot1.id,
      tlc: 'TLC-A-JULY',
      at: '2026-07-01T00:01:00Z',
      partner: grower,
    });
    // Not on the Food Traceability List: never exported.
    await insertEvent({
      ...base,
      commodityId: plainId,
      type: 'RECEIVING',
      lotId: plainLot.id,
      tlc: 'TLC-POTATO',
      at: '2026-03-11T08:00:00Z',
      partner: grower,
    });
    // Warehouse B keeps Indian time: 20:00 UTC on 30 June is already 1 July there.
    await insertEvent({
      wh: whB,
      commodityId: ftlId,
      type: 'RECEIVING',
      lotId: lotB.id,
      tlc: 'TLC-B-001',
      at: '2026-03-15T06:00:00Z',
      partner: grower,
    });
    await insertEvent({
      wh: whB,
      commodityId: ftlId,
      type: 'RECEIVING',
      lotId: lotB.id,
      tlc: 'TLC-B-JULY',
      at: '2026-06-30T20:00:00Z',
      partner: grower,
    });
  });
  afterAll(() => t.close());

  const HALF = 'from=2026-01-01&to=2026-06-30';

  it('exports a workbook with the plan, then one sheet per event type of FTL foods only', async () => {
    const res = await get(admin, HALF).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="fsma204-2026-01-01-2026-06-30.xlsx"',
    );
    const book = new Workbook();
    await book.xlsx.load(xlsxBytes(res.body));
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Traceability plan',
      'Receiving',
      'Shipping',
      'Transformation',
    ]);
    // Sorted by time then code; one row per code per event; the potato lot and the days outside
    // the period (in each warehouse's own time zone) are absent.
    expect(tlcs(book, 'Receiving')).toEqual(['TLC-A-001', 'TLC-A-002', 'TLC-B-001', 'TLC-A-LAST']);
    expect(tlcs(book, 'Shipping')).toEqual(['TLC-A-001', 'TLC-A-002']);
    expect(tlcs(book, 'Transformation')).toEqual(['TLC-A-001', 'TLC-A-003']);

    for (const [name, required] of Object.entries(REQUIRED)) {
      const sheet = sheetOf(book, name);
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headers).toEqual(expect.arrayContaining(required));
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    expectEveryElement(book);

    const [first] = sheetRows(sheetOf(book, 'Receiving'));
    expect(first).toMatchObject({
      'Traceability lot code': 'TLC-A-001',
      'TLC assigned by us': 'No',
      Quantity: 10,
      'Unit of measure': 'CARTON',
      'Immediate previous source — Business name': grower.business_name,
      'Immediate previous source — GLN': grower.gln,
      'Receiving location — Business name': `${whA.name} Cold Store`,
      'Date received (warehouse local)': '2026-03-10',
      'Time received (UTC)': '2026-03-10T08:00:00.000Z',
      'TLC source — Business name': grower.business_name,
      'Reference document type': 'INVOICE',
      'Reference document number': 'DOC-TLC-A-001',
      'Commodity code': 'ROMAINE',
      'Warehouse code': whA.code,
      'Traceability plan version': 2,
    });
    const shipped = sheetRows(sheetOf(book, 'Shipping'));
    expect(shipped[0]).toMatchObject({
      'Immediate subsequent recipient — Business name': retailer.business_name,
      'Immediate subsequent recipient — GLN': null,
      'Date shipped (warehouse local)': '2026-04-02',
      Quantity: 40,
    });
    const made = sheetRows(sheetOf(book, 'Transformation'));
    expect(made.map((row) => [row.Role, row['Transformation ID']])).toEqual([
      ['Input', transformationId],
      ['Output', transformationId],
    ]);

    // The plan sheet names each warehouse's plan in force and what was asked.
    const text: string[] = [];
    sheetOf(book, 'Traceability plan').eachRow((row) => {
      for (const value of (row.values as unknown[]).slice(1)) text.push(String(value));
    });
    expect(text).toEqual(
      expect.arrayContaining([
        '2026-01-01',
        '2026-06-30',
        `${whA.name} Cold Store`,
        `${whB.name} Cold Store`,
        'Dana Ortiz',
        'dana@example.com',
        'TLC = lot number.',
      ]),
    );
  });

  it('exports the same records as one CSV, event type and role first', async () => {
    const res = await get(admin, `${HALF}&format=csv`).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="fsma204-2026-01-01-2026-06-30.csv"',
    );
    const [header, ...rows] = parseCsv((res.body as Buffer).toString('utf8'));
    expect(header.slice(0, 2)).toEqual(['Event type', 'Role']);
    const at = (name: string) => header.indexOf(name);
    expect(rows.map((r) => [r[0], r[1], r[at('Traceability lot code')]])).toEqual([
      ['Receiving', '', 'TLC-A-001'],
      ['Receiving', '', 'TLC-A-002'],
      ['Receiving', '', 'TLC-B-001'],
      ['Shipping', '', 'TLC-A-001'],
      ['Shipping', '', 'TLC-A-002'],
      ['Transformation', 'Input', 'TLC-A-001'],
      ['Transformation', 'Output', 'TLC-A-003'],
      ['Receiving', '', 'TLC-A-LAST'],
    ]);
    const shipping = rows[3];
    expect(shipping[at('Immediate subsequent recipient — Business name')]).toBe(
      retailer.business_name,
    );
    expect(shipping[at('Immediate previous source — Business name')]).toBe('');
    expect(shipping[at('Quantity')]).toBe('40');
    expect(rows.every((r) => r.length === header.length)).toBe(true);
  });

  it('filters by commodity, traceability lot code and the days from..to', async () => {
    const none = await workbook(admin, `${HALF}&commodity_id=${plainId}`);
    for (const sheet of ['Receiving', 'Shipping', 'Transformation']) {
      expect(tlcs(none, sheet)).toEqual([]);
    }
    const romaine = await workbook(admin, `${HALF}&commodity_id=${ftlId}`);
    expect(tlcs(romaine, 'Receiving')).toHaveLength(4);

    const one = await workbook(admin, `${HALF}&tlc=TLC-A-001`);
    expect(tlcs(one, 'Receiving')).toEqual(['TLC-A-001']);
    expect(tlcs(one, 'Shipping')).toEqual(['TLC-A-001']);
    expect(tlcs(one, 'Transformation')).toEqual(['TLC-A-001']);
    expect(tlcs(await workbook(admin, `${HALF}&tlc=TLC-A`), 'Receiving')).toEqual([]);

    const day = await workbook(admin, 'from=2026-03-12&to=2026-03-12');
    expect(tlcs(day, 'Receiving')).toEqual(['TLC-A-002']);
    expect(tlcs(day, 'Shipping')).toEqual([]);
    const july = await workbook(admin, 'from=2026-07-01&to=2026-07-01');
    expect(tlcs(july, 'Receiving')).toEqual(['TLC-B-JULY', 'TLC-A-JULY']);
  });

  it("keeps an operator to its own warehouse's records", async () => {
    const own = await workbook(operatorB, HALF);
    expect(tlcs(own, 'Receiving')).toEqual(['TLC-B-001']);
    expect(tlcs(own, 'Shipping')).toEqual([]);
    const a = await workbook(operatorA, `${HALF}&warehouse_id=${whA.id}`);
    expect(tlcs(a, 'Receiving')).toEqual(['TLC-A-001', 'TLC-A-002', 'TLC-A-LAST']);

    await refusal(operatorB, `${HALF}&warehouse_id=${whA.id}`).expect(404);
    await refusal(admin, `${HALF}&warehouse_id=00000000-0000-4000-8000-000000000000`).expect(404);
    const filtered = await workbook(admin, `${HALF}&warehouse_id=${whB.id}`);
    expect(tlcs(filtered, 'Receiving')).toEqual(['TLC-B-001']);
  });

  it('refuses clients (403) and bad periods or filters (422)', async () => {
    await refusal(clientUser, HALF).expect(403);
    const refused = async (query: string, field: string) => {
      const res = await refusal(admin, query).expect(422);
      const body = res.body as { errors: { field: string }[] };
      expect(body.errors.map((e) => e.field)).toContain(field);
    };
    await refused('from=2026-02-30&to=2026-03-01', 'from');
    await refused('from=2026-01-01', 'to');
    await refused('from=2026-03-01&to=2026-02-28', 'to');
    await refused('from=2024-01-01&to=2027-01-01', 'to');
    await refused(`${HALF}&tlc=A%00B`, 'tlc');
    await refused(`${HALF}&tlc=${'x'.repeat(101)}`, 'tlc');
    await refused(`${HALF}&format=pdf`, 'format');
    await refused(`${HALF}&commodity_id=nope`, 'commodity_id');
    await get(admin, 'from=2024-01-01&to=2026-12-31').expect(200);
  });
});
