export enum CommodityUnit {
  Bag = 'BAG',
  Crate = 'CRATE',
  Box = 'BOX',
  Pallet = 'PALLET',
  Carton = 'CARTON',
  Kg = 'KG',
}
