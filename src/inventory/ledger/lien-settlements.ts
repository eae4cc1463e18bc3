import type { Principal } from 'src/rbac/principal';

/** What a gate pass does to a lien before its stock moves. */
export enum LienSettlementAction {
  Repay = 'REPAY',
  Release = 'RELEASE',
}

export interface LienSettlement {
  lienId: string;
  action: LienSettlementAction;
  /** REPAY: minor units; absent, the whole balance on the dispatch's day. */
  amountMinor?: number;
  /** REPAY: the payment's reference; RELEASE: the release reason. */
  reference?: string;
}

export interface GatePassSettlements {
  /** The lots the gate pass takes from: every lien settled must be on one of them. */
  lotIds: string[];
  /** The dispatch's time (now when undated): repayments and releases are dated on its day. */
  at: Date;
  /** The gate pass reference, named in the release reason and the audit trail. */
  gatePassReference: string | null;
  settlements: LienSettlement[];
}

/**
 * Liens are money and belong to billing, which inventory never imports: billing provides this
 * port (globally), and a dispatch calls it in its own transaction before the stock moves.
 */
export abstract class LienSettlements {
  abstract settle(caller: Principal, request: GatePassSettlements): Promise<void>;
}
