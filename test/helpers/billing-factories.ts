import request from 'supertest';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import type { InvoiceLineKind } from 'src/billing/billing.enums';
import type { InvoiceLineOutDto, InvoiceOutDto } from 'src/billing/invoices/dto/invoice.dto';
import type { CreateRateCardDto, RateCardOutDto } from 'src/billing/rate-cards/dto/rate-card.dto';
import type { CommodityUnit } from 'src/inventory/catalogue/commodity-unit.enum';
import type { DispatchOutDto, LotStateDto } from 'src/inventory/ledger/dto/movement-responses.dto';
import { RoleName } from 'src/rbac/role-name.enum';
import type { WarehouseOutDto } from 'src/warehouses/dto/warehouse.dto';
import { login, makeUser } from './factories';
import { makeChamber, makeCommodity } from './inventory-factories';
import { makeClient } from './stock-factories';

/**
 * Billing scenarios built the way users build them: warehouses, rate cards, receipts,
 * dispatches and invoices through HTTP; only the catalogue rows (chamber, commodity) and the
 * users are written directly.
 */

export type RateCardBody = RateCardOutDto;
export type InvoiceBody = InvoiceOutDto;
export type InvoiceLineBody = InvoiceLineOutDto;
export type LotBody = LotStateDto;

let sequence = 0;
const next = (): number => (sequence += 1);

const bearer = (token: string): string => `Bearer ${token}`;

/** Tokens of the people billing involves; `billing` generates, `approver` approves. */
export interface BillingUsers {
  /** ADMIN: warehouses and stock movements. */
  admin: string;
  /** BILLING_MANAGER who keeps rate cards and generates drafts. */
  billing: string;
  /** A second BILLING_MANAGER, for four-eyes approval. */
  approver: string;
  billingUserId: string;
  approverUserId: string;
}

/** An admin and two billing managers, signed in. Roles must be seeded. */
export async function makeBillingUsers(
  dataSource: DataSource,
  server: Server,
): Promise<BillingUsers> {
  const admin = await makeUser(dataSource, { role: RoleName.Admin });
  const billing = await makeUser(dataSource, { role: RoleName.BillingManager });
  const approver = await makeUser(dataSource, { role: RoleName.BillingManager });
  return {
    admin: await login(server, admin.email),
    billing: await login(server, billing.email),
    approver: await login(server, approver.email),
    billingUserId: billing.user.id,
    approverUserId: approver.user.id,
  };
}

/** An OPERATOR of the warehouse, signed in. */
export async function makeOperatorToken(
  dataSource: DataSource,
  server: Server,
  warehouseId: string,
): Promise<string> {
  const made = await makeUser(dataSource, { role: RoleName.Operator, warehouseId });
  return login(server, made.email);
}

/** Where goods are stored: a warehouse in a time zone, one chamber, one commodity. */
export interface BillingSite {
  warehouseId: string;
  code: string;
  timezone: string;
  chamberId: string;
  commodityId: string;
  unit: CommodityUnit;
}

/**
 * A warehouse created through `POST /api/admin/warehouses` (with `timezone` when given, else the
 * server's DEFAULT_TIMEZONE), a chamber in it and a commodity that suits the chamber.
 */
export async function makeBillingSite(
  dataSource: DataSource,
  server: Server,
  adminToken: string,
  options: { timezone?: string; code?: string; unit?: CommodityUnit } = {},
): Promise<BillingSite> {
  const n = next();
  const res = await request(server)
    .post('/api/admin/warehouses')
    .set('Authorization', bearer(adminToken))
    .send({
      name: `Billing Store ${n}`,
      address: `${n} Reefer Lane`,
      code: options.code ?? `BILL-${n}`,
      ...(options.timezone ? { timezone: options.timezone } : {}),
    })
    .expect(201);
  const warehouse = res.body as WarehouseOutDto;
  const chamber = await makeChamber(dataSource, warehouse.id);
  const commodity = await makeCommodity(dataSource, options.unit ? { unit: options.unit } : {});
  return {
    warehouseId: warehouse.id,
    code: warehouse.code,
    timezone: warehouse.timezone,
    chamberId: chamber.id,
    commodityId: commodity.id,
    unit: commodity.unit,
  };
}

