/** Every permission code, `resource.action`. Roles are data; these codes are the contract. */
export enum Permission {
  InventoryInwardCreate = 'inventory.inward.create',
  InventoryZoneAllocate = 'inventory.zone.allocate',
  InventoryMoveInternal = 'inventory.move.internal',
  InventoryDispatchExecute = 'inventory.dispatch.execute',
  InventoryView = 'inventory.view',
  BillingInvoiceCreate = 'billing.invoice.create',
  BillingInvoiceApprove = 'billing.invoice.approve',
  InvoiceView = 'invoice.view',
  UserInviteOperator = 'user.invite.operator',
  UserInviteClient = 'user.invite.client',
  WarehouseCreate = 'warehouse.create',
  WarehouseUpdate = 'warehouse.update',
  AuditView = 'audit.view',
  CommodityManage = 'commodity.manage',
  InventoryAdjust = 'inventory.adjust',
  BillingRateManage = 'billing.rate.manage',
  TelemetryManage = 'telemetry.manage',
  FinanceLienManage = 'finance.lien.manage',
  TraceabilityManage = 'traceability.manage',
}

export const PERMISSION_DESCRIPTIONS: Record<Permission, string> = {
  [Permission.InventoryInwardCreate]: 'Record goods received into a chamber',
  [Permission.InventoryZoneAllocate]: 'Assign or change the position of a lot',
  [Permission.InventoryMoveInternal]: 'Move lots between chambers of a warehouse',
  [Permission.InventoryDispatchExecute]: 'Dispatch goods out of the warehouse',
  [Permission.InventoryView]: 'View stock within scope',
  [Permission.BillingInvoiceCreate]: 'Generate invoices',
  [Permission.BillingInvoiceApprove]: 'Approve invoices',
  [Permission.InvoiceView]: 'View invoices within scope',
  [Permission.UserInviteOperator]: 'Invite operators and inventory managers; list and manage users',
  [Permission.UserInviteClient]: 'Invite clients',
  [Permission.WarehouseCreate]: 'Create warehouses',
  [Permission.WarehouseUpdate]: 'Update warehouses',
  [Permission.AuditView]: 'Read the audit trail',
  [Permission.CommodityManage]: 'Create and change commodities',
  [Permission.InventoryAdjust]: 'Adjust stock, hold and release lots',
  [Permission.BillingRateManage]: 'Create and change rate cards',
  [Permission.TelemetryManage]:
    'Manage sensors, gateways and chamber monitoring; acknowledge alarms',
  [Permission.FinanceLienManage]:
    'Record liens on lots (advances, bank pledges), their repayments and releases',
  [Permission.TraceabilityManage]:
    'Keep the trading partners and their locations that FSMA 204 records name',
};

/**
 * Permissions that act on every warehouse at once (the commodity catalogue is shared): held only
 * by roles of unrestricted scope, never by a warehouse's or a client's.
 */
export const UNRESTRICTED_ONLY: readonly Permission[] = [
  Permission.CommodityManage,
  Permission.TraceabilityManage,
];

/** Permissions that change stock: never held together with invoice approval outside ADMIN. */
export const INVENTORY_MUTATIONS: readonly Permission[] = [
  Permission.InventoryInwardCreate,
  Permission.InventoryZoneAllocate,
  Permission.InventoryMoveInternal,
  Permission.InventoryDispatchExecute,
  Permission.InventoryAdjust,
];
