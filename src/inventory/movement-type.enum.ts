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
  /** Stock used in a repack, relabel or commingling: written by the transformation only. */
  Transformation = 'TRANSFORMATION',
}
