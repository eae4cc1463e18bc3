export enum MovementType {
  Inward = 'INWARD',
  Outward = 'OUTWARD',
  Transfer = 'TRANSFER',
  Adjustment = 'ADJUSTMENT',
}

export enum AdjustmentReason {
  Damage = 'DAMAGE',
  Shrinkage = 'SHRINKAGE',
  CountCorrection = 'COUNT_CORRECTION',
  Waste = 'WASTE',
}
