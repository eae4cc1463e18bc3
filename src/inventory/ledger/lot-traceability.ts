import type { Principal } from 'src/rbac/principal';
import type {
  ReceivingKdesDto,
  ShippingKdesDto,
  TraceabilityEventOutDto,
} from './dto/traceability-kdes.dto';

/** A lot just received, as its receiving record needs it. */
export interface ReceivedLotFacts {
  id: string;
  lotNumber: string;
  warehouseId: string;
  clientId: string;
  commodityId: string;
  grade: string | null;
  quantity: number;
  receivedAt: Date;
}

/** A gate pass just written, as its shipping records need it. */
export interface ShippedFacts {
  dispatchId: string;
  warehouseId: string;
  dispatchedAt: Date;
  lines: { lotId: string; quantity: number }[];
}

/**
 * FSMA 204 records of receipts and shipments. Traceability uses inventory, never the reverse:
 * it provides this port (globally), and a receipt or a dispatch calls it in its own transaction
 * after the stock moved, so a refused record (422 naming the missing Key Data Element) undoes
 * the movement.
 */
export abstract class LotTraceability {
  /** The receiving record of the lot, or null when its commodity needs none and none was sent. */
  abstract receive(
    caller: Principal,
    lot: ReceivedLotFacts,
    kdes: ReceivingKdesDto | undefined,
  ): Promise<TraceabilityEventOutDto | null>;

  /**
   * One shipping record per line whose lot needs one (or has a traceability lot code). Called
   * when the gate pass sent its records; without them, the dispatch query itself refuses a lot
   * of a Food Traceability List commodity.
   */
  abstract ship(
    caller: Principal,
    shipment: ShippedFacts,
    kdes: ShippingKdesDto | undefined,
  ): Promise<TraceabilityEventOutDto[]>;
}
