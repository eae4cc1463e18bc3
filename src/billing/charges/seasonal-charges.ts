import { addDays } from 'src/common/calendar';
import { fromScaled, mulDivHalfUp, toScaled } from 'src/common/decimal';
import {
  InvoiceLineKind,
  isSeasonalBasis,
  RateBasis,
  SeasonExtensionBasis,
} from 'src/billing/billing.enums';
import { formatMinor, minorDigits, toSafeNumber } from 'src/billing/money';
import type { CardTerms, ChargeLine, LotHistory } from './charges';
import { lineTax } from './line-tax';

/**
 * The seasonal rules, part of the pure charge function: rent once per lot and season on a
 * seasonal card, extension rent per calendar month or part of one after the season's end, and
 * booking fees credited against the season rent. No clock, no database; every figure an integer.
 */

const QTY_SCALE = 3; // units and kg are carried with 3 decimals, as in charges.ts
const QUINTAL_SCALE = 2; // quintals to 0.01 (1 kg), half-up
const RATE_SCALE = 4;
const QTY_ONE = 10n ** BigInt(QTY_SCALE);

export interface SeasonTerms {
  id: string;
  warehouseId: string;
  name: string;
  startDate: string;
  endDate: string;
  vacateBy: string;
  extensionRate: string;
  extensionBasis: SeasonExtensionBasis;
  currency: string;
  /** The first day of the warehouse's next season: its extension months stop the day before. */
  nextStart: string | null;
}

/** A season line of an earlier approved or paid invoice of the client. */
export interface PriorSeasonLine {
  kind: InvoiceLineKind;
  seasonId: string;
  lotId: string | null;
  fromDate: string | null;
  amountMinor: number;
}

export interface SeasonalInput {
  /** Seasons of the warehouses of the client's lots. */
  seasons?: SeasonTerms[];
  /** The client's booking fees per season, in the season's minor units. */
  bookingFees?: { seasonId: string; feeMinor: number }[];
  priorSeasonLines?: PriorSeasonLine[];
}

interface Period {
  periodStart: string;
  periodEnd: string;
}

export type HeldByDay = Map<string, { qty: bigint; kg: bigint }>;

/** YYYY-MM-DD plus whole months, the day clamped to the month's last (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, last))}`;
}

/**
 * The extension months of a season: from the day after its end, month k runs from the end + k
 * calendar months to the day before the next; the last stops the day before the next season.
 */
export function extensionMonths(
  season: Pick<SeasonTerms, 'endDate' | 'nextStart'>,
  through: string,
): { from: string; to: string }[] {
  const first = addDays(season.endDate, 1);
  const stop = season.nextStart ? addDays(season.nextStart, -1) : null;
  const months: { from: string; to: string }[] = [];
  for (let k = 0; ; k += 1) {
    const from = addMonths(first, k);
    if (from > through || (stop !== null && from > stop)) return months;
    const end = addDays(addMonths(first, k + 1), -1);
    months.push({ from, to: stop !== null && stop < end ? stop : end });
  }
}

/** Units (3 places) or quintals (2 places) held, and how they are named and scaled. */
function measure(held: { qty: bigint; kg: bigint }, perQuintal: boolean, unit: string) {
  return perQuintal
    ? { quantity: mulDivHalfUp(held.kg, 1n, QTY_ONE), scale: QUINTAL_SCALE, unit: 'QUINTAL' }
    : { quantity: held.qty, scale: QTY_SCALE, unit };
}

/** quantity (at its scale) × rate (4 places), in minor units of `digits`, rounded half-up. */
const amountOf = (quantity: bigint, scale: number, rate: string, digits: number): bigint =>
  mulDivHalfUp(
    quantity * toScaled(rate, RATE_SCALE),
    10n ** BigInt(digits),
    10n ** BigInt(scale + RATE_SCALE),
  );

interface LotHeld {
  lot: LotHistory;
  held: HeldByDay;
}

