import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { fromScaled, mulDivHalfUp, toScaled } from 'src/common/decimal';
import { addDays, dayNumber, inclusiveDays } from 'src/common/calendar';
import {
  DAYS_PER_BILLING_MONTH,
  InvoiceLineKind,
  isKgBasis,
  isMonthlyBasis,
  isSeasonalBasis,
  type RateBasis,
} from 'src/billing/billing.enums';
import { formatMinor, minorDigits, toSafeNumber } from 'src/billing/money';
import {
  AGRICULTURAL_EXEMPTION_NOTE,
  type TaxCategory,
} from 'src/inventory/catalogue/commodity-tax';
import { lineTax } from './line-tax';
import { seasonalCharges, type HeldByDay, type SeasonalInput } from './seasonal-charges';

/**
 * The billing rules as one pure function: a client's lots and their daily movements in, the
 * invoice's lines and totals out. No clock, no database; every figure is an integer.
 */

const QTY_SCALE = 3; // units and kg are both carried with 3 decimals
const RATE_SCALE = 4;
const QTY_ONE = 10n ** BigInt(QTY_SCALE);

export interface CardTerms {
  id: string;
  clientId: string | null;
  warehouseId: string | null;
  commodityId: string | null;
  /** Only lots of this grade (PLAIN, SEED, …); more specific than the commodity. */
  grade?: string | null;
  basis: RateBasis;
  storageRate: string;
  inwardHandlingRate: string;
  outwardHandlingRate: string;
  graceDays: number;
  minBillableDays: number;
  currency: string;
  taxRatePercent: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** What happened to a lot on one local day inside the period. */
export interface LotDay {
  day: string;
  /** Units and kg that came in (inward, positive adjustments) and went out. */
  qtyIn: number;
  qtyOut: number;
  kgIn: string;
  kgOut: string;
  /** INWARD and OUTWARD units only: the handled quantities. */
  inwardUnits: number;
  outwardUnits: number;
}

export interface LotHistory {
  lotId: string;
  lotNumber: string;
  warehouseId: string;
  commodityId: string;
  grade?: string | null;
  /** The commodity's unit: BAG, CRATE, … */
  unit: string;
  /** Local date of receipt. */
  receivedOn: string;
  /** On hand when the period starts. */
  openingQty: number;
  openingKg: string;
  /** Everything received by INWARD up to the period's end: what a minimum stay is charged on. */
  inwardQty: number;
  inwardKg: string;
  /** Days of the period with movements, any order. */
  days: LotDay[];
  /** Storage and minimum-stay amounts of this lot on earlier approved invoices. */
  priorStorageMinor: number;
  /** The commodity's GST treatment (default TAXABLE), and its own rate (null or absent: the card's). */
  taxCategory?: TaxCategory;
  taxRatePercent?: string | null;
}

export interface ChargeLine {
  kind: InvoiceLineKind;
  description: string;
  lotId: string;
  lotNumber: string;
  warehouseId: string;
  commodityId: string;
  rateCardId: string;
  basis: RateBasis | null;
  quantity: string;
  unit: string;
  days: number | null;
  fromDate: string | null;
  toDate: string | null;
  rate: string;
  rateUnit: string;
  taxRatePercent: string;
  /** Exempt from GST (its rate is 0): the invoice carries the exemption note. */
  taxExempt: boolean;
  amountMinor: number;
  /** The season a SEASON_RENT, SEASON_EXTENSION or BOOKING_CREDIT line belongs to. */
  seasonId?: string | null;
}

export interface TaxRow {
  ratePercent: string;
  /** The 0% row of exempt lines, kept apart from lines taxed at a rate of 0. */
  exempt: boolean;
  baseMinor: number;
  taxMinor: number;
}

export interface InvoiceFigures {
  currency: string;
  lines: ChargeLine[];
  subtotalMinor: number;
  taxes: TaxRow[];
  taxMinor: number;
  totalMinor: number;
  /** Notes the invoice must carry, e.g. the GST exemption of agricultural produce. */
  taxNotes: string[];
}

export interface ChargeInput extends SeasonalInput {
  periodStart: string;
  periodEnd: string;
  lots: LotHistory[];
  cards: CardTerms[];
}

/**
 * Client beats grade beats commodity beats warehouse: each key shape has its own rank, so ties
 * cannot happen.
 */
export const specificity = (
  card: Pick<CardTerms, 'clientId' | 'warehouseId' | 'commodityId' | 'grade'>,
) =>
  (card.clientId ? 8 : 0) +
  (card.grade ? 4 : 0) +
  (card.commodityId ? 2 : 0) +
  (card.warehouseId ? 1 : 0);

const inEffect = (card: CardTerms, day: string): boolean =>
  card.effectiveFrom <= day && (card.effectiveTo === null || day <= card.effectiveTo);

/** Resolves the card in effect for a lot's warehouse and commodity on a day. */
class CardBook {
  private readonly byKey = new Map<string, CardTerms[]>();