/** A commodity of its own in an existing site (for cards keyed by commodity). */
export async function makeSiteCommodity(
  dataSource: DataSource,
  site: BillingSite,
): Promise<BillingSite> {
  const commodity = await makeCommodity(dataSource);
  return { ...site, commodityId: commodity.id, unit: commodity.unit };
}

/** A client to bill (a CLIENT user with its profile); returns the client id. */
export async function makeBillingClient(dataSource: DataSource): Promise<string> {
  return (await makeClient(dataSource)).client.id;
}

export type RateCardInput = Omit<CreateRateCardDto, 'basis'> & { basis: string };

/** `POST /api/billing/rate-cards`, unchecked: for the refusals. */
export function postRateCard(server: Server, token: string, body: object): request.Test {
  return request(server)
    .post('/api/billing/rate-cards')
    .set('Authorization', bearer(token))
    .send(body);
}

/** A rate card, created (201). Defaults: INR, no tax, no handling, no grace, open-ended. */
export async function createRateCard(
  server: Server,
  token: string,
  card: Partial<RateCardInput> & Pick<RateCardInput, 'basis' | 'storage_rate' | 'effective_from'>,
): Promise<RateCardBody> {
  const res = await postRateCard(server, token, { currency: 'INR', ...card }).expect(201);
  return res.body as RateCardBody;
}

/** `PATCH /api/billing/rate-cards/{id}`, unchecked. */
export function patchRateCard(
  server: Server,
  token: string,
  id: string,
  changes: object,
): request.Test {
  return request(server)
    .patch(`/api/billing/rate-cards/${id}`)
    .set('Authorization', bearer(token))
    .send(changes);
}

/** Ends a card on its last day (inclusive) and starts its successor of the same key the day after. */
export async function replaceRateCard(
  server: Server,
  token: string,
  current: RateCardBody,
  lastDay: string,
  successor: Partial<RateCardInput> & Pick<RateCardInput, 'storage_rate' | 'effective_from'>,
): Promise<RateCardBody> {
  await patchRateCard(server, token, current.id, { effective_to: lastDay }).expect(200);
  return createRateCard(server, token, {
    client_id: current.client_id,
    warehouse_id: current.warehouse_id,
    commodity_id: current.commodity_id,
    basis: current.basis,
    currency: current.currency,
    tax_rate_percent: current.tax_rate_percent,
    ...successor,
  });
}

/** `POST /api/inventory/inward`: a lot of the client received at an instant (ISO, UTC). */
export async function receiveLot(
  server: Server,
  token: string,
  site: BillingSite,
  clientId: string,
  receipt: { quantity: number; receivedAt: string; weightKg?: string },
): Promise<LotBody> {
  const res = await request(server)
    .post('/api/inventory/inward')
    .set('Authorization', bearer(token))
    .send({
      client_id: clientId,
      commodity_id: site.commodityId,
      chamber_id: site.chamberId,
      quantity: receipt.quantity,
      received_at: receipt.receivedAt,
      ...(receipt.weightKg !== undefined ? { weight_kg: receipt.weightKg } : {}),
    })
    .expect(201);
  return res.body as LotBody;
}

/** `POST /api/inventory/dispatches`, unchecked: one gate pass of the client's lines. */
export function postDispatch(
  server: Server,
  token: string,
  clientId: string,
  dispatchedAt: string,
  lines: { lot_id: string; quantity: number; weight_kg?: string }[],
): request.Test {
  return request(server)
    .post('/api/inventory/dispatches')
    .set('Authorization', bearer(token))
    .send({ client_id: clientId, dispatched_at: dispatchedAt, lines });
}

