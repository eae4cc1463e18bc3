/** Money advanced by the store owner against stored goods, or a bank's pledge of a storage receipt. */
export enum LienKind {
  Advance = 'ADVANCE',
  Pledge = 'PLEDGE',
}

/** OPEN → REPAID (balance 0) or RELEASED (by the lender, with a reason). */
export enum LienStatus {
  Open = 'OPEN',
  Repaid = 'REPAID',
  Released = 'RELEASED',
}
