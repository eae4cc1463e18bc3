import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { formatMinor } from 'src/billing/money';
import { RateBasis, InvoiceLineKind } from 'src/billing/billing.enums';
import {
  computeInvoice,
  totals,
  type CardTerms,
  type ChargeLine,
  type LotDay,
  type LotHistory,
} from './charges';
import { AGRICULTURAL_EXEMPTION_NOTE, TaxCategory } from 'src/inventory/catalogue/commodity-tax';

const card = (overrides: Partial<CardTerms> = {}): CardTerms => ({
  id: 'card-default',
  clientId: null,
  warehouseId: null,
  commodityId: null,
  basis: RateBasis.PerUnitPerDay,
  storageRate: '0.5',
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

const day = (date: string, change: Partial<LotDay>): LotDay => ({
  day: date,
  qtyIn: 0,
  qtyOut: 0,
  kgIn: '0',
  kgOut: '0',
  inwardUnits: 0,
  outwardUnits: 0,
  ...change,
});

const inward = (date: string, qty: number, kg = '0') =>
  day(date, { qtyIn: qty, inwardUnits: qty, kgIn: kg });
const outward = (date: string, qty: number, kg = '0') =>
  day(date, { qtyOut: qty, outwardUnits: qty, kgOut: kg });

const lot = (overrides: Partial<LotHistory> = {}): LotHistory => ({
  lotId: 'lot-1',
  lotNumber: 'PUNE-2026-000001',
  warehouseId: 'wh-1',
  commodityId: 'com-1',
  unit: 'BAG',
  receivedOn: '2026-03-03',
  openingQty: 0,
  openingKg: '0',
  inwardQty: 100,
  inwardKg: '0',
  days: [inward('2026-03-03', 100), outward('2026-03-10', 40), outward('2026-03-20', 60)],
  priorStorageMinor: 0,
  ...overrides,
});

const march = { periodStart: '2026-03-01', periodEnd: '2026-03-31' };

describe('computeInvoice', () => {
  it('charges every day a unit was in storage, the day in and the day out included', () => {
    // 100 × 8 (3rd–10th) + 60 × 10 (11th–20th) = 1400 bag-days × 0.50 = 700.00
    const figures = computeInvoice({ ...march, lots: [lot()], cards: [card()] });
    expect(figures.currency).toBe('INR');
    expect(
      figures.lines.map((l) => [l.quantity, l.days, l.fromDate, l.toDate, l.amountMinor]),
    ).toEqual([
      ['100', 8, '2026-03-03', '2026-03-10', 40_000],
      ['60', 10, '2026-03-11', '2026-03-20', 30_000],
    ]);
    expect(figures.subtotalMinor).toBe(70_000);
    expect(figures.lines[0]).toMatchObject({
      kind: InvoiceLineKind.Storage,
      lotNumber: 'PUNE-2026-000001',
      rate: '0.5',
      rateUnit: 'per BAG-day',
    });
  });

  it('prorates a monthly rate per 30 days', () => {
    // 15.00 per bag per 30 days: 1400 bag-days × 15 / 30 = 700.00
    const figures = computeInvoice({
      ...march,
      lots: [lot()],
      cards: [card({ basis: RateBasis.PerUnitPerMonth, storageRate: '15' })],
    });
    expect(figures.subtotalMinor).toBe(70_000);
    expect(figures.lines[0].rateUnit).toBe('per BAG per 30 days');
  });

  it('charges kg on a kg basis, rounding each line half-up', () => {
    // 1500.5 kg × 10 days × 0.0125 = 187.5625 → 187.56; then 500.5 kg × 5 days × 0.0125 = 31.28125 → 31.28
    const figures = computeInvoice({
      ...march,
      lots: [
        lot({
          inwardKg: '1500.5',
          days: [inward('2026-03-03', 30, '1500.5'), outward('2026-03-13', 20, '1000')],
          inwardQty: 30,
        }),
      ],
      cards: [card({ basis: RateBasis.PerKgPerDay, storageRate: '0.0125' })],
    });
    expect(figures.lines.map((l) => [l.quantity, l.unit, l.days, l.amountMinor])).toEqual([
      ['1500.5', 'KG', 11, 20_632], // 3rd–13th: the day of dispatch counts: 206.31875 → 206.32
      ['500.5', 'KG', 18, 11_261], // 14th–31st: 112.6125 → 112.61
    ]);
  });

  it('gives grace days from the receipt day', () => {
    // grace 2: the 3rd and 4th are free → 100 × 6 + 60 × 10 = 1200 × 0.50 = 600.00
    const figures = computeInvoice({ ...march, lots: [lot()], cards: [card({ graceDays: 2 })] });
    expect(figures.lines[0]).toMatchObject({ fromDate: '2026-03-05', days: 6 });
    expect(figures.subtotalMinor).toBe(60_000);
  });

  it('tops a short stay up to the minimum in the period it leaves, less earlier invoices', () => {
    const terms = card({ minBillableDays: 30 });
    const stay = lot({
      receivedOn: '2026-03-25',
      days: [inward('2026-03-25', 100)],
    });
    // March: 25th–31st = 7 days × 100 × 0.50 = 350.00, still in stock, no minimum yet.
    const first = computeInvoice({ ...march, lots: [stay], cards: [terms] });
    expect(first.subtotalMinor).toBe(35_000);
    expect(first.lines.some((l) => l.kind === InvoiceLineKind.MinimumStay)).toBe(false);

    // April: 1st–5th = 250.00; stayed 12 days < 30 → 100 × 30 × 0.50 = 1500.00 − 600.00 = 900.00
    const second = computeInvoice({
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      lots: [
        {
          ...stay,
          openingQty: 100,
          days: [outward('2026-04-05', 100)],
          priorStorageMinor: first.subtotalMinor,
        },
      ],
      cards: [terms],
    });
    expect(second.lines.map((l) => [l.kind, l.amountMinor])).toEqual([
      [InvoiceLineKind.Storage, 25_000],
      [InvoiceLineKind.MinimumStay, 90_000],
    ]);
    expect(second.lines[1]).toMatchObject({ quantity: '100', days: 30 });
    expect(second.subtotalMinor).toBe(115_000);
  });

  it('prices each day at the card in effect that day', () => {
    const figures = computeInvoice({
      ...march,
      lots: [lot({ receivedOn: '2026-03-01', days: [inward('2026-03-01', 100)] })],
      cards: [
        card({ id: 'old', effectiveTo: '2026-03-14' }),
        card({ id: 'new', storageRate: '0.6', effectiveFrom: '2026-03-15' }),
      ],
    });
    // 100 × 14 × 0.50 = 700.00; 100 × 17 × 0.60 = 1020.00
    expect(figures.lines.map((l) => [l.rateCardId, l.days, l.amountMinor])).toEqual([
      ['old', 14, 70_000],
      ['new', 17, 102_000],
    ]);
  });

  it('uses the most specific card: client, then commodity, then warehouse, then the default', () => {
    const cards = [
      card({ id: 'default', storageRate: '1' }),
      card({ id: 'warehouse', warehouseId: 'wh-1', storageRate: '2' }),
      card({ id: 'commodity', commodityId: 'com-1', storageRate: '3' }),
      card({ id: 'client', clientId: 'c-1', storageRate: '4' }),
      card({ id: 'other-warehouse', clientId: 'c-1', warehouseId: 'wh-2', storageRate: '5' }),
    ];
    const pick = (list: CardTerms[]) =>
      computeInvoice({ ...march, lots: [lot()], cards: list }).lines[0].rateCardId;
    expect(pick(cards)).toBe('client');
    expect(pick(cards.slice(0, 3))).toBe('commodity');
    expect(pick(cards.slice(0, 2))).toBe('warehouse');
    expect(pick(cards.slice(0, 1))).toBe('default');
  });

  it('charges handling per unit received and dispatched in the period', () => {
    const figures = computeInvoice({
      ...march,
      lots: [lot()],
      cards: [card({ storageRate: '0', inwardHandlingRate: '2', outwardHandlingRate: '2.5' })],
    });
    expect(figures.lines.map((l) => [l.kind, l.quantity, l.amountMinor])).toEqual([
      [InvoiceLineKind.InwardHandling, '100', 20_000],
      [InvoiceLineKind.OutwardHandling, '100', 25_000],
    ]);
  });

  it('refuses a day without a card, and mixed currencies', () => {
    expect(() =>
      computeInvoice({ ...march, lots: [lot()], cards: [card({ effectiveFrom: '2026-03-05' })] }),
    ).toThrow(BusinessRuleError);
    expect(() =>
      computeInvoice({
        ...march,
        lots: [lot()],
        cards: [
          card({ effectiveTo: '2026-03-09' }),
          card({ id: 'usd', currency: 'USD', effectiveFrom: '2026-03-10' }),
        ],
      }),
    ).toThrow(/more than one currency/);
    expect(() => computeInvoice({ ...march, lots: [], cards: [card()] })).toThrow(
      /Nothing to bill/,
    );
  });

  it('uses the currency minor unit (JPY has none)', () => {
    // 800 × 12.3456 = 9876.48 → 9876; 600 × 12.3456 = 7407.36 → 7407 (each line rounds)
    const figures = computeInvoice({
      ...march,
      lots: [lot()],
      cards: [card({ currency: 'JPY', storageRate: '12.3456' })],
    });
    expect(figures.lines.map((l) => l.amountMinor)).toEqual([9_876, 7_407]);
    expect(figures.subtotalMinor).toBe(17_283);
  });
});

describe('totals', () => {
  it('taxes the subtotal of each rate, half-up', () => {
    expect(
      totals([
        { amountMinor: 40_000, taxRatePercent: '18' },
        { amountMinor: 30_000, taxRatePercent: '18.0000' },
        { amountMinor: 5, taxRatePercent: '10' },
      ]),
    ).toEqual({
      subtotalMinor: 70_005,
      taxes: [
        { ratePercent: '10', exempt: false, baseMinor: 5, taxMinor: 1 }, // 0.005 → 0.01
        { ratePercent: '18', exempt: false, baseMinor: 70_000, taxMinor: 12_600 },
      ],
      taxMinor: 12_601,
      totalMinor: 82_606,
      taxNotes: [],
    });
  });
});

describe('tax per commodity', () => {
  // Potato: 100 × 8 + 60 × 10 = 1400 bag-days × 0.50 = 700.00, exempt.
  const potato = lot({ taxCategory: TaxCategory.ExemptAgriculturalProduce });
  // Frozen peas: 100 bags from the 3rd to the 12th = 1000 bag-days × 0.50 = 500.00, at 18%.
  const peas = lot({
    lotId: 'lot-2',
    lotNumber: 'PUNE-2026-000002',
    commodityId: 'com-2',
    days: [inward('2026-03-03', 100), outward('2026-03-12', 100)],
    taxCategory: TaxCategory.Taxable,
    taxRatePercent: '18',
  });

  it('taxes an exempt lot at 0, a taxable one at its commodity rate, and notes the exemption', () => {
    // The card's 5% applies to neither: 0 for the exempt lot, the commodity's 18% for the other.
    const figures = computeInvoice({
      ...march,
      lots: [potato, peas],
      cards: [card({ taxRatePercent: '5' })],
    });
    expect(
      figures.lines.map((l) => [l.lotNumber, l.amountMinor, l.taxRatePercent, l.taxExempt]),
    ).toEqual([
      ['PUNE-2026-000001', 40_000, '0', true],
      ['PUNE-2026-000001', 30_000, '0', true],
      ['PUNE-2026-000002', 50_000, '18', false],
    ]);
    expect(figures.taxes).toEqual([
      { ratePercent: '0', exempt: true, baseMinor: 70_000, taxMinor: 0 },
      { ratePercent: '18', exempt: false, baseMinor: 50_000, taxMinor: 9_000 },
    ]);
    // 500.00 × 18% = 90.00; 700.00 + 500.00 + 90.00 = 1,290.00
    expect(figures.taxMinor).toBe(9_000);
    expect(figures.totalMinor).toBe(129_000);
    expect(figures.taxNotes).toEqual([AGRICULTURAL_EXEMPTION_NOTE]);
  });

  it("keeps the card's rate for a taxable commodity without a rate, and no note", () => {
    const figures = computeInvoice({
      ...march,
      lots: [{ ...peas, taxRatePercent: null }],
      cards: [card({ taxRatePercent: '12' })],
    });
    expect(figures.lines.map((l) => l.taxRatePercent)).toEqual(['12']);
    expect(figures.taxMinor).toBe(6_000);
    expect(figures.taxNotes).toEqual([]);
  });

  it('keeps exempt lines apart from lines taxed at a rate of 0', () => {
    const result = totals([
      { amountMinor: 100, taxRatePercent: '0', taxExempt: true },
      { amountMinor: 200, taxRatePercent: '0' },
    ]);
    expect(result.taxes).toEqual([
      { ratePercent: '0', exempt: true, baseMinor: 100, taxMinor: 0 },
      { ratePercent: '0', exempt: false, baseMinor: 200, taxMinor: 0 },
    ]);
    expect(result.taxNotes).toEqual([AGRICULTURAL_EXEMPTION_NOTE]);
  });

  it('exempts minimum-stay and handling lines of an exempt lot too', () => {
    const figures = computeInvoice({
      ...march,
      lots: [{ ...potato, days: [inward('2026-03-03', 100), outward('2026-03-04', 100)] }],
      cards: [card({ taxRatePercent: '18', minBillableDays: 30, inwardHandlingRate: '2' })],
    });
    expect(new Set(figures.lines.map((l) => l.kind)).size).toBe(3);
    expect(figures.lines.every((l) => l.taxExempt && l.taxRatePercent === '0')).toBe(true);
    expect(figures.taxMinor).toBe(0);
  });
});

describe('rounding', () => {
  const may = { periodStart: '2026-05-01', periodEnd: '2026-05-31' };
  /** In and out on the same day: one day of storage. */
  const sameDay = (date: string, qty: number) =>
    day(date, { qtyIn: qty, inwardUnits: qty, qtyOut: qty, outwardUnits: qty });
  /** A line as the invoice shows it, its amount formatted in the invoice's currency. */
  const shown = (l: ChargeLine, currency: string) => [
    l.kind,
    l.quantity,
    l.unit,
    l.days,
    l.fromDate,
    l.toDate,
    l.rate,
    l.amountMinor,
    formatMinor(l.amountMinor, currency),
  ];

  it('rounds each line half-up to the paisa with 4-decimal rates, and the tax half-up too', () => {
    const invoice = computeInvoice({
      ...may,
      lots: [
        lot({
          lotId: 'one',
          commodityId: 'half-paisa',
          receivedOn: '2026-05-05',
          inwardQty: 1,
          days: [sameDay('2026-05-05', 1)],
        }),
        lot({
          lotId: 'two',
          lotNumber: 'PUNE-2026-000002',
          commodityId: 'two-and-a-half',
          receivedOn: '2026-05-06',
          inwardQty: 2,
          days: [sameDay('2026-05-06', 2)],
        }),
      ],
      cards: [
        card({
          clientId: 'c-1',
          commodityId: 'half-paisa',
          storageRate: '0.005',
          taxRatePercent: '18',
        }),
        card({
          clientId: 'c-1',
          commodityId: 'two-and-a-half',
          storageRate: '0.0125',
          taxRatePercent: '18',
        }),
      ],
    });

    // 1 × 1 × 0.005 = 0.005 → 0.01; 2 × 1 × 0.0125 = 0.025 → 0.03; tax 18% of 0.04 = 0.0072 → 0.01.
    expect(invoice.lines.map((l) => [l.lotId, ...shown(l, invoice.currency)])).toEqual([
      [
        'one',
        InvoiceLineKind.Storage,
        '1',
        'BAG',
        1,
        '2026-05-05',
        '2026-05-05',
        '0.005',
        1,
        '0.01',
      ],
      [
        'two',
        InvoiceLineKind.Storage,
        '2',
        'BAG',
        1,
        '2026-05-06',
        '2026-05-06',
        '0.0125',
        3,
        '0.03',
      ],
    ]);
    expect(invoice).toMatchObject({ subtotalMinor: 4, taxMinor: 1, totalMinor: 5 });
    expect(
      [invoice.subtotalMinor, invoice.taxMinor, invoice.totalMinor].map((m) =>
        formatMinor(m, invoice.currency),
      ),
    ).toEqual(['0.04', '0.01', '0.05']);
  });

  it('uses the minor unit of the currency: JPY has none, so 2.5 yen rounds to 3', () => {
    const invoice = computeInvoice({
      ...may,
      lots: [lot({ receivedOn: '2026-05-05', inwardQty: 1, days: [sameDay('2026-05-05', 1)] })],
      cards: [card({ clientId: 'c-1', storageRate: '2.5', currency: 'JPY', taxRatePercent: '10' })],
    });

    expect(invoice.lines.map((l) => shown(l, invoice.currency))).toEqual([
      [InvoiceLineKind.Storage, '1', 'BAG', 1, '2026-05-05', '2026-05-05', '2.5', 3, '3'],
    ]);
    // Tax 10% of 3 yen = 0.3 → 0.
    expect(invoice).toMatchObject({
      currency: 'JPY',
      subtotalMinor: 3,
      taxMinor: 0,
      totalMinor: 3,
    });
    expect(formatMinor(invoice.totalMinor, invoice.currency)).toBe('3');
  });
});
