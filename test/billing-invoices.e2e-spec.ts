import request from 'supertest';
import { RoleName } from 'src/rbac/role-name.enum';
import { login, makeUser, makeWarehouse, seedRoles } from './helpers/factories';
import { makeChamber, makeCommodity } from './helpers/inventory-factories';
import { binaryBody, pdfText } from './helpers/pdf-text';
import { makeClient, makeLot } from './helpers/stock-factories';
import { createTestApp, type TestApp } from './helpers/test-app';
import { runCli } from './helpers/cli';

interface InvoiceBody {
  id: string;
  number: string | null;
  status: string;
  client_id: string;
  total_minor: number;
  total: string;
  subtotal_minor: number;
  tax_minor: number;
  generated_by_id: string | null;
  approved_by_id: string | null;
  issued_on: string | null;
  lines: {
    kind: string;
    lot_number: string;
    quantity: string;
    days: number | null;
    amount_minor: number;
  }[];
}

describe('invoices: generate, four-eyes approval, client access, PDF, closed history', () => {
  let t: TestApp;
  let admin: string;
  let billerA: string;
  let billerAId: string;
  let billerB: string;
  let operator: string;
  let clientToken: string;
  let otherClientToken: string;
  let clientId: string;
  let otherClientId: string;
  let konkanId: string;
  let clientEmail: string;
  let warehouseId: string;
  let chamberId: string;
  let commodityId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedRoles(t.dataSource);
    const wh = await makeWarehouse(t.dataSource, { code: 'PUNE', timezone: 'Asia/Kolkata' });
    warehouseId = wh.id;
    chamberId = (await makeChamber(t.dataSource, wh.id)).id;
    commodityId = (await makeCommodity(t.dataSource, {})).id;
    const a = await makeUser(t.dataSource, { role: RoleName.BillingManager });
    billerAId = a.user.id;
    billerA = await login(t.server, a.email);
    billerB = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.BillingManager })).email,
    );
    admin = await login(t.server, (await makeUser(t.dataSource)).email);
    operator = await login(
      t.server,
      (await makeUser(t.dataSource, { role: RoleName.Operator, warehouseId: wh.id })).email,
    );
    const client = await makeClient(t.dataSource, 'Sahyadri Farms');
    const other = await makeClient(t.dataSource, 'Deccan Foods');
    clientId = client.client.id;
    clientEmail = client.email;
    otherClientId = other.client.id;
    konkanId = (await makeClient(t.dataSource, 'Konkan Cold')).client.id;
    clientToken = await login(t.server, client.email);
    otherClientToken = await login(t.server, other.email);

    await as(billerA)
      .post('/api/billing/rate-cards')
      .send({
        basis: 'PER_UNIT_PER_DAY',
        storage_rate: '0.5',
        currency: 'INR',
        tax_rate_percent: '18',
        effective_from: '2026-01-01',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    get: (url: string) => request(t.server).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string) => request(t.server).post(url).set('Authorization', `Bearer ${token}`),
    delete: (url: string) => request(t.server).delete(url).set('Authorization', `Bearer ${token}`),
    patch: (url: string) => request(t.server).patch(url).set('Authorization', `Bearer ${token}`),
  });

  const inward = async (quantity: number, receivedAt: string, client = clientId) =>
    (
      await as(operator)
        .post('/api/inventory/inward')
        .send({
          client_id: client,
          commodity_id: commodityId,
          chamber_id: chamberId,
          quantity,
          received_at: receivedAt,
        })
        .expect(201)
    ).body as { id: string; lot_number: string };

  const dispatch = (lotId: string, quantity: number, at: string, client = clientId) =>
    as(operator)
      .post('/api/inventory/dispatches')
      .send({ client_id: client, lines: [{ lot_id: lotId, quantity }], dispatched_at: at });

  const draft = async (period: [string, string], client = clientId, token = billerA) =>
    (
      await as(token)
        .post('/api/billing/invoices')
        .send({ client_id: client, period_start: period[0], period_end: period[1] })
        .expect(201)
    ).body as InvoiceBody;

  it('bills a month: draft by one manager, approval by another, email, client list and PDF', async () => {
    // 100 bags in on 3 Oct, 40 out on 10 Oct, 60 out on 20 Oct (morning, Pune time).
    const lot = await inward(100, '2026-10-03T04:00:00Z');
    await dispatch(lot.id, 40, '2026-10-10T04:00:00Z').expect(201);
    await dispatch(lot.id, 60, '2026-10-20T04:00:00Z').expect(201);

    const invoice = await draft(['2026-10-01', '2026-10-31']);
    expect(invoice).toMatchObject({
      status: 'DRAFT',
      number: null,
      subtotal_minor: 70_000,
      tax_minor: 12_600,
      total_minor: 82_600,
      total: '826.00',
      generated_by_id: billerAId,
    });
    expect(
      invoice.lines.map((l) => [l.kind, l.lot_number, l.quantity, l.days, l.amount_minor]),
    ).toEqual([
      ['STORAGE', lot.lot_number, '100', 8, 40_000],
      ['STORAGE', lot.lot_number, '60', 10, 30_000],
    ]);

    // Drafts are invisible to the client, and do not exist for anyone else's client.
    await as(clientToken).get(`/api/billing/invoices/${invoice.id}`).expect(404);
    expect((await as(clientToken).get('/api/client/invoices').expect(200)).body).toEqual([]);

    // Four-eyes: the generator cannot approve.
    const refused = await as(billerA)
      .post(`/api/billing/invoices/${invoice.id}/approve`)
      .expect(409);
    expect((refused.body as { detail: string }).detail).toMatch(/four-eyes/i);

    const approved = (
      await as(billerB).post(`/api/billing/invoices/${invoice.id}/approve`).expect(200)
    ).body as InvoiceBody;
    expect(approved.status).toBe('APPROVED');
    expect(approved.number).toMatch(/^INV-\d{4}-000001$/);
    await as(billerB).post(`/api/billing/invoices/${invoice.id}/approve`).expect(409);

    const [mail] = await t.dataSource.query<
      { recipient: string; subject: string; text_body: string }[]
    >(
      `SELECT recipient, subject, text_body FROM outbox_messages WHERE subject_type = 'invoice' AND subject_id = $1`,
      [invoice.id],
    );
    expect(mail.recipient).toBe(clientEmail);
    expect(mail.subject).toContain(approved.number);
    expect(mail.text_body).toContain('826.00 INR');

    const mine = (await as(clientToken).get('/api/client/invoices').expect(200))
      .body as InvoiceBody[];
    expect(mine.map((i) => i.number)).toEqual([approved.number]);
    await as(otherClientToken).get(`/api/billing/invoices/${invoice.id}`).expect(404);
    await as(otherClientToken).get(`/api/billing/invoices/${invoice.id}/pdf`).expect(404);
    expect((await as(otherClientToken).get('/api/client/invoices').expect(200)).body).toEqual([]);

    const pdf = await as(clientToken)
      .get(`/api/billing/invoices/${invoice.id}/pdf`)
      .buffer(true)
      .parse(binaryBody)
      .expect(200)
      .expect('Content-Type', 'application/pdf')
      .expect('Content-Disposition', `attachment; filename="${approved.number}.pdf"`);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain(approved.number);
    expect(text).toContain('826.00');
    expect(text).toContain('Sahyadri Farms');
    expect(text).toContain(lot.lot_number);

    const events = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at`,
      [invoice.id],
    );
    expect(events.map((e) => e.action)).toEqual(['invoice.generated', 'invoice.approved']);
  }, 90_000);

  it('closes the billed period to stock changes until the invoice is voided', async () => {
    const [invoice] = (
      await as(admin).get(`/api/billing/invoices?client_id=${clientId}`).expect(200)
    ).body as InvoiceBody[];
    // 2026-10-31T20:00Z is already 1 November in Pune: outside the billed October.
    await inward(5, '2026-10-31T20:00:00Z');
    const late = await as(operator)
      .post('/api/inventory/inward')
      .send({
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamberId,
        quantity: 7,
        received_at: '2026-10-31T18:00:00Z', // 31 October, 23:30 in Pune
      })
      .expect(409);
    expect((late.body as { detail: string }).detail).toContain(invoice.number);
    // Another client's history is not closed.
    await inward(3, '2026-10-15T04:00:00Z', otherClientId);

    // The period cannot be billed twice; void (approve permission) opens it again.
    await as(billerA)
      .post('/api/billing/invoices')
      .send({ client_id: clientId, period_start: '2026-10-15', period_end: '2026-11-05' })
      .expect(409);
    await as(operator)
      .post(`/api/billing/invoices/${invoice.id}/void`)
      .send({ reason: 'x' })
      .expect(403);
    await as(billerB).post(`/api/billing/invoices/${invoice.id}/void`).send({}).expect(422);
    const voided = (
      await as(billerB)
        .post(`/api/billing/invoices/${invoice.id}/void`)
        .send({ reason: 'Late receipt of 31 October' })
        .expect(200)
    ).body as InvoiceBody;
    expect(voided).toMatchObject({ status: 'VOID', number: invoice.number });
    await inward(7, '2026-10-31T18:00:00Z');

    // Billed again: the late receipt is on the new invoice, which takes the next number.
    const again = await draft(['2026-10-01', '2026-10-31']);
    expect(again.lines.some((l) => l.quantity === '7')).toBe(true);
    const approved = (await as(admin).post(`/api/billing/invoices/${again.id}/approve`).expect(200))
      .body as InvoiceBody;
    expect(approved.number).toMatch(/-000002$/);
    const client = (await as(clientToken).get('/api/client/invoices').expect(200))
      .body as InvoiceBody[];
    expect(client.map((i) => i.status).sort()).toEqual(['APPROVED', 'VOID']);

    // Voiding a later invoice reopens its period only: October stays closed by the earlier one.
    const november = await draft(['2026-11-01', '2026-11-30']);
    await as(admin).post(`/api/billing/invoices/${november.id}/approve`).expect(200);
    const closedNovember = await as(operator)
      .post('/api/inventory/inward')
      .send({
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamberId,
        quantity: 2,
        received_at: '2026-11-10T04:00:00Z',
      })
      .expect(409);
    expect((closedNovember.body as { detail: string }).detail).toContain('up to 2026-11-30');
    await as(billerB)
      .post(`/api/billing/invoices/${november.id}/void`)
      .send({ reason: 'Wrong rate card' })
      .expect(200);
    await inward(2, '2026-11-10T04:00:00Z');
    const closedOctober = await as(operator)
      .post('/api/inventory/inward')
      .send({
        client_id: clientId,
        commodity_id: commodityId,
        chamber_id: chamberId,
        quantity: 2,
        received_at: '2026-10-20T04:00:00Z',
      })
      .expect(409);
    expect((closedOctober.body as { detail: string }).detail).toContain(approved.number);
  });

  it('deletes drafts; only billing staff create, only approvers approve', async () => {
    await inward(2, '2026-08-05T04:00:00Z', konkanId);
    await as(operator)
      .post('/api/billing/invoices')
      .send({ client_id: konkanId, period_start: '2026-08-01', period_end: '2026-08-31' })
      .expect(403);
    await as(clientToken)
      .post('/api/billing/invoices')
      .send({ client_id: konkanId, period_start: '2026-08-01', period_end: '2026-08-31' })
      .expect(403);
    await as(billerA)
      .post('/api/billing/invoices')
      .send({ client_id: konkanId, period_start: '2026-08-31', period_end: '2026-08-01' })
      .expect(422);
    const invoice = await draft(['2026-08-01', '2026-08-31'], konkanId);
    await as(operator).get(`/api/billing/invoices/${invoice.id}`).expect(403);
    await as(billerB).delete(`/api/billing/invoices/${invoice.id}`).expect(204);
    await as(billerB).get(`/api/billing/invoices/${invoice.id}`).expect(404);
    const events = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at`,
      [invoice.id],
    );
    expect(events.map((e) => e.action)).toEqual(['invoice.generated', 'invoice.deleted']);
  });

  it('refuses to approve a draft the ledger has moved under; recompute refreshes it', async () => {
    const lot = await inward(10, '2026-09-02T04:00:00Z', konkanId);
    const first = await draft(['2026-09-01', '2026-09-30'], konkanId);
    await dispatch(lot.id, 4, '2026-09-12T04:00:00Z', konkanId).expect(201);
    const stale = await as(billerB).post(`/api/billing/invoices/${first.id}/approve`).expect(409);
    expect((stale.body as { detail: string }).detail).toMatch(/recompute/);

    // Recomputed by B, B may no longer approve it; A (who did not compute these figures) may.
    const fresh = (
      await as(billerB).post(`/api/billing/invoices/${first.id}/recompute`).expect(200)
    ).body as InvoiceBody;
    expect(fresh.total_minor).not.toBe(first.total_minor);
    await as(billerB).post(`/api/billing/invoices/${first.id}/approve`).expect(409);
    await as(billerA).post(`/api/billing/invoices/${first.id}/approve`).expect(200);

    // An approved invoice is neither recomputed nor deleted, and paid once.
    await as(billerA).post(`/api/billing/invoices/${first.id}/recompute`).expect(409);
    await as(billerA).delete(`/api/billing/invoices/${first.id}`).expect(409);
    await as(billerA)
      .post(`/api/billing/invoices/${first.id}/mark-paid`)
      .send({ paid_at: '2030-01-01T00:00:00Z', reference: 'NEFT 1' })
      .expect(422);
    const paid = (
      await as(billerA)
        .post(`/api/billing/invoices/${first.id}/mark-paid`)
        .send({ paid_at: '2026-11-02T10:00:00Z', reference: 'NEFT UTIB000123' })
        .expect(200)
    ).body as InvoiceBody;
    expect(paid.status).toBe('PAID');
    await as(billerA)
      .post(`/api/billing/invoices/${first.id}/mark-paid`)
      .send({ paid_at: '2026-11-02T10:00:00Z', reference: 'again' })
      .expect(409);
    await as(billerA)
      .post(`/api/billing/invoices/${first.id}/void`)
      .send({ reason: 'x' })
      .expect(409);

    const events = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY created_at`,
      [first.id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'invoice.generated',
      'invoice.recomputed',
      'invoice.approved',
      'invoice.paid',
    ]);

    // Changing the card afterwards changes nothing on the approved invoice.
    const before = (await as(billerA).get(`/api/billing/invoices/${first.id}`).expect(200)).body;
    const [card] = (
      await as(billerA).get('/api/billing/rate-cards?active_on=2026-09-15').expect(200)
    ).body as { id: string }[];
    await as(billerA)
      .patch(`/api/billing/rate-cards/${card.id}`)
      .send({ storage_rate: '0.75' })
      .expect(200);
    expect((await as(billerA).get(`/api/billing/invoices/${first.id}`).expect(200)).body).toEqual(
      before,
    );
    await as(billerA)
      .patch(`/api/billing/rate-cards/${card.id}`)
      .send({ storage_rate: '0.5' })
      .expect(200);
  });

  it('lets the database refuse any change to an approved invoice or its lines', async () => {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE status = 'APPROVED' LIMIT 1`,
    );
    await expect(
      t.dataSource.query('UPDATE invoices SET total_minor = 1 WHERE id = $1', [row.id]),
    ).rejects.toThrow(/frozen/);
    await expect(
      t.dataSource.query('UPDATE invoice_lines SET amount_minor = 1 WHERE invoice_id = $1', [
        row.id,
      ]),
    ).rejects.toThrow(/cannot change/);
    await expect(
      t.dataSource.query('DELETE FROM invoices WHERE id = $1', [row.id]),
    ).rejects.toThrow(/only drafts/);
  });

  it('replays an approval sent again with its Idempotency-Key; keeps billed time zones fixed', async () => {
    await inward(4, '2026-10-05T04:00:00Z', otherClientId);
    const invoice = await draft(['2026-10-01', '2026-10-31'], otherClientId);
    const first = await as(billerB)
      .post(`/api/billing/invoices/${invoice.id}/approve`)
      .set('Idempotency-Key', 'approve-deccan-october')
      .expect(200);
    const again = await as(billerB)
      .post(`/api/billing/invoices/${invoice.id}/approve`)
      .set('Idempotency-Key', 'approve-deccan-october')
      .expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    await as(admin)
      .patch(`/api/admin/warehouses/${warehouseId}`)
      .send({ timezone: 'Mars/Olympus' })
      .expect(422);
    const moved = await as(admin)
      .patch(`/api/admin/warehouses/${warehouseId}`)
      .send({ timezone: 'UTC' })
      .expect(409);
    expect((moved.body as { detail: string }).detail).toMatch(/time zone/);
  });

  it('gives concurrent approvals consecutive numbers, with no gap and no duplicate', async () => {
    const drafts: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      const { client } = await makeClient(t.dataSource);
      await makeLot(t.dataSource, {
        warehouseId,
        clientId: client.id,
        commodityId,
        chamberId,
        quantity: 10 + i,
        weightKg: '0',
        receivedAt: new Date('2026-07-10T04:00:00Z'),
      });
      drafts.push((await draft(['2026-07-01', '2026-07-31'], client.id)).id);
    }
    const [{ n: before }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoices WHERE number IS NOT NULL`,
    );
    const results = await Promise.all(
      drafts.map((id) => as(billerB).post(`/api/billing/invoices/${id}/approve`)),
    );
    expect(results.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = results
      .map((r) => Number((r.body as InvoiceBody).number!.slice(-6)))
      .sort((x, y) => x - y);
    expect(numbers).toEqual(drafts.map((_, i) => before + 1 + i));
  });

  it('billing:run drafts the month for every client with stock, and is safe to rerun', async () => {
    const url = t.database!.url;
    const first = await runCli(['billing:run', '--period', '2026-06'], { DATABASE_URL: url });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // The first client's lots came in after June; the eight July clients had none either.
    const created = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoices WHERE period_start = '2026-06-01'`,
    );
    expect(first.stdout).toContain(`${created[0].n} drafted`);

    const july = await runCli(['billing:run', '--period', '2026-07'], { DATABASE_URL: url });
    expect(july.status).toBe(0);
    // The eight July clients are already invoiced; Konkan's stock came in August.
    expect(july.stdout).toMatch(/0 drafted, 8 skipped, 0 failed\./);

    const august = await runCli(['billing:run', '--period', '2026-08'], { DATABASE_URL: url });
    expect(august.status).toBe(0);
    expect(august.stdout).toMatch(/Drafted {2}Konkan Cold: /);
    const rerun = await runCli(['billing:run', '--period', '2026-08'], { DATABASE_URL: url });
    expect(rerun.stdout).toMatch(/Skipped {2}Konkan Cold: already invoiced/);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM invoices WHERE client_id = $1 AND period_start = '2026-08-01'`,
      [konkanId],
    );
    expect(n).toBe(1);
    const [generated] = await t.dataSource.query<{ generated_by_id: string | null }[]>(
      `SELECT generated_by_id FROM invoices WHERE client_id = $1 AND period_start = '2026-08-01'`,
      [konkanId],
    );
    expect(generated.generated_by_id).toBeNull();

    const bad = await runCli(['billing:run', '--period', '2026-13'], { DATABASE_URL: url });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim().split('\n').at(-1)).toContain('--period must be a month as YYYY-MM');
  }, 240_000);
});
