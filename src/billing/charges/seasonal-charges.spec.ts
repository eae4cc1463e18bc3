import { InvoiceLineKind, RateBasis, SeasonExtensionBasis } from 'src/billing/billing.enums';
import { computeInvoice, type CardTerms, type LotDay, type LotHistory } from './charges';
import { addMonths, extensionMonths, type SeasonTerms } from './seasonal-charges';

const seasonCard = (overrides: Partial<CardTerms> = {}): CardTerms => ({
  id: 'card-season',
  clientId: null,
  warehouseId: 'wh-1',
  commodityId: null,
  grade: null,
  basis: RateBasis.PerUnitPerSeason,
  storageRate: '140',
  inwardHandlingRate: '0',
  outwardHandlingRate: '0',
  graceDays: 0,
  minBillableDays: 0,
  currency: 'INR',
  taxRatePercent: '0',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  ...overrides,
});

const season: SeasonTerms = {
  id: 'season-2026',
  warehouseId: 'wh-1',
  name: 'Potato 2026',
  startDate: '2026-02-01',
  endDate: '2026-10-31',
  vacateBy: '2026-11-30',
  extensionRate: '10',
  extensionBasis: SeasonExtensionBasis.PerUnit,
  currency: 'INR',
  nextStart: null,
};

const move = (date: string, change: Partial<LotDay>): LotDay => ({
  day: date,
  qtyIn: 0,
  qtyOut: 0,
  kgIn: '0',
  kgOut: '0',
  inwardUnits: 0,
  outwardUnits: 0,
  ...change,
});

/** 250 bags in on 10 Feb, 190 out on 15 Sep, the last 60 out on 20 Nov (20 days past the end). */
const potatoes = (overrides: Partial<LotHistory> = {}): LotHistory => ({
  lotId: 'lot-1',
  lotNumber: 'AGRA-2026-000001',
  warehouseId: 'wh-1',
  commodityId: 'potato',
  grade: 'PLAIN',
  unit: 'BAG',
  receivedOn: '2026-02-10',
  openingQty: 0,
  openingKg: '0',
  inwardQty: 250,
  inwardKg: '12500',
  days: [
    move('2026-02-10', { qtyIn: 250, inwardUnits: 250, kgIn: '12500' }),
    move('2026-09-15', { qtyOut: 190, outwardUnits: 190, kgOut: '9500' }),
    move('2026-11-20', { qtyOut: 60, outwardUnits: 60, kgOut: '3000' }),
  ],
  priorStorageMinor: 0,
  ...overrides,
});

/** The lot's movements of a later period: what it held before comes in as the opening balance. */
const from = (lot: LotHistory, periodStart: string): LotHistory => {
  const before = lot.days.filter((d) => d.day < periodStart);
  return {
    ...lot,
    openingQty: before.reduce((n, d) => n + d.qtyIn - d.qtyOut, 0),
    openingKg: String(before.reduce((n, d) => n + Number(d.kgIn) - Number(d.kgOut), 0)),
    days: lot.days.filter((d) => d.day >= periodStart),
  };
};

const figures = (l: { kind: InvoiceLineKind; quantity: string; amountMinor: number }) => [
  l.kind,
  l.quantity,
  l.amountMinor,
];