/** The season lines of the period: rent and extension per lot, then booking credits. */
export function seasonalCharges(
  input: SeasonalInput & Period,
  lots: LotHeld[],
  findCard: (lot: LotHistory, day: string) => CardTerms | undefined,
  used: Set<string>,
): ChargeLine[] {
  const seasons = input.seasons ?? [];
  if (seasons.length === 0) return [];
  const prior = input.priorSeasonLines ?? [];
  const charged = (kind: InvoiceLineKind, seasonId: string, lotId: string, from?: string) =>
    prior.some(
      (p) =>
        p.kind === kind &&
        p.seasonId === seasonId &&
        p.lotId === lotId &&
        (from === undefined || p.fromDate === from),
    );

  const rent: ChargeLine[] = [];
  const extension: ChargeLine[] = [];
  for (const { lot, held } of lots) {
    for (const season of seasons) {
      if (season.warehouseId !== lot.warehouseId || lot.receivedOn > season.endDate) continue;
      // The lot's first day in the season: the season's first day, or its receipt day.
      const firstDay = lot.receivedOn > season.startDate ? lot.receivedOn : season.startDate;
      const card = findCard(lot, firstDay);
      if (!card || !isSeasonalBasis(card.basis)) continue;
      const perQuintal = card.basis === RateBasis.PerQuintalPerSeason;
      const base = {
        lotId: lot.lotId,
        lotNumber: lot.lotNumber,
        warehouseId: lot.warehouseId,
        commodityId: lot.commodityId,
        rateCardId: card.id,
        ...lineTax(lot, card),
        seasonId: season.id,
      };

      const onFirstDay = held.get(firstDay);
      // Nothing to weigh on a per-quintal card (a lot without weight) charges nothing.
      const rentMeasure = onFirstDay && measure(onFirstDay, perQuintal, lot.unit);
      if (
        rentMeasure &&
        rentMeasure.quantity > 0n &&
        input.periodStart <= firstDay &&
        firstDay <= input.periodEnd &&
        !charged(InvoiceLineKind.SeasonRent, season.id, lot.lotId)
      ) {
        used.add(card.currency);
        const m = rentMeasure;
        const shown = fromScaled(m.quantity, m.scale);
        const amount = amountOf(m.quantity, m.scale, card.storageRate, minorDigits(card.currency));
        rent.push({
          ...base,
          kind: InvoiceLineKind.SeasonRent,
          description: `Season rent, ${season.name} (${season.startDate} – ${season.endDate}): ${shown} ${m.unit} × ${card.storageRate} per ${m.unit} for the season`,
          basis: card.basis,
          quantity: shown,
          unit: m.unit,
          days: null,
          fromDate: firstDay,
          toDate: season.endDate,
          rate: card.storageRate,
          rateUnit: `per ${m.unit} per season`,
          amountMinor: toSafeNumber(amount),
        });
      }

      if (toScaled(season.extensionRate, RATE_SCALE) === 0n) continue;
      const hadStockBefore = lot.openingQty > 0 || toScaled(lot.openingKg, QTY_SCALE) > 0n;
      const months = extensionMonths(season, input.periodEnd);
      months.forEach((month, index) => {
        // Charged on the invoice holding the month's first day in store: an earlier one, when
        // the lot was already in store before this period began.
        if (month.to < input.periodStart) return;
        if (month.from < input.periodStart && hadStockBefore) return;
        const from = month.from > input.periodStart ? month.from : input.periodStart;
        const to = month.to < input.periodEnd ? month.to : input.periodEnd;
        let day = from;
        while (day <= to && !held.has(day)) day = addDays(day, 1);
        const onDay = day <= to ? held.get(day) : undefined;
        if (!onDay || charged(InvoiceLineKind.SeasonExtension, season.id, lot.lotId, month.from))
          return;
        const extPerQuintal = season.extensionBasis === SeasonExtensionBasis.PerQuintal;
        const m = measure(onDay, extPerQuintal, lot.unit);
        if (m.quantity <= 0n) return;
        used.add(season.currency);
        const shown = fromScaled(m.quantity, m.scale);
        const amount = amountOf(
          m.quantity,
          m.scale,
          season.extensionRate,
          minorDigits(season.currency),
        );
        extension.push({
          ...base,
          kind: InvoiceLineKind.SeasonExtension,
          description: `Extension rent, ${season.name}: month ${index + 1} after the season ended on ${season.endDate} (${month.from} – ${month.to}), ${shown} ${m.unit} in store on ${day} × ${season.extensionRate} per ${m.unit} per month or part`,
          basis: null,
          quantity: shown,
          unit: m.unit,
          days: null,
          fromDate: month.from,
          toDate: month.to,
          rate: season.extensionRate,
          rateUnit: `per ${m.unit} per month or part`,
          amountMinor: toSafeNumber(amount),
        });
      });
    }
  }
  return [...rent, ...bookingCredits(seasons, rent, input), ...extension];
}

/**
 * Booking fees are credited against the season rent on the invoice charging it, lot by lot, at
 * most the rent; what is left carries to the season's next rent invoice.
 */
function bookingCredits(seasons: SeasonTerms[], rent: ChargeLine[], input: SeasonalInput) {
  const credits: ChargeLine[] = [];
  for (const season of seasons) {
    const fees = (input.bookingFees ?? [])
      .filter((b) => b.seasonId === season.id)
      .reduce((sum, b) => sum + BigInt(b.feeMinor), 0n);
    const credited = (input.priorSeasonLines ?? [])
      .filter((p) => p.kind === InvoiceLineKind.BookingCredit && p.seasonId === season.id)
      .reduce((sum, p) => sum - BigInt(p.amountMinor), 0n);
    let left = fees - credited;
    const money = (minor: bigint) => formatMinor(toSafeNumber(minor), season.currency);
    for (const line of rent) {
      if (left <= 0n) break;
      if (line.seasonId !== season.id || line.amountMinor <= 0) continue;
      const credit = left < BigInt(line.amountMinor) ? left : BigInt(line.amountMinor);
      left -= credit;
      credits.push({
        ...line,
        kind: InvoiceLineKind.BookingCredit,
        description: `Booking fee credited against the season rent of ${season.name}: ${money(credit)} of ${money(fees)} booked (${money(left)} left for later rent)`,
        basis: null,
        quantity: '1',
        unit: 'BOOKING',
        days: null,
        // As the stored numeric reads back, so that approval finds the same line.
        rate: fromScaled(-credit, minorDigits(season.currency)),
        rateUnit: 'credit',
        amountMinor: -toSafeNumber(credit),
      });
    }
  }
  return credits;
}
