import { compareDecimal } from 'src/common/decimal';
import { invalid } from 'src/common/validation/validation-failed.error';

/**
 * How a commodity's storage is treated for GST. Storage of unprocessed agricultural produce is
 * exempt; storage of processed or frozen goods is taxed.
 */
export enum TaxCategory {
  ExemptAgriculturalProduce = 'EXEMPT_AGRICULTURAL_PRODUCE',
  Taxable = 'TAXABLE',
}

/** The note an invoice carries whenever one of its lines is exempt. */
export const AGRICULTURAL_EXEMPTION_NOTE =
  'Storage of agricultural produce: exempt from GST, Notification No. 12/2017-Central Tax (Rate), S. No. 54(e)';

const RATE_SCALE = 4;

/** An exempt commodity has no rate of its own, and a rate is at most 100 percent. */
export function assertCommodityTax(category: TaxCategory, ratePercent: string | null): void {
  if (ratePercent === null) return;
  if (category === TaxCategory.ExemptAgriculturalProduce) {
    throw invalid(
      'tax_rate_percent',
      'tax_rate_percent must be null for an EXEMPT_AGRICULTURAL_PRODUCE commodity',
    );
  }
  if (compareDecimal(ratePercent, '100', RATE_SCALE) > 0) {
    throw invalid('tax_rate_percent', 'tax_rate_percent must be at most 100');
  }
}
