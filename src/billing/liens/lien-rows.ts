import { In, type EntityManager } from 'typeorm';
import type { LienTerms } from './lien-interest';
import { LienRepayment } from './lien-repayment.entity';
import type { Lien } from './lien.entity';

export const termsOf = (lien: Lien): LienTerms => ({
  principalMinor: lien.principalMinor,
  ratePercent: lien.interestRatePercent,
  startDate: lien.startDate,
  closedOn: lien.closedOn,
});

/** How a lien names itself in refusals: kind, lender and the bank's reference. */
export const lienName = (lien: Pick<Lien, 'kind' | 'lenderName' | 'pledgeReference' | 'id'>) =>
  `${lien.kind} lien ${lien.id} of ${lien.lenderName}` +
  (lien.pledgeReference ? ` (reference ${lien.pledgeReference})` : '');

/** The repayments of the liens, in the order they apply: by day, then as recorded. */
export function repaymentsOf(manager: EntityManager, lienIds: string[]): Promise<LienRepayment[]> {
  if (lienIds.length === 0) return Promise.resolve([]);
  return manager.find(LienRepayment, {
    where: { lienId: In(lienIds) },
    order: { paidOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
  });
}
