/** What a storage location is in its chamber's tree; any location without children holds lots. */
export enum StorageLocationKind {
  Floor = 'FLOOR',
  Rack = 'RACK',
  Level = 'LEVEL',
  Slot = 'SLOT',
  Zone = 'ZONE',
}

/** Why part of a lot changed location: put away at receipt, moved, taken out, or carried to another chamber. */
export enum LocationMovementReason {
  Inward = 'INWARD',
  Move = 'MOVE',
  Outward = 'OUTWARD',
  Transfer = 'TRANSFER',
}
