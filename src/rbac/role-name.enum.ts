export enum RoleName {
  Admin = 'ADMIN',
  Operator = 'OPERATOR',
  InventoryManager = 'INVENTORY_MANAGER',
  BillingManager = 'BILLING_MANAGER',
  Client = 'CLIENT',
}

/** Roles whose holders work inside one warehouse (their operator profile's). */
export const WAREHOUSE_ROLES: readonly RoleName[] = [RoleName.Operator, RoleName.InventoryManager];
