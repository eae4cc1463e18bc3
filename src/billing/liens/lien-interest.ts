import { dayNumber } from 'src/common/calendar';
import { toScaled } from 'src/common/decimal';

/**
 * A lien's interest: simple, actual days / 365, on the principal outstanding between events (the
 * start and each repayment), at a rate per annum. The interest is kept exact, as a fraction of a
 * minor unit over DENOMINATOR, and rounded half up to the minor unit only when shown or settled.
 * A repayment pays the interest accrued to its day first, then principal.
 */
export const RATE_SCALE = 4;
/** Percent × rate scale × days a year: interest = principal × scaled rate × days / this. */
const DENOMINATOR = 100n * 10n ** BigInt(RATE_SCALE) * 365n;

export interface LienTerms {
  principalMinor: number;
  /** Percent per annum, a decimal string with up to RATE_SCALE places. */
  ratePercent: string;
  startDate: string;
  /** The day a repaid or released lien closed: interest stops there. */
  closedOn: string | null;
}

export interface RepaymentEvent {
  paidOn: string;
  amountMinor: number;
}

export interface AppliedRepayment {
  interestMinor: number;
  principalMinor: number;
}

/** A lien's figures on a day, in minor units. */
export interface LienFigures {
  asOf: string;
  principalOutstandingMinor: number;
  /** Interest accrued and not yet paid, rounded half up. */
  interestAccruedMinor: number;
  /** Principal outstanding plus the accrued interest shown. */
  balanceMinor: number;
  /** Sums of the repayments made up to the day. */
  repaidMinor: number;
  interestPaidMinor: number;
  principalRepaidMinor: number;
}

/** Refused: a repayment larger than the balance on its day. */
export class OverpaymentError extends Error {
  constructor(readonly balanceMinor: number) {
    super(`The repayment exceeds the balance of ${balanceMinor} minor units.`);
  }
}

interface Position {
  day: string;
  principal: bigint;
  /** Unpaid interest × DENOMINATOR. */
  interest: bigint;
}

const roundHalfUp = (exact: bigint): bigint => {
  const whole = exact / DENOMINATOR;
  return (exact % DENOMINATOR) * 2n >= DENOMINATOR ? whole + 1n : whole;
};

const toNumber = (value: bigint): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`Amount out of range: ${value}`);
  return n;
};

function accrue(position: Position, rate: bigint, to: string): Position {
  const days = BigInt(Math.max(0, dayNumber(to) - dayNumber(position.day)));
  if (days === 0n) return position;
  return {
    day: to,
    principal: position.principal,
    interest: position.interest + position.principal * rate * days,
  };
}

function pay(
  position: Position,
  amount: bigint,
): { position: Position; applied: AppliedRepayment } {
  const interestDue = roundHalfUp(position.interest);
  const balance = position.principal + interestDue;
  if (amount > balance) throw new OverpaymentError(toNumber(balance));
  if (amount < interestDue) {
    return {
      position: { ...position, interest: position.interest - amount * DENOMINATOR },
      applied: { interestMinor: toNumber(amount), principalMinor: 0 },
    };
  }
  // The interest due is settled (the rounding settles its fraction too), the rest is principal.
  const principalPaid = amount - interestDue;
  return {
    position: { day: position.day, principal: position.principal - principalPaid, interest: 0n },
    applied: { interestMinor: toNumber(interestDue), principalMinor: toNumber(principalPaid) },
  };
}

/** Replays the repayments made up to `asOf` (in date order) and accrues to that day. */
function replay(
  terms: LienTerms,
  repayments: readonly RepaymentEvent[],
  asOf: string,
): { position: Position; applied: AppliedRepayment[] } {
  const rate = toScaled(terms.ratePercent, RATE_SCALE);
  const stop = terms.closedOn !== null && terms.closedOn < asOf ? terms.closedOn : asOf;
  let position: Position = {
    day: terms.startDate,
    principal: BigInt(terms.principalMinor),
    interest: 0n,
  };
  const applied: AppliedRepayment[] = [];
  for (const repayment of repayments) {
    if (repayment.paidOn > stop) break;
    const paid = pay(accrue(position, rate, repayment.paidOn), BigInt(repayment.amountMinor));
    position = paid.position;
    applied.push(paid.applied);
  }
  return { position: accrue(position, rate, stop), applied };
}

/** The lien's figures on `asOf`; before the start day, the principal alone. */
export function lienFigures(
  terms: LienTerms,
  repayments: readonly RepaymentEvent[],
  asOf: string,
): LienFigures {
  const { position, applied } = replay(terms, repayments, asOf);
  const interest = toNumber(roundHalfUp(position.interest));
  const principal = toNumber(position.principal);
  const interestPaid = applied.reduce((sum, a) => sum + a.interestMinor, 0);
  const principalRepaid = applied.reduce((sum, a) => sum + a.principalMinor, 0);
  return {
    asOf,
    principalOutstandingMinor: principal,
    interestAccruedMinor: interest,
    balanceMinor: principal + interest,
    repaidMinor: interestPaid + principalRepaid,
    interestPaidMinor: interestPaid,
    principalRepaidMinor: principalRepaid,
  };
}

/**
 * How a new repayment on `paidOn` (not before the last one) splits into interest and principal,
 * and whether it clears the lien; OverpaymentError when it exceeds the balance that day.
 */
export function applyRepayment(
  terms: LienTerms,
  repayments: readonly RepaymentEvent[],
  next: RepaymentEvent,
): AppliedRepayment & { cleared: boolean } {
  const rate = toScaled(terms.ratePercent, RATE_SCALE);
  const { position } = replay(terms, repayments, next.paidOn);
  const paid = pay(accrue(position, rate, next.paidOn), BigInt(next.amountMinor));
  return {
    ...paid.applied,
    cleared: paid.position.principal === 0n && paid.position.interest === 0n,
  };
}
