/** How a rate card prices storage: per unit or per kg, per day or per 30-day month. */
export enum RateBasis {
  PerUnitPerDay = 'PER_UNIT_PER_DAY',
  PerUnitPerMonth = 'PER_UNIT_PER_MONTH',
  PerKgPerDay = 'PER_KG_PER_DAY',
  PerKgPerMonth = 'PER_KG_PER_MONTH',
}

export const isKgBasis = (basis: RateBasis): boolean =>
  basis === RateBasis.PerKgPerDay || basis === RateBasis.PerKgPerMonth;

export const isMonthlyBasis = (basis: RateBasis): boolean =>
  basis === RateBasis.PerUnitPerMonth || basis === RateBasis.PerKgPerMonth;

/** A monthly rate is for 30 days, prorated by day. */
export const DAYS_PER_BILLING_MONTH = 30;

/** DRAFT → APPROVED → PAID, or APPROVED → VOID. Drafts are deleted, never voided. */
export enum InvoiceStatus {
  Draft = 'DRAFT',
  Approved = 'APPROVED',
  Paid = 'PAID',
  Void = 'VOID',
}

export enum InvoiceLineKind {
  Storage = 'STORAGE',
  MinimumStay = 'MINIMUM_STAY',
  InwardHandling = 'INWARD_HANDLING',
  OutwardHandling = 'OUTWARD_HANDLING',
}
