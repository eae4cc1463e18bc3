import request from 'supertest';
import type { CommodityOutDto } from 'src/inventory/catalogue/dto/commodity.dto';
import { RoleName } from 'src/rbac/role-name.enum';
import type { TradingPartnerOutDto } from 'src/traceability/dto/trading-partner.dto';
import { isGln } from 'src/traceability/dto/trading-partner.dto';
import { auditActions, login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * FSMA 204 groundwork: the trading partners whose location descriptions the records name, and
 * commodities flagged as on the Food Traceability List.
 */
describe('traceability: trading partners and the Food Traceability List flag', () => {
  let t: TestApp;
  let admin: string;
  let operator: string;
  let billing: string;
  let client: string;

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) =>
      request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) =>
      request(t.server).patch(url).set('Authorization', `Bearer ${token}`).send(body),
  });

  const grower = {
    business_name: 'Salinas Valley Greens LLC',
    phone: '+1 831 555 0134',
    street_address: '1200 Abbott Street',
    city: 'Salinas',
    region: 'CA',
    postal_code: '93901',
    country: 'us',
    gln: '0614141000005',
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource);
    admin = await login(t.server, (await makeUser(t.dataSource, { role: RoleName.Admin })).email);
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    billing = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.BillingManager })).email,
    );
    client = await login(t.server, (await makeClient(t.dataSource)).email);
  });
  afterAll(() => t.close());

  it('checks GS1 check digits', () => {
    expect(isGln('0614141000005')).toBe(true);
    expect(isGln('0614141000006')).toBe(false);
    expect(isGln('061414100000')).toBe(false);
  });

  it('records a partner with its location description, audited; operators read it', async () => {
    const res = await as(admin).post('/api/traceability/partners', grower).expect(201);
    const partner = res.body as TradingPartnerOutDto;
    expect(partner).toMatchObject({ ...grower, country: 'US' });

    const list = await as(operator).get('/api/traceability/partners?q=valley&country=us');
    expect(list.status).toBe(200);
    expect((list.body as TradingPartnerOutDto[]).map((p) => p.id)).toEqual([partner.id]);
    expect(list.headers['x-total-count']).toBe('1');
    await as(operator).get(`/api/traceability/partners/${partner.id}`).expect(200);
    expect(await auditActions(t.dataSource, partner.id)).toEqual(['trading_partner.created']);

    const patched = await as(admin)
      .patch(`/api/traceability/partners/${partner.id}`, { phone: '+1 831 555 0199', gln: null })
      .expect(200);
    expect(patched.body).toMatchObject({ phone: '+1 831 555 0199', gln: null, city: 'Salinas' });
    expect(await auditActions(t.dataSource, partner.id)).toEqual([
      'trading_partner.created',
      'trading_partner.updated',
    ]);
  });

  it('refuses a bad GLN, country or phone and a missing element (422), a GLN in use (409)', async () => {
    const before = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM trading_partners',
    );
    const refused = async (body: object, field: string) => {
      const res = await as(admin).post('/api/traceability/partners', body).expect(422);
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await refused({ ...grower, gln: '0614141000006' }, 'gln must be 13 digits');
    await refused({ ...grower, country: 'USA' }, 'country must be an ISO 3166-1 alpha-2');
    await refused({ ...grower, phone: 'call me' }, 'phone must be digits');
    await refused({ ...grower, city: undefined }, 'city');
    await refused({ ...grower, business_name: 'A\u0000B' }, 'business_name');

    const withGln = { ...grower, business_name: 'Pajaro Cooling Co', gln: '4000001000005' };
    await as(admin).post('/api/traceability/partners', withGln).expect(201);
    const dup = await as(admin)
      .post('/api/traceability/partners', { ...withGln, business_name: 'Other' })
      .expect(409);
    expect((dup.body as { detail: string }).detail).toContain('GLN 4000001000005');

    const after = await t.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM trading_partners',
    );
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('keeps partners from clients and from staff who neither receive nor ship', async () => {
    await as(client).get('/api/traceability/partners').expect(403);
    await as(billing).get('/api/traceability/partners').expect(403);
    await as(operator).post('/api/traceability/partners', grower).expect(403);
    await as(admin)
      .get('/api/traceability/partners/00000000-0000-4000-8000-000000000000')
      .expect(404);
  });

  it('flags commodities on the Food Traceability List, off by default', async () => {
    const body = {
      code: 'LEAFY-ROMAINE',
      name: 'Romaine lettuce',
      unit: 'KG',
      min_temp_c: '0',
      max_temp_c: '4',
    };
    const plain = (await as(admin).post('/api/commodities', body).expect(201))
      .body as CommodityOutDto;
    expect(plain.on_food_traceability_list).toBe(false);
    const flagged = await as(admin)
      .patch(`/api/commodities/${plain.id}`, { on_food_traceability_list: true })
      .expect(200);
    expect((flagged.body as CommodityOutDto).on_food_traceability_list).toBe(true);
    await as(admin)
      .patch(`/api/commodities/${plain.id}`, { on_food_traceability_list: 'yes' })
      .expect(422);
    await as(admin)
      .patch(`/api/commodities/${plain.id}`, { on_food_traceability_list: null })
      .expect(422);
    expect(await auditActions(t.dataSource, plain.id)).toEqual([
      'commodity.created',
      'commodity.updated',
    ]);
  });
});
