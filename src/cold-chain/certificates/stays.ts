import { MovementType } from 'src/inventory/movement-type.enum';

/** A lot's movement as far as where it sat is concerned. */
export interface StayMovement {
  type: MovementType;
  quantity_delta: number;
  occurred_at: Date;
  from_chamber_id: string | null;
  to_chamber_id: string | null;
}

export type StayEnd = 'TRANSFER' | 'DEPLETED';

/** A span a lot spent in one chamber; `endedAt` null while it is still there. */
export interface Stay {
  chamberId: string;
  startedAt: Date;
  endedAt: Date | null;
  endedBy: StayEnd | null;
}

/**
 * Where a lot sat and when, from its ledger (oldest first). A receipt puts it in its first chamber
 * (the one its first transfer left, else the one it is in); a transfer ends the stay and starts
 * one in the target chamber; a movement that leaves nothing on hand ends the stay (depleted), and
 * one that brings stock back (an adjustment) starts a new stay where the lot was.
 */
export function staysOf(movements: readonly StayMovement[], currentChamberId: string): Stay[] {
  const firstTransfer = movements.find((m) => m.type === MovementType.Transfer);
  let chamberId = firstTransfer?.from_chamber_id ?? currentChamberId;
  const stays: Stay[] = [];
  let open: Stay | null = null;
  let onHand = 0;
  const close = (at: Date, endedBy: StayEnd): void => {
    if (!open) return;
    open.endedAt = at;
    open.endedBy = endedBy;
    open = null;
  };
  for (const movement of movements) {
    if (movement.type === MovementType.Transfer && movement.to_chamber_id) {
      close(movement.occurred_at, 'TRANSFER');
      chamberId = movement.to_chamber_id;
      if (onHand > 0) {
        open = { chamberId, startedAt: movement.occurred_at, endedAt: null, endedBy: null };
        stays.push(open);
      }
      continue;
    }
    const before = onHand;
    onHand += movement.quantity_delta;
    if (before <= 0 && onHand > 0) {
      open = { chamberId, startedAt: movement.occurred_at, endedAt: null, endedBy: null };
      stays.push(open);
    } else if (before > 0 && onHand <= 0) {
      close(movement.occurred_at, 'DEPLETED');
    }
  }
  return stays;
}