describe('seasonal charges', () => {
  it('charges the season rent once and the extension per month or part: 35,000 + 600 = 35,600.00', () => {
    const result = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-11-30',
      lots: [potatoes()],
      cards: [seasonCard()],
      seasons: [season],
    });
    // 250 bags × 140 = 35,000.00; 60 bags on 1 Nov × 10 for the month 1–30 Nov = 600.00
    expect(result.lines.map(figures)).toEqual([
      [InvoiceLineKind.SeasonRent, '250', 3_500_000],
      [InvoiceLineKind.SeasonExtension, '60', 60_000],
    ]);
    expect(result.lines[0]).toMatchObject({
      fromDate: '2026-02-10',
      toDate: '2026-10-31',
      rate: '140',
      rateUnit: 'per BAG per season',
      seasonId: 'season-2026',
    });
    expect(result.lines[1]).toMatchObject({ fromDate: '2026-11-01', toDate: '2026-11-30' });
    expect(result.subtotalMinor).toBe(3_560_000);
    expect(result.totalMinor).toBe(3_560_000);
  });

  it('charges the rent on the invoice holding the first day only, never again on a later one', () => {
    const feb = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [potatoes()],
      cards: [seasonCard()],
      seasons: [season],
    });
    expect(feb.lines.map(figures)).toEqual([[InvoiceLineKind.SeasonRent, '250', 3_500_000]]);

    const rest = computeInvoice({
      periodStart: '2026-03-01',
      periodEnd: '2026-11-30',
      lots: [from(potatoes(), '2026-03-01')],
      cards: [seasonCard()],
      seasons: [season],
      priorSeasonLines: [
        {
          kind: InvoiceLineKind.SeasonRent,
          seasonId: season.id,
          lotId: 'lot-1',
          fromDate: '2026-02-10',
          amountMinor: 3_500_000,
        },
      ],
    });
    expect(rest.lines.map(figures)).toEqual([[InvoiceLineKind.SeasonExtension, '60', 60_000]]);
  });

  it('charges an extension month on the invoice holding its first day in store, once', () => {
    const lots = [potatoes({ days: potatoes().days.slice(0, 2) })]; // 60 bags stay into December
    const novFirstHalf = computeInvoice({
      periodStart: '2026-11-01',
      periodEnd: '2026-11-15',
      lots: [from(lots[0], '2026-11-01')],
      cards: [seasonCard()],
      seasons: [season],
      priorSeasonLines: [
        {
          kind: InvoiceLineKind.SeasonRent,
          seasonId: season.id,
          lotId: 'lot-1',
          fromDate: '2026-02-10',
          amountMinor: 3_500_000,
        },
      ],
    });
    expect(novFirstHalf.lines.map(figures)).toEqual([
      [InvoiceLineKind.SeasonExtension, '60', 60_000],
    ]);
    // The second half of November belongs to the month already charged; December is month 2.
    const later = computeInvoice({
      periodStart: '2026-11-16',
      periodEnd: '2026-12-31',
      lots: [from(lots[0], '2026-11-16')],
      cards: [seasonCard()],
      seasons: [season],
    });
    expect(later.lines.map((l) => [l.kind, l.fromDate, l.amountMinor])).toEqual([
      [InvoiceLineKind.SeasonExtension, '2026-12-01', 60_000],
    ]);
  });

  it('prices a lot with the card of its grade, and other grades with the general card', () => {
    const seed = potatoes({ lotId: 'lot-2', lotNumber: 'AGRA-2026-000002', grade: 'SEED' });
    const result = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [potatoes(), seed],
      cards: [seasonCard(), seasonCard({ id: 'card-seed', grade: 'SEED', storageRate: '160' })],
      seasons: [season],
    });
    expect(result.lines.map((l) => [l.lotNumber, l.rateCardId, l.amountMinor])).toEqual([
      ['AGRA-2026-000001', 'card-season', 3_500_000],
      ['AGRA-2026-000002', 'card-seed', 4_000_000],
    ]);
  });

  it('charges per quintal of net weight, to 0.01 quintal half-up', () => {
    const result = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [
        potatoes({
          days: [move('2026-02-10', { qtyIn: 250, inwardUnits: 250, kgIn: '12345.678' })],
        }),
      ],
      cards: [seasonCard({ basis: RateBasis.PerQuintalPerSeason, storageRate: '120' })],
      seasons: [season],
    });
    // 12,345.678 kg → 123.46 quintals × 120 = 14,815.20
    expect(result.lines.map((l) => [l.quantity, l.unit, l.amountMinor])).toEqual([
      ['123.46', 'QUINTAL', 1_481_520],
    ]);
  });

  it('charges nothing per quintal for a lot without weight, rather than a line of 0', () => {
    const result = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [potatoes({ days: [move('2026-02-10', { qtyIn: 250, inwardUnits: 250 })] })],
      cards: [seasonCard({ basis: RateBasis.PerQuintalPerSeason, storageRate: '120' })],
      seasons: [season],
    });
    expect(result.lines).toEqual([]);
  });

  it('credits booking fees against the rent, at most the rent, carrying the rest over', () => {
    const capped = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [potatoes()],
      cards: [seasonCard()],
      seasons: [season],
      bookingFees: [{ seasonId: season.id, feeMinor: 5_000_000 }],
    });
    expect(capped.lines.map(figures)).toEqual([
      [InvoiceLineKind.SeasonRent, '250', 3_500_000],
      [InvoiceLineKind.BookingCredit, '1', -3_500_000],
    ]);
    expect(capped.totalMinor).toBe(0);

    // A second lot's rent on a later invoice takes the 15,000.00 left, no more.
    const second = potatoes({
      lotId: 'lot-3',
      lotNumber: 'AGRA-2026-000003',
      receivedOn: '2026-03-05',
      days: [move('2026-03-05', { qtyIn: 200, inwardUnits: 200 })],
    });
    const march = computeInvoice({
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      lots: [second],
      cards: [seasonCard()],
      seasons: [season],
      bookingFees: [{ seasonId: season.id, feeMinor: 5_000_000 }],
      priorSeasonLines: [
        {
          kind: InvoiceLineKind.BookingCredit,
          seasonId: season.id,
          lotId: 'lot-1',
          fromDate: '2026-02-10',
          amountMinor: -3_500_000,
        },
      ],
    });
    expect(march.lines.map(figures)).toEqual([
      [InvoiceLineKind.SeasonRent, '200', 2_800_000],
      [InvoiceLineKind.BookingCredit, '1', -1_500_000],
    ]);
    expect(march.subtotalMinor).toBe(1_300_000);
  });

  it('leaves daily cards as they were: no season lines without a seasonal card', () => {
    const result = computeInvoice({
      periodStart: '2026-02-01',
      periodEnd: '2026-02-28',
      lots: [potatoes()],
      cards: [seasonCard({ basis: RateBasis.PerUnitPerDay, storageRate: '1' })],
      seasons: [season],
    });
    // 250 bags × 19 days (10–28 Feb) × 1.00
    expect(result.lines.map(figures)).toEqual([[InvoiceLineKind.Storage, '250', 475_000]]);
  });

  it('counts extension months in calendar months from the day after the end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(
      extensionMonths({ endDate: '2026-10-31', nextStart: '2027-02-01' }, '2027-03-31'),
    ).toEqual([
      { from: '2026-11-01', to: '2026-11-30' },
      { from: '2026-12-01', to: '2026-12-31' },
      { from: '2027-01-01', to: '2027-01-31' },
    ]);
  });
});
