import request from 'supertest';
import { MovementType } from 'src/inventory/movement-type.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient, makeLot, moveStock, transferLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

interface StatementBody {
  lots: { lot_number: string; quantity: number; chamber_code: string }[];
}

/** The statement's day is each warehouse's own day, as billing counts it. */
describe('stock statement across time zones', () => {
  let t: TestApp;
  let admin: string;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    admin = await login(t.server, (await makeUser(t.dataSource)).email);
    clientId = (await makeClient(t.dataSource)).client.id;
  });
  afterAll(() => t.close());

  const statement = async (asOf: string) =>
    (
      await request(t.server)
        .get('/api/inventory/statement')
        .query({ client_id: clientId, as_of: asOf })
        .set('Authorization', `Bearer ${admin}`)
        .expect(200)
    ).body as StatementBody;

  it("counts movements by the warehouse's local day, in Pune and in New York", async () => {
    const commodityId = (await makeCommodity(t.dataSource, {})).id;
    const pune = await makeWarehouse(t.dataSource, { code: 'PNQ', timezone: 'Asia/Kolkata' });
    const york = await makeWarehouse(t.dataSource, { code: 'NYC', timezone: 'America/New_York' });
    const [puneA, puneB, yorkA] = await Promise.all([
      makeChamber(t.dataSource, pune.id),
      makeChamber(t.dataSource, pune.id),
      makeChamber(t.dataSource, york.id),
    ]);
    const lot = (
      warehouseId: string,
      chamberId: string,
      quantity: number,
      at: string,
      lotNumber: string,
    ) =>
      makeLot(t.dataSource, {
        warehouseId,
        clientId,
        commodityId,
        chamberId,
        quantity,
        weightKg: '0',
        receivedAt: new Date(at),
        lotNumber,
      });
    // 23:30 on 31 March in Pune, and 00:30 on 1 April.
    const late = await lot(pune.id, puneA.id, 10, '2026-03-31T18:00:00Z', 'PNQ-2026-000001');
    await lot(pune.id, puneA.id, 20, '2026-03-31T19:00:00Z', 'PNQ-2026-000002');
    // 22:00 on 31 March in New York is already 1 April in UTC.
    await lot(york.id, yorkA.id, 30, '2026-04-01T02:00:00Z', 'NYC-2026-000001');
    // Dispatched 00:30 on 1 April in Pune (still 31 March in UTC); moved at 00:15 the same day.
    await transferLot(t.dataSource, late, puneA.id, puneB.id, new Date('2026-03-31T18:45:00Z'));
    await moveStock(t.dataSource, late, {
      type: MovementType.Outward,
      quantityDelta: -4,
      occurredAt: new Date('2026-03-31T19:00:00Z'),
    });

    const march = await statement('2026-03-31');
    expect(march.lots.map((l) => [l.lot_number, l.quantity, l.chamber_code])).toEqual([
      ['NYC-2026-000001', 30, yorkA.code],
      ['PNQ-2026-000001', 10, puneA.code],
    ]);
    const april = await statement('2026-04-01');
    expect(april.lots.map((l) => [l.lot_number, l.quantity, l.chamber_code])).toEqual([
      ['NYC-2026-000001', 30, yorkA.code],
      ['PNQ-2026-000001', 6, puneB.code],
      ['PNQ-2026-000002', 20, puneA.code],
    ]);
  });
});
