import { TaxCategory } from 'src/inventory/catalogue/commodity-tax';
import type { CardTerms, ChargeLine, LotHistory } from './charges';

/** A line's GST: 0 for an exempt commodity, else the commodity's own rate when set, else the card's. */
export function lineTax(
  lot: Pick<LotHistory, 'taxCategory' | 'taxRatePercent'>,
  card: Pick<CardTerms, 'taxRatePercent'>,
): Pick<ChargeLine, 'taxRatePercent' | 'taxExempt'> {
  if (lot.taxCategory === TaxCategory.ExemptAgriculturalProduce) {
    return { taxRatePercent: '0', taxExempt: true };
  }
  return { taxRatePercent: lot.taxRatePercent ?? card.taxRatePercent, taxExempt: false };
}
