export enum LotStatus {
  InStock = 'IN_STOCK',
  OnHold = 'ON_HOLD',
  Depleted = 'DEPLETED',
}
