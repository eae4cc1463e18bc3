import { Permission } from 'src/rbac/permission.enum';

/**
 * Who reads traceability records: staff who manage them, receive or ship goods, or keep stock
 * right. Clients never do (the records name other businesses).
 */
export const TRACEABILITY_READERS = [
  Permission.TraceabilityManage,
  Permission.InventoryAdjust,
  Permission.InventoryInwardCreate,
  Permission.InventoryDispatchExecute,
] as const;
