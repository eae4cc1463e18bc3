import request from 'supertest';
import type { LienOutDto } from 'src/billing/liens/dto/lien.dto';
import type { DispatchOutDto } from 'src/inventory/ledger/dto/movement-responses.dto';
import { RoleName } from 'src/rbac/role-name.enum';
import {
  makeBillingSite,
  makeBillingUsers,
  makeOperatorToken,
  receiveLot,
  type BillingSite,
  type BillingUsers,
  type LotBody,
} from './helpers/billing-factories';
import { auditActions, login, seedRoles } from './helpers/factories';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/** Day D of the lien and D+90: 31 + 28 + 31 days later. */
const DAY_D = '2026-01-01';
const D_PLUS_90 = '2026-04-01';
const RECEIVED = '2025-12-20T06:00:00Z';

const bearer = (token: string): string => `Bearer ${token}`;

describe('liens on lots: interest, the dispatch guard, settlement on the gate pass', () => {
  let t: TestApp;
  let users: BillingUsers;
  let site: BillingSite;
  let operator: string;
  let otherOperator: string;
  let clientId: string;
  let clientToken: string;
  let otherClientId: string;
  let otherClientToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    users = await makeBillingUsers(t.dataSource, t.server);
    site = await makeBillingSite(t.dataSource, t.server, users.admin, { code: 'AGRA' });
    const otherSite = await makeBillingSite(t.dataSource, t.server, users.admin, { code: 'KOTA' });
    operator = await makeOperatorToken(t.dataSource, t.server, site.warehouseId);
    otherOperator = await makeOperatorToken(t.dataSource, t.server, otherSite.warehouseId);
    const client = await makeClient(t.dataSource, 'Ramesh Farms');
    clientId = client.client.id;
    clientToken = await login(t.server, client.email);
    const other = await makeClient(t.dataSource, 'Other Farms');
    otherClientId = other.client.id;
    otherClientToken = await login(t.server, other.email);
  });

  afterAll(async () => {
    await t.close();
  });

  const lot = (quantity = 100, owner = clientId): Promise<LotBody> =>
    receiveLot(t.server, users.admin, site, owner, { quantity, receivedAt: RECEIVED });

  const postLien = (token: string, lotId: string, body: object): request.Test =>
    request(t.server)
      .post(`/api/inventory/lots/${lotId}/liens`)
      .set('Authorization', bearer(token))
      .send(body);

  const advance = {
    kind: 'ADVANCE',
    principal_minor: 5_000_000,
    secured_quantity: 60,
    start_date: DAY_D,
    interest_rate_percent: '12',
  };

  async function createLien(lotId: string, body: object = advance): Promise<LienOutDto> {
    const res = await postLien(users.billing, lotId, body).expect(201);
    return res.body as LienOutDto;
  }

  const getLien = async (id: string, asOf?: string): Promise<LienOutDto> =>
    (
      await request(t.server)
        .get(`/api/billing/liens/${id}`)
        .query(asOf ? { as_of: asOf } : {})
        .set('Authorization', bearer(users.billing))
        .expect(200)
    ).body as LienOutDto;

  const outward = (token: string, lotId: string, quantity: number, extra: object = {}) =>
    request(t.server)
      .post('/api/inventory/outward')
      .set('Authorization', bearer(token))
      .send({ lot_id: lotId, quantity, reference: 'GP-7', ...extra });

  const dispatch = (token: string, lotId: string, quantity: number, extra: object = {}) =>
    request(t.server)
      .post('/api/inventory/dispatches')
      .set('Authorization', bearer(token))
      .send({ client_id: clientId, lines: [{ lot_id: lotId, quantity }], ...extra });

  async function stockOf(lotId: string): Promise<{ quantity: number; movements: number }> {
    const [row] = await t.dataSource.query<{ quantity: number; movements: string }[]>(
      `SELECT l.quantity, (SELECT count(*) FROM stock_movements m WHERE m.lot_id = l.id) AS movements
         FROM lots l WHERE l.id = $1`,
      [lotId],
    );
    return { quantity: row.quantity, movements: Number(row.movements) };
  }

  /** What the lot holds and what its open liens secure. */
  async function heldAndSecured(lotId: string): Promise<{ quantity: number; secured: number }> {
    const [row] = await t.dataSource.query<{ quantity: number; secured: string }[]>(
      `SELECT l.quantity, coalesce((SELECT sum(secured_quantity) FROM liens
                                     WHERE lot_id = l.id AND status = 'OPEN'), 0) AS secured
         FROM lots l WHERE l.id = $1`,
      [lotId],
    );
    return { quantity: row.quantity, secured: Number(row.secured) };
  }

  describe('interest, simple, actual days / 365', () => {
    it('accrues ₹50,000 × 12% × 90 / 365 = ₹1,479.45 by D+90: balance ₹51,479.45', async () => {
      const made = await createLien((await lot()).id);
      expect(made).toMatchObject({
        kind: 'ADVANCE',
        status: 'OPEN',
        currency: 'INR',
        principal_minor: 5_000_000,
        principal: '50000.00',
        secured_quantity: 60,
        interest_rate_percent: '12',
      });
      const lien = await getLien(made.id, D_PLUS_90);
      expect(lien).toMatchObject({
        as_of: D_PLUS_90,
        principal_outstanding_minor: 5_000_000,
        interest_accrued_minor: 147_945,
        interest_accrued: '1479.45',
        balance_minor: 5_147_945,
        balance: '51479.45',
        repaid_minor: 0,
      });
      expect(await auditActions(t.dataSource, made.id)).toEqual(['lien.created']);
    });

    it('lends in the name of the store (COMPANY_NAME, else APP_NAME) when no lender is given', async () => {
      const made = await createLien((await lot()).id);
      expect(made.lender_name).toBe(t.config.billing.companyName);
    });
  });

  describe('the dispatch guard', () => {
    let lotId: string;
    let lienId: string;

    beforeAll(async () => {
      lotId = (await lot(100)).id;
      lienId = (await createLien(lotId)).id;
    });

    it('refuses a dispatch taking the lot below the secured quantity with a 409 naming the lien, and changes nothing', async () => {
      const before = await stockOf(lotId);
      const res = await dispatch(users.admin, lotId, 50).expect(409);
      const detail = (res.body as { detail: string }).detail;
      expect(detail).toContain('60 units must stay and 50 would remain');
      expect(detail).toContain(`ADVANCE lien ${lienId} of ${t.config.billing.companyName}`);
      await outward(operator, lotId, 41).expect(409);
      expect(await stockOf(lotId)).toEqual(before);
      const [{ n }] = await t.dataSource.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM dispatches WHERE client_id = $1`,
        [clientId],
      );
      expect(Number(n)).toBe(0);
    });

    it('refuses a negative adjustment below the secured quantity as well', async () => {
      const res = await request(t.server)
        .post('/api/inventory/adjustments')
        .set('Authorization', bearer(users.admin))
        .send({ lot_id: lotId, quantity_delta: -41, reason_code: 'DAMAGE', note: 'Rats' })
        .expect(409);
      expect((res.body as { detail: string }).detail).toContain(`ADVANCE lien ${lienId}`);
      expect((await stockOf(lotId)).quantity).toBe(100);
    });

    it('lets the unsecured units leave', async () => {
      await outward(operator, lotId, 40).expect(201);
      expect((await stockOf(lotId)).quantity).toBe(60);
    });

    it('refuses a repayment above the balance (422) and records nothing', async () => {
      const res = await request(t.server)
        .post(`/api/billing/liens/${lienId}/repayments`)
        .set('Authorization', bearer(users.billing))
        .send({ amount_minor: 5_147_946, paid_on: D_PLUS_90 })
        .expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe('amount_minor');
      expect((await getLien(lienId)).repayments).toEqual([]);
    });

    it('a repayment of the whole balance clears the lien, and the same dispatch then passes', async () => {
      const res = await request(t.server)
        .post(`/api/billing/liens/${lienId}/repayments`)
        .set('Authorization', bearer(users.billing))
        .set('Idempotency-Key', 'repay-advance-1')
        .send({ amount_minor: 5_147_945, paid_on: D_PLUS_90, reference: 'NEFT UTIB0000123' })
        .expect(200);
      const lien = res.body as LienOutDto;
      expect(lien).toMatchObject({ status: 'REPAID', closed_on: D_PLUS_90, balance_minor: 0 });
      expect(lien.repayments).toMatchObject([
        { amount_minor: 5_147_945, interest_minor: 147_945, principal_minor: 5_000_000 },
      ]);
      // The same key replays the answer: one repayment.
      await request(t.server)
        .post(`/api/billing/liens/${lienId}/repayments`)
        .set('Authorization', bearer(users.billing))
        .set('Idempotency-Key', 'repay-advance-1')
        .send({ amount_minor: 5_147_945, paid_on: D_PLUS_90, reference: 'NEFT UTIB0000123' })
        .expect(200)
        .expect('Idempotent-Replayed', 'true');
      expect((await getLien(lienId)).repayments).toHaveLength(1);
      await dispatch(users.admin, lotId, 50).expect(201);
      expect((await stockOf(lotId)).quantity).toBe(10);
      expect(await auditActions(t.dataSource, lienId)).toEqual(['lien.created', 'lien.repaid']);
    });

    it('refuses a repayment of a lien no longer open (409)', async () => {
      await request(t.server)
        .post(`/api/billing/liens/${lienId}/repayments`)
        .set('Authorization', bearer(users.billing))
        .send({ amount_minor: 1 })
        .expect(409);
    });
  });

  describe('settling a lien on the gate pass', () => {
    const pledge = {
      kind: 'PLEDGE',
      lender_name: 'State Bank of India, Agra',
      pledge_reference: 'ENWR-PL-2026-77',
      principal_minor: 20_000_000,
      secured_quantity: 100,
      start_date: DAY_D,
      interest_rate_percent: '9.5',
    };

    it('without finance.lien.manage a dispatch with lien_settlements is 403 and nothing changes', async () => {
      const lotId = (await lot(100)).id;
      const lien = await createLien(lotId, pledge);
      const settle = { lien_settlements: [{ lien_id: lien.id, action: 'RELEASE' }] };
      await dispatch(operator, lotId, 100, settle).expect(403);
      expect((await getLien(lien.id)).status).toBe('OPEN');
      expect(await stockOf(lotId)).toEqual({ quantity: 100, movements: 1 });
    });

    it('without a settlement the pledge holds the goods: 409 naming the bank and its reference', async () => {
      const lotId = (await lot(100)).id;
      await createLien(lotId, pledge);
      const res = await dispatch(users.admin, lotId, 1).expect(409);
      expect((res.body as { detail: string }).detail).toContain(
        'of State Bank of India, Agra (reference ENWR-PL-2026-77) securing 100 units',
      );
    });

    it('a RELEASE on the same request releases the lien and the goods leave', async () => {
      const lotId = (await lot(100)).id;
      const lien = await createLien(lotId, pledge);
      const res = await dispatch(users.admin, lotId, 100, {
        reference: 'GP-2026-0091',
        lien_settlements: [{ lien_id: lien.id, action: 'RELEASE', reference: 'SBI letter 4411' }],
      }).expect(201);
      expect((res.body as DispatchOutDto).lines[0].remaining_quantity).toBe(0);
      expect(await stockOf(lotId)).toEqual({ quantity: 0, movements: 2 });
      const released = await getLien(lien.id);
      expect(released).toMatchObject({
        status: 'RELEASED',
        release_reason: 'Released for dispatch on gate pass GP-2026-0091: SBI letter 4411',
      });
      expect(await auditActions(t.dataSource, lien.id)).toEqual(['lien.created', 'lien.released']);
    });

    it('a REPAY on the one-lot shorthand repays the whole balance of the day, then the goods leave', async () => {
      const lotId = (await lot(100)).id;
      const lien = await createLien(lotId);
      await outward(users.admin, lotId, 100, {
        lien_settlements: [{ lien_id: lien.id, action: 'REPAY', reference: 'Cash 88' }],
      }).expect(201);
      const repaid = await getLien(lien.id);
      expect(repaid.status).toBe('REPAID');
      expect(repaid.balance_minor).toBe(0);
      expect(repaid.repayments).toHaveLength(1);
      expect(repaid.repayments[0].principal_minor).toBe(5_000_000);
      expect(repaid.repayments[0].reference).toBe('Cash 88');
    });

    it('a RELEASE on a dispatch from the pick suggestion lets the picked lot leave', async () => {
      const farmer = await makeClient(t.dataSource, 'Pick Farms');
      const picked = await lot(30, farmer.client.id);
      const lien = await createLien(picked.id, { ...pledge, secured_quantity: 30 });
      const body = { client_id: farmer.client.id, commodity_id: site.commodityId, quantity: 30 };
      const fromPick = (extra: object) =>
        request(t.server)
          .post('/api/inventory/dispatches/from-pick')
          .set('Authorization', bearer(users.admin))
          .send({ ...body, ...extra });
      await fromPick({}).expect(409);
      await fromPick({ lien_settlements: [{ lien_id: lien.id, action: 'RELEASE' }] }).expect(201);
      expect((await getLien(lien.id)).status).toBe('RELEASED');
      expect((await stockOf(picked.id)).quantity).toBe(0);
    });

    it('a dispatch refused after its settlement undoes the settlement', async () => {
      const lotId = (await lot(100)).id;
      const lien = await createLien(lotId);
      // 101 units: more than the lot holds, refused after the lien was released.
      await dispatch(users.admin, lotId, 101, {
        lien_settlements: [{ lien_id: lien.id, action: 'RELEASE' }],
      }).expect(409);
      expect((await getLien(lien.id)).status).toBe('OPEN');
      expect(await auditActions(t.dataSource, lien.id)).toEqual(['lien.created']);
    });

    it('a weighed gate pass records its ticket, the release and the dispatch together, or none of them', async () => {
      const weighments = async (lotId: string) =>
        (
          await t.dataSource.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM weighments WHERE dispatch_id IN
               (SELECT dispatch_id FROM stock_movements WHERE lot_id = $1)`,
            [lotId],
          )
        )[0].n;
      const ticket = { gross_kg: '5250.000', tare_kg: '250.000', ticket_number: 'WB-0912' };
      const received = { quantity: 100, receivedAt: RECEIVED, weightKg: '5000' };
      const lotId = (await receiveLot(t.server, users.admin, site, clientId, received)).id;
      const first = await createLien(lotId, { ...pledge, secured_quantity: 50 });
      const second = await createLien(lotId, {
        ...pledge,
        secured_quantity: 50,
        pledge_reference: 'ENWR-PL-2026-78',
      });

      // Settling one of two liens: refused naming the other, nothing weighed, nothing released.
      const refused = await dispatch(users.admin, lotId, 100, {
        weighment: ticket,
        lien_settlements: [{ lien_id: first.id, action: 'RELEASE' }],
      }).expect(409);
      expect((refused.body as { detail: string }).detail).toContain('ENWR-PL-2026-78');
      expect((await getLien(first.id)).status).toBe('OPEN');
      expect(await weighments(lotId)).toBe(0);
      expect(await stockOf(lotId)).toEqual({ quantity: 100, movements: 1 });

      const res = await dispatch(users.admin, lotId, 100, {
        weighment: ticket,
        lien_settlements: [
          { lien_id: first.id, action: 'RELEASE' },
          { lien_id: second.id, action: 'RELEASE' },
        ],
      }).expect(201);
      // 5,250.000 gross − 250.000 tare = 5,000.000 kg on the truck.
      expect((res.body as DispatchOutDto).weighment).toMatchObject({
        kind: 'DISPATCH',
        net_kg: '5000.000',
        ticket_number: 'WB-0912',
      });
      expect((await getLien(first.id)).status).toBe('RELEASED');
      expect((await getLien(second.id)).status).toBe('RELEASED');
      expect(await weighments(lotId)).toBe(1);
      expect(await stockOf(lotId)).toEqual({ quantity: 0, movements: 2 });
    });

    it('refuses to settle a lien on a lot the gate pass does not take from (422)', async () => {
      const lotId = (await lot(100)).id;
      const elsewhere = await createLien((await lot(100)).id);
      const res = await dispatch(users.admin, lotId, 10, {
        lien_settlements: [{ lien_id: elsewhere.id, action: 'RELEASE' }],
      }).expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe(
        'lien_settlements[0].lien_id',
      );
      expect((await getLien(elsewhere.id)).status).toBe('OPEN');
      const own = await createLien(lotId);
      const withAmount = await dispatch(users.admin, lotId, 10, {
        lien_settlements: [{ lien_id: own.id, action: 'RELEASE', amount_minor: 5 }],
      }).expect(422);
      expect((withAmount.body as { errors: { field: string }[] }).errors[0].field).toBe(
        'lien_settlements[0].amount_minor',
      );
      expect((await getLien(own.id)).status).toBe('OPEN');
    });
  });

  describe('refusals when creating a lien', () => {
    let lotId: string;
    beforeAll(async () => {
      lotId = (await lot(100)).id;
    });

    const count = async (): Promise<number> =>
      Number(
        (
          await t.dataSource.query<{ n: string }[]>(
            'SELECT count(*) AS n FROM liens WHERE lot_id = $1',
            [lotId],
          )
        )[0].n,
      );

    it('refuses a rate above LIEN_MAX_INTEREST_PERCENT (422) and accepts the cap itself', async () => {
      const res = await postLien(users.billing, lotId, {
        ...advance,
        interest_rate_percent: '24.0001',
      }).expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe(
        'interest_rate_percent',
      );
      expect(await count()).toBe(0);
      await postLien(users.billing, lotId, {
        ...advance,
        secured_quantity: 10,
        interest_rate_percent: '24',
      }).expect(201);
    });

    it('refuses a PLEDGE without its reference or its bank (422)', async () => {
      const before = await count();
      const body = { ...advance, kind: 'PLEDGE', lender_name: 'Bank of Baroda' };
      const res = await postLien(users.billing, lotId, body).expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe(
        'pledge_reference',
      );
      await postLien(users.billing, lotId, {
        ...advance,
        kind: 'PLEDGE',
        pledge_reference: 'BOB-1',
      }).expect(422);
      expect(await count()).toBe(before);
    });

    it('refuses a secured quantity above the lot (422), or above what open liens leave (409)', async () => {
      const before = await count();
      const res = await postLien(users.billing, lotId, {
        ...advance,
        secured_quantity: 101,
      }).expect(422);
      expect((res.body as { errors: { field: string }[] }).errors[0].field).toBe(
        'secured_quantity',
      );
      // 10 already secured: 91 more would be 101 of 100.
      const conflict = await postLien(users.billing, lotId, {
        ...advance,
        secured_quantity: 91,
      }).expect(409);
      expect((conflict.body as { detail: string }).detail).toContain('at most 90 more');
      expect(await count()).toBe(before);
    });

    it('refuses a start date in the future (422) and needs finance.lien.manage (403)', async () => {
      await postLien(users.billing, lotId, { ...advance, start_date: '2099-01-01' }).expect(422);
      await postLien(operator, lotId, advance).expect(403);
      await postLien(clientToken, lotId, advance).expect(403);
    });
  });

  describe('who sees which liens', () => {
    let lotId: string;
    let lienId: string;
    beforeAll(async () => {
      lotId = (await lot(100)).id;
      lienId = (await createLien(lotId, { ...advance, secured_quantity: 5 })).id;
    });

    it("shows a lot's liens to its warehouse's operator and its client, with the balance as of a day", async () => {
      for (const token of [operator, clientToken, users.billing]) {
        const res = await request(t.server)
          .get(`/api/inventory/lots/${lotId}/liens`)
          .query({ as_of: D_PLUS_90 })
          .set('Authorization', bearer(token))
          .expect(200);
        expect((res.body as LienOutDto[]).map((l) => [l.id, l.balance_minor])).toEqual([
          [lienId, 5_147_945],
        ]);
      }
    });

    it("answers 404 for another client's lot, another warehouse's lot, and another client's lien", async () => {
      for (const token of [otherClientToken, otherOperator])
        await request(t.server)
          .get(`/api/inventory/lots/${lotId}/liens`)
          .set('Authorization', bearer(token))
          .expect(404);
      await request(t.server)
        .get(`/api/billing/liens/${lienId}`)
        .set('Authorization', bearer(otherClientToken))
        .expect(404);
    });

    it("lists a client's own liens at /api/client/liens and /api/billing/liens, nobody else's", async () => {
      const otherLot = await lot(10, otherClientId);
      const otherLien = await createLien(otherLot.id, { ...advance, secured_quantity: 1 });
      const mine = await request(t.server)
        .get('/api/client/liens')
        .set('Authorization', bearer(clientToken))
        .expect(200);
      const ids = (mine.body as LienOutDto[]).map((l) => l.id);
      expect(ids).toContain(lienId);
      expect(ids).not.toContain(otherLien.id);
      expect((mine.body as LienOutDto[]).every((l) => l.client_id === clientId)).toBe(true);
      expect(Number(mine.headers['x-total-count'])).toBe(ids.length);
      const theirs = await request(t.server)
        .get('/api/billing/liens')
        .query({ status: 'OPEN' })
        .set('Authorization', bearer(otherClientToken))
        .expect(200);
      expect((theirs.body as LienOutDto[]).map((l) => l.id)).toEqual([otherLien.id]);
    });

    it('filters the billing list by status, kind, client and warehouse', async () => {
      const res = await request(t.server)
        .get('/api/billing/liens')
        .query({ client_id: otherClientId, kind: 'ADVANCE', warehouse_id: site.warehouseId })
        .set('Authorization', bearer(users.billing))
        .expect(200);
      expect((res.body as LienOutDto[]).every((l) => l.client_id === otherClientId)).toBe(true);
      expect((res.body as LienOutDto[]).length).toBe(1);
      const none = await request(t.server)
        .get('/api/billing/liens')
        .query({ client_id: otherClientId, kind: 'PLEDGE' })
        .set('Authorization', bearer(users.billing))
        .expect(200);
      expect(none.body).toEqual([]);
    });
  });

  describe("the lender's statement", () => {
    it('lists the liens open at the end of the day with principal, repaid, interest and balance', async () => {
      const lender = '=Agra Kisan Finance';
      const made = await createLien((await lot(100)).id, { ...advance, lender_name: lender });
      const repaidLot = await lot(100);
      const repaid = await createLien(repaidLot.id, { ...advance, lender_name: lender });
      await request(t.server)
        .post(`/api/billing/liens/${repaid.id}/repayments`)
        .set('Authorization', bearer(users.billing))
        .send({ amount_minor: 5_147_945, paid_on: D_PLUS_90 })
        .expect(200);
      const res = await request(t.server)
        .get('/api/billing/liens/statement.csv')
        .query({ as_of: D_PLUS_90, lender: lender.toUpperCase() })
        .set('Authorization', bearer(users.billing))
        .expect(200)
        .expect('Content-Type', /text\/csv/)
        .expect('Content-Disposition', `attachment; filename="lien-statement-${D_PLUS_90}.csv"`);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        '"as_of","lien_id","kind","lender","pledge_reference","client","lot_number","bags_secured","start_date","interest_rate_percent","currency","principal","repaid","interest_accrued","balance"',
      );
      // The repaid lien closed on D+90: only the open one, its lender neutralised as text.
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"${D_PLUS_90}","${made.id}","ADVANCE","'=Agra Kisan Finance",,`);
      expect(lines[1]).toContain(
        `"Ramesh Farms","${made.lot_number}",60,"${DAY_D}",12,"INR",50000.00,0.00,1479.45,51479.45`,
      );
      // The day before, the repaid one was open too.
      const before = await request(t.server)
        .get('/api/billing/liens/statement.csv')
        .query({ as_of: '2026-03-31', lender, kind: 'ADVANCE' })
        .set('Authorization', bearer(users.billing))
        .expect(200);
      expect(before.text.trim().split('\r\n')).toHaveLength(3);
      await request(t.server)
        .get('/api/billing/liens/statement.csv')
        .set('Authorization', bearer(clientToken))
        .expect(403);
    });
  });

  describe('concurrency', () => {
    it('a lien and a dispatch racing on a lot never leave it below an open lien', async () => {
      const lots = await Promise.all([1, 2, 3, 4, 5, 6].map(() => lot(100)));
      const results = await Promise.all(
        lots.map((l) =>
          Promise.all([postLien(users.billing, l.id, advance), outward(users.admin, l.id, 50)]),
        ),
      );
      for (const [index, [lien, sent]] of results.entries()) {
        // One wins, the other is refused: 60 secured and 50 leaving never fit in 100. A lien
        // after the dispatch secures more than the 50 left (422); a dispatch after the lien
        // would leave less than it secures (409).
        const outcome = [lien.status, sent.status];
        expect([
          [201, 409],
          [422, 201],
        ]).toContainEqual(outcome);
        const { quantity, secured } = await heldAndSecured(lots[index].id);
        expect(quantity).toBeGreaterThanOrEqual(secured);
      }
    });
  });

  describe('the database keeps the rule on every path', () => {
    const insertLien = (
      runner: { query: (sql: string, params: unknown[]) => Promise<unknown> },
      l: LotBody,
    ) =>
      runner.query(
        `INSERT INTO liens (lot_id, client_id, warehouse_id, kind, lender_name, principal_minor,
                            currency, secured_quantity, start_date, interest_rate_percent,
                            created_by_id)
         SELECT id, client_id, warehouse_id, 'ADVANCE', 'Store', 100, 'INR', 60, $2, 12, $3
           FROM lots WHERE id = $1`,
        [l.id, DAY_D, users.billingUserId],
      );
    const takeOut = (
      runner: { query: (sql: string, params: unknown[]) => Promise<unknown> },
      l: LotBody,
    ) =>
      runner.query(
        `INSERT INTO stock_movements (lot_id, warehouse_id, client_id, type, quantity_delta,
                                      weight_delta_kg, occurred_at)
         SELECT id, warehouse_id, client_id, 'OUTWARD', -50, 0, now() FROM lots WHERE id = $1`,
        [l.id],
      );
    const sqlState = (error: unknown): unknown =>
      (error as { driverError?: { code?: string } }).driverError?.code;

    it('refuses a movement written straight to the ledger below an open lien (CS409)', async () => {
      const l = await lot(100);
      await createLien(l.id);
      const error = await takeOut(t.dataSource, l).catch((e: unknown) => e);
      expect(sqlState(error)).toBe('CS409');
      expect(await stockOf(l.id)).toEqual({ quantity: 100, movements: 1 });
    });

    it.each([
      ['a lien first, then a movement waiting for its lot', 'lien'],
      ['a movement first, then a lien waiting for its lot', 'movement'],
    ])('%s: the second is refused once the first commits', async (_, first) => {
      const l = await lot(100);
      const a = t.dataSource.createQueryRunner();
      const b = t.dataSource.createQueryRunner();
      try {
        await a.startTransaction();
        await (first === 'lien' ? insertLien(a, l) : takeOut(a, l));
        // Blocks on the lot row the first transaction holds.
        const second = (first === 'lien' ? takeOut(b, l) : insertLien(b, l)).then(
          () => null,
          (e: unknown) => e,
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        await a.commitTransaction();
        expect(sqlState(await second)).toBe('CS409');
      } finally {
        await a.release();
        await b.release();
      }
      expect(await heldAndSecured(l.id)).toEqual(
        first === 'lien' ? { quantity: 100, secured: 60 } : { quantity: 50, secured: 0 },
      );
    });
  });

  it('keeps lien repayments append-only', async () => {
    await expect(t.dataSource.query('DELETE FROM lien_repayments')).rejects.toThrow(/append-only/);
  });

  it('gives ADMIN and BILLING_MANAGER finance.lien.manage, and no other role', async () => {
    const rows = await t.dataSource.query<{ name: string }[]>(
      `SELECT r.name FROM roles r JOIN role_permissions rp ON rp.role_id = r.id
         JOIN permissions p ON p.id = rp.permission_id
        WHERE p.code = 'finance.lien.manage' ORDER BY r.name`,
    );
    expect(rows.map((r) => r.name)).toEqual([RoleName.Admin, RoleName.BillingManager]);
  });
});

describe('liens under a configured interest cap', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { LIEN_MAX_INTEREST_PERCENT: '18.5' } });
    await seedRoles(t.dataSource);
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses a rate above LIEN_MAX_INTEREST_PERCENT=18.5 and takes 18.5 itself', async () => {
    const users = await makeBillingUsers(t.dataSource, t.server);
    const site = await makeBillingSite(t.dataSource, t.server, users.admin);
    const client = await makeClient(t.dataSource);
    const lot = await receiveLot(t.server, users.admin, site, client.client.id, {
      quantity: 10,
      receivedAt: RECEIVED,
    });
    const post = (rate: string) =>
      request(t.server)
        .post(`/api/inventory/lots/${lot.id}/liens`)
        .set('Authorization', bearer(users.billing))
        .send({
          kind: 'ADVANCE',
          principal_minor: 100,
          secured_quantity: 1,
          interest_rate_percent: rate,
        });
    const res = await post('18.5001').expect(422);
    expect((res.body as { detail: string }).detail).toContain('at most 18.5');
    await post('18.5').expect(201);
  });
});