  constructor(private readonly cards: CardTerms[]) {}

  private candidates(warehouseId: string, commodityId: string, grade: string | null): CardTerms[] {
    const key = `${warehouseId}/${commodityId}/${grade ?? ''}`;
    let list = this.byKey.get(key);
    if (!list) {
      list = this.cards
        .filter(
          (c) =>
            (c.warehouseId === null || c.warehouseId === warehouseId) &&
            (c.commodityId === null || c.commodityId === commodityId) &&
            (!c.grade || c.grade === grade),
        )
        .sort((a, b) => specificity(b) - specificity(a));
      this.byKey.set(key, list);
    }
    return list;
  }

  find(lot: LotHistory, day: string): CardTerms | undefined {
    return this.candidates(lot.warehouseId, lot.commodityId, lot.grade ?? null).find((c) =>
      inEffect(c, day),
    );
  }

  get(lot: LotHistory, day: string): CardTerms {
    const card = this.find(lot, day);
    if (!card) {
      throw new BusinessRuleError(
        `No rate card is in effect for lot ${lot.lotNumber} on ${day}: add or extend a rate card for its warehouse and commodity, then generate the invoice again.`,
      );
    }
    return card;
  }
}

const rateUnit = (basis: RateBasis, unit: string): string => {
  const what = isKgBasis(basis) ? 'KG' : unit;
  return isMonthlyBasis(basis)
    ? `per ${what} per ${DAYS_PER_BILLING_MONTH} days`
    : `per ${what}-day`;
};

/** quantity (3 places) × days × rate (4 places) [÷ 30], in minor units, rounded half-up. */
function storageMinor(
  quantity: bigint,
  days: number,
  card: Pick<CardTerms, 'basis' | 'storageRate'>,
  digits: number,
) {
  const divisor =
    10n ** BigInt(QTY_SCALE + RATE_SCALE) *
    (isMonthlyBasis(card.basis) ? BigInt(DAYS_PER_BILLING_MONTH) : 1n);
  return mulDivHalfUp(
    quantity * BigInt(days) * toScaled(card.storageRate, RATE_SCALE),
    10n ** BigInt(digits),
    divisor,
  );
}

interface Segment {
  card: CardTerms;
  quantity: bigint;
  from: string;
  to: string;
}

interface Handling {
  card: CardTerms;
  units: number;
  from: string;
  to: string;
}

/** Charges of one lot, in line order: storage runs, minimum stay, handling in, handling out. */
function chargeLot(lot: LotHistory, input: ChargeInput, book: CardBook, used: Set<string>) {
  const byDay = new Map(lot.days.map((d) => [d.day, d]));
  const terms =
    book.find(lot, lot.receivedOn) ??
    // Received before any card existed: the first card of its days in the period sets its terms.
    lot.days
      .map((d) => book.find(lot, d.day))
      .concat(book.find(lot, input.periodStart))
      .find(Boolean);
  const graceDays = terms?.graceDays ?? 0;
  const receivedDay = dayNumber(lot.receivedOn);

  const segments: Segment[] = [];
  const inward: Handling[] = [];
  const outward: Handling[] = [];
  let qty = BigInt(lot.openingQty) * QTY_ONE;
  let kg = toScaled(lot.openingKg, QTY_SCALE);
  let depletedOn: string | null = null;
  /** Units and kg in storage for some part of each day of the period (seasonal charges). */
  const held: HeldByDay = new Map();

  const addHandling = (list: Handling[], card: CardTerms, units: number, day: string) => {
    const last = list.at(-1);
    if (last && last.card.id === card.id) {
      last.units += units;
      last.to = day;
    } else list.push({ card, units, from: day, to: day });
  };

  const lastDay = dayNumber(input.periodEnd);
  for (let n = dayNumber(input.periodStart); n <= lastDay; n += 1) {
    const day = addDays(input.periodStart, n - dayNumber(input.periodStart));
    const moves = byDay.get(day);
    // A unit in storage for any part of the day counts: what was there plus what came in.
    const chargedQty = qty + BigInt(moves?.qtyIn ?? 0) * QTY_ONE;
    const chargedKg = kg + toScaled(moves?.kgIn ?? '0', QTY_SCALE);
    qty = chargedQty - BigInt(moves?.qtyOut ?? 0) * QTY_ONE;
    kg = chargedKg - toScaled(moves?.kgOut ?? '0', QTY_SCALE);

    if (moves?.inwardUnits) {
      const card = book.get(lot, day);
      used.add(card.currency);
      addHandling(inward, card, moves.inwardUnits, day);
    }
    if (moves?.outwardUnits) {
      const card = book.get(lot, day);
      used.add(card.currency);
      addHandling(outward, card, moves.outwardUnits, day);
    }

    if (chargedQty <= 0n && chargedKg <= 0n) continue;
    held.set(day, { qty: chargedQty, kg: chargedKg });
    depletedOn = qty <= 0n && kg <= 0n ? day : null;
    if (n - receivedDay < graceDays) {
      if (terms) used.add(terms.currency);
      continue;
    }
    const card = book.get(lot, day);
    used.add(card.currency);
    // A seasonal card's days are paid by the season rent and its extension, not by the day.
    if (isSeasonalBasis(card.basis)) continue;
    const quantity = isKgBasis(card.basis) ? chargedKg : chargedQty;
    if (quantity <= 0n) continue;
    const last = segments.at(-1);
    if (
      last &&
      last.card.id === card.id &&
      last.quantity === quantity &&
      dayNumber(last.to) === n - 1
    ) {
      last.to = day;
    } else segments.push({ card, quantity, from: day, to: day });
  }

  return { terms, segments, inward, outward, depletedOn, held };
}

/** Computes an invoice's lines and totals. Throws a 422 when a day has no card to price it. */
export function computeInvoice(input: ChargeInput): InvoiceFigures {
  const book = new CardBook(input.cards);
  const currencies = new Set<string>();
  const perLot = [...input.lots]
    .sort((a, b) => a.lotNumber.localeCompare(b.lotNumber))
    .map((lot) => ({ lot, ...chargeLot(lot, input, book, currencies) }));
  const seasonal = seasonalCharges(
    input,
    perLot.map(({ lot, held }) => ({ lot, held })),
    (lot, day) => book.find(lot, day),
    currencies,
  );

  if (currencies.size === 0) {
    throw new BusinessRuleError(
      `Nothing to bill: the client had no stock and no movements from ${input.periodStart} to ${input.periodEnd}.`,
    );
  }
  if (currencies.size > 1) {
    throw new BusinessRuleError(
      `The rate cards that apply to this client's stock in the period use more than one currency (${[...currencies].sort().join(', ')}): one invoice has one currency.`,
    );
  }
  const [currency] = currencies;
  const digits = minorDigits(currency);
  const money = (minor: bigint) => formatMinor(toSafeNumber(minor), currency);

  const lines: ChargeLine[] = [];
  for (const { lot, terms, segments, inward, outward, depletedOn } of perLot) {
    const base = {
      lotId: lot.lotId,
      lotNumber: lot.lotNumber,
      warehouseId: lot.warehouseId,
      commodityId: lot.commodityId,
    };
    let storageCharged = 0n;
    for (const s of segments) {
      if (toScaled(s.card.storageRate, RATE_SCALE) === 0n) continue;
      const days = inclusiveDays(s.from, s.to);
      const amount = storageMinor(s.quantity, days, s.card, digits);
      storageCharged += amount;
      const unit = isKgBasis(s.card.basis) ? 'KG' : lot.unit;
      const quantity = fromScaled(s.quantity, QTY_SCALE);
      lines.push({
        ...base,
        kind: InvoiceLineKind.Storage,
        description: `Storage, ${quantity} ${unit} × ${days} day${days === 1 ? '' : 's'} (${s.from} – ${s.to})`,
        rateCardId: s.card.id,
        basis: s.card.basis,
        quantity,
        unit,
        days,
        fromDate: s.from,
        toDate: s.to,
        rate: s.card.storageRate,
        rateUnit: rateUnit(s.card.basis, lot.unit),
        ...lineTax(lot, s.card),
        amountMinor: toSafeNumber(amount),
      });
    }

    // Left before the minimum stay: charged up to it, less what this and earlier invoices charged.
    if (terms && depletedOn && terms.minBillableDays > 0 && !isSeasonalBasis(terms.basis)) {
      const stayed = inclusiveDays(lot.receivedOn, depletedOn);
      const billableDays = terms.minBillableDays - terms.graceDays;
      if (stayed < terms.minBillableDays && billableDays > 0) {
        const quantity = isKgBasis(terms.basis)
          ? toScaled(lot.inwardKg, QTY_SCALE)
          : BigInt(lot.inwardQty) * QTY_ONE;
        const minimum = storageMinor(quantity, billableDays, terms, digits);
        const charged = storageCharged + BigInt(lot.priorStorageMinor);
        if (minimum > charged) {
          const unit = isKgBasis(terms.basis) ? 'KG' : lot.unit;
          const shown = fromScaled(quantity, QTY_SCALE);
          lines.push({
            ...base,
            kind: InvoiceLineKind.MinimumStay,
            description: `Minimum stay of ${terms.minBillableDays} days (stayed ${stayed}${terms.graceDays ? `, ${terms.graceDays} free` : ''}): ${shown} ${unit} × ${billableDays} days = ${money(minimum)}, less ${money(charged)} already charged`,
            rateCardId: terms.id,
            basis: terms.basis,
            quantity: shown,
            unit,
            days: billableDays,
            fromDate: lot.receivedOn,
            toDate: depletedOn,
            rate: terms.storageRate,
            rateUnit: rateUnit(terms.basis, lot.unit),
            ...lineTax(lot, terms),
            amountMinor: toSafeNumber(minimum - charged),
          });
        }
      }
    }

    const handlingLines = (
      list: Handling[],
      kind: InvoiceLineKind,
      label: string,
      rateOf: (card: CardTerms) => string,
    ) => {
      for (const h of list) {
        const rate = rateOf(h.card);
        if (toScaled(rate, RATE_SCALE) === 0n) continue;
        const amount = mulDivHalfUp(
          BigInt(h.units) * toScaled(rate, RATE_SCALE),
          10n ** BigInt(digits),
          10n ** BigInt(RATE_SCALE),
        );
        lines.push({
          ...base,
          kind,
          description: `${label}, ${h.units} ${lot.unit}${h.from === h.to ? ` on ${h.from}` : ` (${h.from} – ${h.to})`}`,
          rateCardId: h.card.id,
          basis: null,
          quantity: String(h.units),
          unit: lot.unit,
          days: null,
          fromDate: h.from,
          toDate: h.to,
          rate,
          rateUnit: `per ${lot.unit}`,
          ...lineTax(lot, h.card),
          amountMinor: toSafeNumber(amount),
        });
      }
    };
    handlingLines(
      inward,
      InvoiceLineKind.InwardHandling,
      'Inward handling',
      (c) => c.inwardHandlingRate,
    );
    handlingLines(
      outward,
      InvoiceLineKind.OutwardHandling,
      'Outward handling',
      (c) => c.outwardHandlingRate,
    );
  }

  lines.push(...seasonal);
  return { currency, lines, ...totals(lines) };
}

/** Subtotal, tax per rate on the subtotal of its lines (rounded half-up), total, and the notes. */
export function totals(
  lines: (Pick<ChargeLine, 'amountMinor' | 'taxRatePercent'> &
    Partial<Pick<ChargeLine, 'taxExempt'>>)[],
) {
  const bases = new Map<string, { ratePercent: string; exempt: boolean; base: bigint }>();
  for (const line of lines) {
    const ratePercent = fromScaled(toScaled(line.taxRatePercent, RATE_SCALE), RATE_SCALE);
    const exempt = line.taxExempt === true;
    const key = `${exempt ? 'exempt' : 'rate'}:${ratePercent}`;
    const row = bases.get(key) ?? { ratePercent, exempt, base: 0n };
    row.base += BigInt(line.amountMinor);
    bases.set(key, row);
  }
  const taxes: TaxRow[] = [...bases.values()]
    .sort(
      (a, b) =>
        Number(toScaled(a.ratePercent, RATE_SCALE) - toScaled(b.ratePercent, RATE_SCALE)) ||
        Number(b.exempt) - Number(a.exempt),
    )
    .map(({ ratePercent, exempt, base }) => ({
      ratePercent,
      exempt,
      baseMinor: toSafeNumber(base),
      taxMinor: toSafeNumber(
        mulDivHalfUp(base, toScaled(ratePercent, RATE_SCALE), 100n * 10n ** BigInt(RATE_SCALE)),
      ),
    }));
  const subtotal = lines.reduce((sum, line) => sum + BigInt(line.amountMinor), 0n);
  const tax = taxes.reduce((sum, row) => sum + BigInt(row.taxMinor), 0n);
  return {
    subtotalMinor: toSafeNumber(subtotal),
    taxes,
    taxMinor: toSafeNumber(tax),
    totalMinor: toSafeNumber(subtotal + tax),
    taxNotes: taxes.some((row) => row.exempt) ? [AGRICULTURAL_EXEMPTION_NOTE] : [],
  };
}
