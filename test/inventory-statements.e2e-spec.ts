import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { makeClient } from './helpers/stock-factories';
import { statementsOf } from './helpers/statements';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * The statements a stock change sends to PostgreSQL, counted where the benchmark counts them
 * (the pg driver's Client.query, BEGIN and COMMIT included), besides those loading the caller.
 */
describe('inventory: statements per stock change', () => {
  let t: TestApp;
  let operator: string;
  let warehouseId: string;
  let chamberId: string;
  let commodityId: string;
  let clientId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    warehouseId = (await makeWarehouse(t.dataSource, { code: 'NASIK' })).id;
    chamberId = (await makeChamber(t.dataSource, warehouseId)).id;
    commodityId = (await makeCommodity(t.dataSource)).id;
    clientId = (await makeClient(t.dataSource)).client.id;
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId })).email,
    );
  });
  afterAll(() => t.close());

  const post = (url: string, body: object): request.Test =>
    request(t.server).post(url).set('Authorization', `Bearer ${operator}`).send(body);

  /** The statements of one request once its caller is known. */
  const handlerStatements = (send: request.Test, status: number): Promise<string[]> =>
    statementsOf(t, send, status, { afterCaller: true });

  const receipt = (quantity: number): object => ({
    client_id: clientId,
    commodity_id: commodityId,
    chamber_id: chamberId,
    quantity,
    weight_kg: '100',
  });

  const receiveLot = async (quantity: number): Promise<{ id: string }> =>
    (await post('/api/inventory/inward', receipt(quantity)).expect(201)).body as { id: string };

  it('receives goods in two statements: what it is checked against, then the receipt', async () => {
    const statements = await handlerStatements(post('/api/inventory/inward', receipt(10)), 201);
    expect(statements).toHaveLength(2);
  });

  it('dispatches from one lot (outward) in one statement', async () => {
    const lot = await receiveLot(10);
    const statements = await handlerStatements(
      post('/api/inventory/outward', { lot_id: lot.id, quantity: 1 }),
      201,
    );
    expect(statements).toHaveLength(1);
  });

  const gatePass = (lots: { id: string }[]): request.Test =>
    post('/api/inventory/dispatches', {
      client_id: clientId,
      lines: lots.map((lot) => ({ lot_id: lot.id, quantity: 2 })),
    });

  it('dispatches several lots on one gate pass in one statement', async () => {
    const lots = [await receiveLot(4), await receiveLot(6)];
    expect(await handlerStatements(gatePass(lots), 201)).toHaveLength(1);
  });

  it('refuses a gate pass with a line larger than its lot in one statement', async () => {
    const lots = [await receiveLot(4), await receiveLot(1)];
    expect(await handlerStatements(gatePass(lots), 409)).toHaveLength(1);
  });
});