/** Dispatches units of one lot (weight proportional unless given); 201 expected. */
export async function dispatchFromLot(
  server: Server,
  token: string,
  lot: Pick<LotBody, 'id' | 'client_id'>,
  dispatch: { quantity: number; dispatchedAt: string; weightKg?: string },
): Promise<DispatchOutDto> {
  const line = {
    lot_id: lot.id,
    quantity: dispatch.quantity,
    ...(dispatch.weightKg !== undefined ? { weight_kg: dispatch.weightKg } : {}),
  };
  const res = await postDispatch(server, token, lot.client_id, dispatch.dispatchedAt, [
    line,
  ]).expect(201);
  return res.body as DispatchOutDto;
}

/** `POST /api/inventory/adjustments` (201): units added (positive) or removed (negative). */
export async function adjustLot(
  server: Server,
  token: string,
  lotId: string,
  adjustment: {
    quantityDelta: number;
    occurredAt: string;
    reason?: string;
    weightDeltaKg?: string;
  },
): Promise<LotBody> {
  const res = await request(server)
    .post('/api/inventory/adjustments')
    .set('Authorization', bearer(token))
    .send({
      lot_id: lotId,
      quantity_delta: adjustment.quantityDelta,
      reason_code: adjustment.reason ?? 'COUNT_CORRECTION',
      note: 'Counted again at the billing check',
      occurred_at: adjustment.occurredAt,
      ...(adjustment.weightDeltaKg !== undefined
        ? { weight_delta_kg: adjustment.weightDeltaKg }
        : {}),
    })
    .expect(201);
  return res.body as LotBody;
}

/** `POST /api/inventory/transfers` (201): the whole lot into another chamber of its warehouse. */
export async function transferLotTo(
  server: Server,
  token: string,
  lotId: string,
  toChamberId: string,
  occurredAt: string,
): Promise<LotBody> {
  const res = await request(server)
    .post('/api/inventory/transfers')
    .set('Authorization', bearer(token))
    .send({ lot_id: lotId, to_chamber_id: toChamberId, occurred_at: occurredAt })
    .expect(201);
  return res.body as LotBody;
}

/** `POST /api/billing/invoices`, unchecked: for the refusals. */
export function requestInvoice(
  server: Server,
  token: string,
  clientId: string,
  periodStart: string,
  periodEnd: string,
): request.Test {
  return request(server)
    .post('/api/billing/invoices')
    .set('Authorization', bearer(token))
    .send({ client_id: clientId, period_start: periodStart, period_end: periodEnd });
}

/** A DRAFT invoice of the client for an inclusive period (201). */
export async function generateInvoice(
  server: Server,
  token: string,
  clientId: string,
  periodStart: string,
  periodEnd: string,
): Promise<InvoiceBody> {
  const res = await requestInvoice(server, token, clientId, periodStart, periodEnd).expect(201);
  return res.body as InvoiceBody;
}

/** `POST /api/billing/invoices/{id}/approve`, unchecked. */
export function requestApproval(server: Server, token: string, invoiceId: string): request.Test {
  return request(server)
    .post(`/api/billing/invoices/${invoiceId}/approve`)
    .set('Authorization', bearer(token));
}

/** Approves a draft as another user (200). */
export async function approveInvoice(
  server: Server,
  token: string,
  invoiceId: string,
): Promise<InvoiceBody> {
  const res = await requestApproval(server, token, invoiceId).expect(200);
  return res.body as InvoiceBody;
}

/** The lines of one kind, in invoice order. */
export const linesOfKind = (invoice: InvoiceBody, kind: InvoiceLineKind): InvoiceLineBody[] =>
  invoice.lines.filter((line) => line.kind === kind);

/** The figures of a line, for comparing a whole invoice at once. */
export const lineFigures = (line: InvoiceLineBody) => ({
  kind: line.kind,
  lot_number: line.lot_number,
  quantity: line.quantity,
  unit: line.unit,
  days: line.days,
  from_date: line.from_date,
  to_date: line.to_date,
  rate: line.rate,
  amount_minor: line.amount_minor,
  amount: line.amount,
});
