import request from 'supertest';
import type { BookingOutDto } from 'src/billing/seasons/dto/booking.dto';
import type { SeasonPaymentOutDto } from 'src/billing/seasons/dto/season-payment.dto';
import type { SeasonStatementOutDto } from 'src/billing/seasons/dto/season-statement.dto';
import type { SeasonOutDto } from 'src/billing/seasons/dto/season.dto';
import {
  approveInvoice,
  type BillingSite,
  type BillingUsers,
  createRateCard,
  dispatchFromLot,
  generateInvoice,
  type InvoiceBody,
  type LotBody,
  makeBillingSite,
  makeBillingUsers,
  makeOperatorToken,
  postRateCard,
} from './helpers/billing-factories';
import { login, seedRoles } from './helpers/factories';
import { binaryBody, pdfText } from './helpers/pdf-text';
import { makeClient } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';

/**
 * Seasonal billing through HTTP, figures computed by hand: a season 1 Feb – 31 Oct 2026 (vacate
 * by 30 Nov), rent per bag for the season, extension per bag per month or part after the end.
 */
describe('billing: seasons', () => {
  let t: TestApp;
  let users: BillingUsers;
  let site: BillingSite;
  let season: SeasonOutDto;

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object) =>
      request(t.server).post(url).set('Authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) =>
      request(t.server).patch(url).set('Authorization', `Bearer ${token}`).send(body),
    delete: (url: string) => request(t.server).delete(url).set('Authorization', `Bearer ${token}`),
  });

  const seasonBody = {
    name: 'Potato season 2026',
    start_date: '2026-02-01',
    end_date: '2026-10-31',
    vacate_by: '2026-11-30',
    extension_rate: '10',
    extension_basis: 'PER_UNIT',
    currency: 'INR',
  };

  const receive = async (clientId: string, quantity: number, at: string, grade?: string) => {
    const res = await as(users.admin)
      .post('/api/inventory/inward', {
        client_id: clientId,
        commodity_id: site.commodityId,
        chamber_id: site.chamberId,
        quantity,
        received_at: at,
        ...(grade ? { grade } : {}),
      })
      .expect(201);
    return res.body as LotBody;
  };

  const kindsAndAmounts = (invoice: InvoiceBody) =>
    invoice.lines.map((l) => [l.kind, l.lot_number, l.quantity, l.amount_minor]);

  const count = async (table: string): Promise<number> =>
    Number((await t.dataSource.query<{ n: string }[]>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    users = await makeBillingUsers(t.dataSource, t.server);
    site = await makeBillingSite(t.dataSource, t.server, users.admin);
    season = (
      await as(users.billing)
        .post('/api/billing/seasons', { warehouse_id: site.warehouseId, ...seasonBody })
        .expect(201)
    ).body as SeasonOutDto;
  });
  afterAll(() => t.close());

  it('charges 250 bags × 140 = 35,000.00 once and 60 bags × 10 = 600.00 extension; a later invoice never charges the rent again', async () => {
    const { client } = await makeClient(t.dataSource);
    await createRateCard(t.server, users.billing, {
      client_id: client.id,
      basis: 'PER_UNIT_PER_SEASON',
      storage_rate: '140',
      effective_from: '2026-01-01',
    });
    const lot = await receive(client.id, 250, '2026-02-10T06:00:00Z', 'plain');
    expect(lot.grade).toBe('PLAIN');
    await dispatchFromLot(t.server, users.admin, lot, {
      quantity: 190,
      dispatchedAt: '2026-09-15T06:00:00Z',
    });
    // The last 60 bags leave on 20 Nov, 20 days after the end: one month or part of one.
    await dispatchFromLot(t.server, users.admin, lot, {
      quantity: 60,
      dispatchedAt: '2026-11-20T06:00:00Z',
    });

    const whole = await generateInvoice(
      t.server,
      users.billing,
      client.id,
      '2026-02-01',
      '2026-11-30',
    );
    expect(kindsAndAmounts(whole)).toEqual([
      ['SEASON_RENT', lot.lot_number, '250', 3_500_000],
      ['SEASON_EXTENSION', lot.lot_number, '60', 60_000],
    ]);
    expect(whole).toMatchObject({ subtotal_minor: 3_560_000, subtotal: '35600.00' });
    expect(whole.lines[1]).toMatchObject({
      from_date: '2026-11-01',
      to_date: '2026-11-30',
      season_id: season.id,
    });
    // A draft counts its own season lines in the season's account; nothing paid yet.
    expect(whole.season_accounts).toEqual([
      {
        season_id: season.id,
        season_name: 'Potato season 2026',
        billed_minor: whole.total_minor,
        billed: whole.total,
        paid_minor: 0,
        paid: '0.00',
        balance_minor: whole.total_minor,
        balance: whole.total,
      },
    ]);

    // The PDF lists the season lines.
    const pdf = await as(users.billing)
      .get(`/api/billing/invoices/${whole.id}/pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Season rent');
    expect(text).toContain('Extension rent');
    expect(text).toContain('35600.00');
    expect(text).toContain('Season account: Potato season 2026');
    expect(text).toMatch(/Balance due\s+35600\.00/);
    await as(users.billing).delete(`/api/billing/invoices/${whole.id}`).expect(204);

    const feb = await generateInvoice(
      t.server,
      users.billing,
      client.id,
      '2026-02-01',
      '2026-02-28',
    );
    expect(kindsAndAmounts(feb)).toEqual([['SEASON_RENT', lot.lot_number, '250', 3_500_000]]);
    await approveInvoice(t.server, users.approver, feb.id);

    const rest = await generateInvoice(
      t.server,
      users.billing,
      client.id,
      '2026-03-01',
      '2026-11-30',
    );
    expect(kindsAndAmounts(rest)).toEqual([['SEASON_EXTENSION', lot.lot_number, '60', 60_000]]);
    expect(rest.subtotal_minor).toBe(60_000);
    expect(feb.subtotal_minor + rest.subtotal_minor).toBe(3_560_000);

    // The season's rent is on an approved invoice: its terms are frozen, its name is not.
    await as(users.billing)
      .patch(`/api/billing/seasons/${season.id}`, { extension_rate: '12' })
      .expect(409);
    await as(users.billing)
      .patch(`/api/billing/seasons/${season.id}`, { end_date: '2026-10-30' })
      .expect(409);
    const renamed = await as(users.billing)
      .patch(`/api/billing/seasons/${season.id}`, { name: 'Potato season 2026 (Agra)' })
      .expect(200);
    expect((renamed.body as SeasonOutDto).extension_rate).toBe('10');
  });

  it('prices a grade with its own card, credits the booking fee, and records a partial payment with bags released', async () => {
    const b = await makeClient(t.dataSource);
    const clientId = b.client.id;
    await createRateCard(t.server, users.billing, {
      client_id: clientId,
      basis: 'PER_UNIT_PER_SEASON',
      storage_rate: '140',
      effective_from: '2026-01-01',
    });
    const seedCard = await createRateCard(t.server, users.billing, {
      client_id: clientId,
      grade: 'SEED',
      basis: 'PER_UNIT_PER_SEASON',
      storage_rate: '160',
      effective_from: '2026-01-01',
    });
    expect(seedCard.grade).toBe('SEED');
    const plain = await receive(clientId, 100, '2026-03-02T06:00:00Z', 'PLAIN');
    const seed = await receive(clientId, 50, '2026-03-03T06:00:00Z', 'SEED');
    const booking = (
      await as(users.billing)
        .post('/api/billing/bookings', {
          season_id: season.id,
          client_id: clientId,
          bags: 150,
          fee_amount: '5000.00',
        })
        .expect(201)
    ).body as BookingOutDto;
    expect(booking).toMatchObject({ fee_minor: 500_000, fee: '5000.00', currency: 'INR' });

    const march = await generateInvoice(
      t.server,
      users.billing,
      clientId,
      '2026-03-01',
      '2026-03-31',
    );
    // 100 × 140 = 14,000.00; 50 SEED × 160 = 8,000.00; the 5,000.00 fee credited on the first rent.
    expect(kindsAndAmounts(march)).toEqual([
      ['SEASON_RENT', plain.lot_number, '100', 1_400_000],
      ['SEASON_RENT', seed.lot_number, '50', 800_000],
      ['BOOKING_CREDIT', plain.lot_number, '1', -500_000],
    ]);
    expect(march.subtotal_minor).toBe(1_700_000);
    await approveInvoice(t.server, users.approver, march.id);

    const payment = async (amount: string, bags: number) =>
      (
        await as(users.approver)
          .post('/api/billing/season-payments', {
            season_id: season.id,
            client_id: clientId,
            amount,
            paid_at: '2026-11-02T10:00:00Z',
            reference: 'UPI 6123 4455 0021',
            bags_released: [{ lot_id: plain.id, bags }],
          })
          .expect(201)
      ).body as SeasonPaymentOutDto;
    const first = await payment('10000.00', 40);
    expect(first).toMatchObject({
      amount_minor: 1_000_000,
      amount: '10000.00',
      bags_released: [{ lot_id: plain.id, lot_number: plain.lot_number, bags: 40 }],
    });
    expect(first.receipt_number).toMatch(/^RCPT-\d{4}-\d{6}$/);
    const second = await payment('1000.00', 10);
    const serial = (n: string) => Number(n.slice(-6));
    expect(serial(second.receipt_number)).toBe(serial(first.receipt_number) + 1);

    const statement = (
      await as(users.billing)
        .get(`/api/billing/seasons/${season.id}/statement?client_id=${clientId}`)
        .expect(200)
    ).body as SeasonStatementOutDto;
    expect(statement.lots).toEqual([
      expect.objectContaining({
        lot_number: plain.lot_number,
        rent_minor: 1_400_000,
        extension_minor: 0,
        booking_credit_minor: -500_000,
        charged_minor: 900_000,
        bags_released: 50,
      }),
      expect.objectContaining({ lot_number: seed.lot_number, rent_minor: 800_000 }),
    ]);
    expect(statement).toMatchObject({
      booking_fees_minor: 500_000,
      total_minor: 1_700_000,
      paid_minor: 1_100_000,
      balance_minor: 600_000,
      balance: '6000.00',
    });

    // The approved invoice shows where the season's account stands: billed, paid, balance.
    const approved = (await as(users.billing).get(`/api/billing/invoices/${march.id}`).expect(200))
      .body as InvoiceBody;
    expect(approved.season_accounts).toEqual([
      expect.objectContaining({
        season_id: season.id,
        billed_minor: 1_700_000,
        paid_minor: 1_100_000,
        balance_minor: 600_000,
        balance: '6000.00',
      }),
    ]);

    // The client reads its own statement and receipts, and nobody else's.
    const clientToken = await login(t.server, b.email);
    const own = await as(clientToken).get(`/api/client/seasons/${season.id}/statement`).expect(200);
    expect((own.body as SeasonStatementOutDto).balance_minor).toBe(600_000);
    const csv = await as(clientToken)
      .get(`/api/client/seasons/${season.id}/statement?format=csv`)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    expect(csv.text).toContain(`"${plain.lot_number}",14000.00,0.00,-5000.00,9000.00,50\r\n`);
    expect(csv.text).toContain('"balance",6000.00\r\n');
    const receipts = await as(clientToken).get('/api/billing/season-payments').expect(200);
    expect((receipts.body as SeasonPaymentOutDto[]).map((p) => p.receipt_number).sort()).toEqual(
      [first.receipt_number, second.receipt_number].sort(),
    );

    const other = await makeClient(t.dataSource);
    const otherToken = await login(t.server, other.email);
    await as(otherToken).get(`/api/billing/season-payments/${first.id}`).expect(404);
    await as(otherToken).get(`/api/billing/seasons/${season.id}`).expect(404);
    expect((await as(otherToken).get('/api/billing/seasons').expect(200)).body).toEqual([]);
    const visible = await as(clientToken).get('/api/billing/seasons').expect(200);
    expect((visible.body as SeasonOutDto[]).map((x) => x.id)).toEqual([season.id]);
    await as(otherToken).get(`/api/client/seasons/${season.id}/statement`).expect(404);
    await as(clientToken)
      .get(`/api/billing/seasons/${season.id}/statement?client_id=${other.client.id}`)
      .expect(404);
    expect((await as(otherToken).get('/api/billing/bookings').expect(200)).body).toEqual([]);
    const elsewhere = await makeBillingSite(t.dataSource, t.server, users.admin);
    const operator = await makeOperatorToken(t.dataSource, t.server, elsewhere.warehouseId);
    // Warehouse staff hold no invoice.view: seasons are billing's.
    await as(operator).get(`/api/billing/seasons/${season.id}`).expect(403);
  });

  it('numbers receipts without gaps or duplicates under concurrent payments', async () => {
    const { client } = await makeClient(t.dataSource);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        as(users.approver)
          .post('/api/billing/season-payments', {
            season_id: season.id,
            client_id: client.id,
            amount: `${i + 1}.00`,
            paid_at: '2026-11-02T10:00:00Z',
            reference: `cash ${i + 1}`,
            bags_released: [],
          })
          .expect(201),
      ),
    );
    const serials = answers
      .map((res) => Number((res.body as SeasonPaymentOutDto).receipt_number.slice(-6)))
      .sort((x, y) => x - y);
    expect(serials).toEqual(Array.from({ length: 6 }, (_, i) => serials[0] + i));
  });

  it('refuses bad input with 422 and overlapping seasons with 409, changing nothing', async () => {
    const before = {
      seasons: await count('seasons'),
      cards: await count('rate_cards'),
      bookings: await count('season_bookings'),
      payments: await count('season_payments'),
    };
    const other = {
      ...seasonBody,
      start_date: '2027-02-01',
      end_date: '2027-10-31',
      vacate_by: '2027-11-30',
    };
    const post = (changes: object) =>
      as(users.billing).post('/api/billing/seasons', {
        warehouse_id: site.warehouseId,
        ...other,
        ...changes,
      });
    const fieldOf = (res: request.Response) =>
      (res.body as { errors: { field: string }[] }).errors.map((e) => e.field);

    expect(fieldOf(await post({ end_date: '2027-01-31' }).expect(422))).toEqual(['end_date']);
    expect(fieldOf(await post({ vacate_by: '2027-10-01' }).expect(422))).toEqual(['vacate_by']);
    expect(fieldOf(await post({ extension_rate: '-1' }).expect(422))).toEqual(['extension_rate']);
    expect(fieldOf(await post({ extension_rate: '99999999999999999' }).expect(422))).toEqual([
      'extension_rate',
    ]);
    expect(fieldOf(await post({ extension_basis: 'PER_TRUCK' }).expect(422))).toEqual([
      'extension_basis',
    ]);
    expect(fieldOf(await post({ currency: 'XYZ' }).expect(422))).toEqual(['currency']);
    await post({ start_date: '2026-10-31', end_date: '2027-01-31' }).expect(409);

    const card = await postRateCard(t.server, users.billing, {
      basis: 'PER_BAG_FOREVER',
      storage_rate: '140',
      currency: 'INR',
      effective_from: '2026-01-01',
    }).expect(422);
    expect(fieldOf(card)).toEqual(['basis']);
    await postRateCard(t.server, users.billing, {
      basis: 'PER_UNIT_PER_SEASON',
      storage_rate: '-140',
      currency: 'INR',
      effective_from: '2026-01-01',
    }).expect(422);

    const { client } = await makeClient(t.dataSource);
    const booking = (changes: object) =>
      as(users.billing).post('/api/billing/bookings', {
        season_id: season.id,
        client_id: client.id,
        bags: 10,
        fee_amount: '100.00',
        ...changes,
      });
    expect(fieldOf(await booking({ fee_amount: '100.005' }).expect(422))).toEqual(['fee_amount']);
    expect(fieldOf(await booking({ bags: 0 }).expect(422))).toEqual(['bags']);
    expect(fieldOf(await booking({ fee_amount: '1e9' }).expect(422))).toEqual(['fee_amount']);
    await booking({ season_id: '00000000-0000-4000-8000-000000000000' }).expect(404);

    const pay = (changes: object) =>
      as(users.approver).post('/api/billing/season-payments', {
        season_id: season.id,
        client_id: client.id,
        amount: '10.00',
        paid_at: '2026-11-02T10:00:00Z',
        reference: 'cash',
        bags_released: [],
        ...changes,
      });
    expect(fieldOf(await pay({ amount: '0' }).expect(422))).toEqual(['amount']);
    expect(fieldOf(await pay({ paid_at: '2999-01-01T00:00:00Z' }).expect(422))).toEqual([
      'paid_at',
    ]);
    const lotsBefore = await count('lots');
    const badGrade = await as(users.admin)
      .post('/api/inventory/inward', {
        client_id: client.id,
        commodity_id: site.commodityId,
        chamber_id: site.chamberId,
        quantity: 5,
        received_at: '2026-03-02T06:00:00Z',
        grade: 'seed; drop',
      })
      .expect(422);
    expect(fieldOf(badGrade)).toEqual(['grade']);
    expect(await count('lots')).toBe(lotsBefore);
    const lot = await receive(client.id, 5, '2026-03-02T06:00:00Z');
    expect(
      fieldOf(await pay({ bags_released: [{ lot_id: lot.id, bags: 6 }] }).expect(422)),
    ).toEqual(['bags_released[0].bags']);

    expect({
      seasons: await count('seasons'),
      cards: await count('rate_cards'),
      bookings: await count('season_bookings'),
      payments: await count('season_payments'),
    }).toEqual(before);
  });
});
