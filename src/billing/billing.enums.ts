/**
 * How a rate card prices storage: per unit or per kg, per day or per 30-day month; or once per
 * lot and season, per unit or per quintal (100 kg).
 */
export enum RateBasis {
  PerUnitPerDay = 'PER_UNIT_PER_DAY',
  PerUnitPerMonth = 'PER_UNIT_PER_MONTH',
  PerKgPerDay = 'PER_KG_PER_DAY',
  PerKgPerMonth = 'PER_KG_PER_MONTH',
  PerUnitPerSeason = 'PER_UNIT_PER_SEASON',
  PerQuintalPerSeason = 'PER_QUINTAL_PER_SEASON',
}

/** A seasonal card charges rent once per lot and season instead of by the day. */
export const isSeasonalBasis = (basis: RateBasis): boolean =>
  basis === RateBasis.PerUnitPerSeason || basis === RateBasis.PerQuintalPerSeason;

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
  SeasonRent = 'SEASON_RENT',
  SeasonExtension = 'SEASON_EXTENSION',
  BookingCredit = 'BOOKING_CREDIT',
}

/** What a season's extension rent is charged on: bags (units) or quintals of net weight. */
export enum SeasonExtensionBasis {
  PerUnit = 'PER_UNIT',
  PerQuintal = 'PER_QUINTAL',
}
