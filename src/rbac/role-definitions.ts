import { Permission } from './permission.enum';
import { RoleName } from './role-name.enum';

export interface RoleDefinition {
  name: RoleName;
  description: string;
  permissions: readonly Permission[];
}

const INVENTORY_OPERATIONS = [
  Permission.InventoryInwardCreate,
  Permission.InventoryZoneAllocate,
  Permission.InventoryMoveInternal,
  Permission.InventoryDispatchExecute,
  Permission.InventoryView,
] as const;

/** The five roles the seed keeps in the database. */
export const ROLE_DEFINITIONS: readonly RoleDefinition[] = [
  {
    name: RoleName.Admin,
    description: 'Runs the company: every permission, unrestricted scope',
    permissions: Object.values(Permission),
  },
  {
    name: RoleName.Operator,
    description: 'Receives, stores and dispatches goods in one warehouse',
    permissions: INVENTORY_OPERATIONS,
  },
  {
    name: RoleName.InventoryManager,
    description: "Keeps one warehouse's stock right and invites its operators",
    permissions: [
      ...INVENTORY_OPERATIONS,
      Permission.UserInviteOperator,
      Permission.InventoryAdjust,
      Permission.TelemetryManage,
    ],
  },
  {
    name: RoleName.BillingManager,
    description: 'Charges rent and handling: billing only, no stock changes',
    permissions: [
      Permission.BillingInvoiceCreate,
      Permission.BillingInvoiceApprove,
      Permission.BillingRateManage,
      Permission.FinanceLienManage,
      Permission.InvoiceView,
      Permission.InventoryView,
    ],
  },
  {
    name: RoleName.Client,
    description: 'Follows its own goods and invoices',
    permissions: [Permission.InventoryView, Permission.InvoiceView],
  },
];
