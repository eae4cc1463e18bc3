import { applyRepayment, lienFigures, OverpaymentError, type LienTerms } from './lien-interest';

/** ₹50,000 at 12% p.a. from 2026-01-01 (day D); 2026-04-01 is D+90. */
const ADVANCE: LienTerms = {
  principalMinor: 5_000_000,
  ratePercent: '12',
  startDate: '2026-01-01',
  closedOn: null,
};

describe('lien interest: simple, actual days / 365, half up when shown', () => {
  it('accrues 50,000 × 12% × 90 / 365 = 1,479.45 by D+90', () => {
    // 5,000,000 × 0.12 × 90 / 365 = 147,945.205… paise → 147,945.
    const figures = lienFigures(ADVANCE, [], '2026-04-01');
    expect(figures).toEqual({
      asOf: '2026-04-01',
      principalOutstandingMinor: 5_000_000,
      interestAccruedMinor: 147_945,
      balanceMinor: 5_147_945,
      repaidMinor: 0,
      interestPaidMinor: 0,
      principalRepaidMinor: 0,
    });
  });

  it('accrues nothing on the start day, and nothing before it', () => {
    expect(lienFigures(ADVANCE, [], '2026-01-01').interestAccruedMinor).toBe(0);
    expect(lienFigures(ADVANCE, [], '2025-12-01').balanceMinor).toBe(5_000_000);
  });

  it('rounds half up only when shown: one day of ₹1 at 18.25% is 0.05 paise → 0, 2,000 days → 100', () => {
    const tiny: LienTerms = { ...ADVANCE, principalMinor: 100, ratePercent: '18.25' };
    // 100 × 0.1825 / 365 = 0.05 paise a day: the exact sum is kept, not each day's rounding.
    expect(lienFigures(tiny, [], '2026-01-02').interestAccruedMinor).toBe(0);
    expect(lienFigures(tiny, [], '2026-01-11').interestAccruedMinor).toBe(1); // 0.5 → 1
    expect(lienFigures(tiny, [], '2031-06-24').interestAccruedMinor).toBe(100); // 2,000 days
  });

  it('applies a repayment to interest first, then principal, and accrues on the rest', () => {
    // D+90: interest 147,945; ₹10,000 pays it and 852,055 of principal → 4,147,945 left.
    const payment = { paidOn: '2026-04-01', amountMinor: 1_000_000 };
    expect(applyRepayment(ADVANCE, [], payment)).toEqual({
      interestMinor: 147_945,
      principalMinor: 852_055,
      cleared: false,
    });
    // 30 more days on 4,147,945: × 0.12 × 30 / 365 = 14,932,602 / 365 = 40,911.24… → 40,911.
    const figures = lienFigures(ADVANCE, [payment], '2026-05-01');
    expect(figures.principalOutstandingMinor).toBe(4_147_945);
    expect(figures.interestAccruedMinor).toBe(40_911);
    expect(figures.balanceMinor).toBe(4_188_856);
    expect(figures.repaidMinor).toBe(1_000_000);
    expect(figures.interestPaidMinor).toBe(147_945);
    expect(figures.principalRepaidMinor).toBe(852_055);
  });

  it('keeps the unpaid part of the interest exact when a repayment covers less than it', () => {
    const partial = { paidOn: '2026-04-01', amountMinor: 100_000 };
    expect(applyRepayment(ADVANCE, [], partial)).toEqual({
      interestMinor: 100_000,
      principalMinor: 0,
      cleared: false,
    });
    // 147,945.205… − 100,000 = 47,945.205… → 47,945 shown, the principal untouched.
    const figures = lienFigures(ADVANCE, [partial], '2026-04-01');
    expect(figures.interestAccruedMinor).toBe(47_945);
    expect(figures.balanceMinor).toBe(5_047_945);
  });

  it('clears the lien with a repayment of the whole balance', () => {
    expect(applyRepayment(ADVANCE, [], { paidOn: '2026-04-01', amountMinor: 5_147_945 })).toEqual({
      interestMinor: 147_945,
      principalMinor: 5_000_000,
      cleared: true,
    });
  });

  it('refuses a repayment above the balance of its day', () => {
    expect(() =>
      applyRepayment(ADVANCE, [], { paidOn: '2026-04-01', amountMinor: 5_147_946 }),
    ).toThrow(new OverpaymentError(5_147_945));
  });

  it('stops accruing on the day a lien closed', () => {
    const released = { ...ADVANCE, closedOn: '2026-04-01' };
    expect(lienFigures(released, [], '2026-12-31').interestAccruedMinor).toBe(147_945);
  });

  it('charges nothing at 0%', () => {
    expect(lienFigures({ ...ADVANCE, ratePercent: '0' }, [], '2027-01-01').balanceMinor).toBe(
      5_000_000,
    );
  });
});
