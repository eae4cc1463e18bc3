import { INVENTORY_MUTATIONS, Permission } from './permission.enum';
import { scopeViolations, separationViolations } from './rbac-seed.service';
import { ROLE_DEFINITIONS } from './role-definitions';
import { RoleName } from './role-name.enum';

describe('separationViolations', () => {
  it.each(INVENTORY_MUTATIONS)(
    'reports a non-admin role that approves invoices and also holds %s',
    (mutation) => {
      expect(
        separationViolations([
          {
            name: RoleName.BillingManager,
            permissions: [Permission.BillingInvoiceApprove, Permission.InvoiceView, mutation],
          },
        ]),
      ).toEqual([RoleName.BillingManager]);
    },
  );

  it('reports every offending role, custom names included', () => {
    expect(
      separationViolations([
        {
          name: RoleName.Operator,
          permissions: [Permission.InventoryInwardCreate, Permission.BillingInvoiceApprove],
        },
        {
          name: 'NIGHT_SHIFT',
          permissions: [Permission.InventoryDispatchExecute, Permission.BillingInvoiceApprove],
        },
        { name: RoleName.Client, permissions: [Permission.InventoryView] },
      ]),
    ).toEqual([RoleName.Operator, 'NIGHT_SHIFT']);
  });

  it('does not report ADMIN, which holds every permission', () => {
    expect(
      separationViolations([{ name: RoleName.Admin, permissions: Object.values(Permission) }]),
    ).toEqual([]);
  });

  it('allows approving invoices alongside viewing stock, which changes nothing', () => {
    expect(
      separationViolations([
        {
          name: RoleName.BillingManager,
          permissions: [Permission.BillingInvoiceApprove, Permission.InventoryView],
        },
      ]),
    ).toEqual([]);
  });

  it('allows changing stock without approving invoices', () => {
    expect(
      separationViolations([
        { name: RoleName.InventoryManager, permissions: [...INVENTORY_MUTATIONS] },
      ]),
    ).toEqual([]);
  });

  it('finds nothing in the roles the seed ships', () => {
    expect(separationViolations(ROLE_DEFINITIONS)).toEqual([]);
  });
});

describe('scopeViolations', () => {
  it('reports a warehouse- or client-scoped role holding a permission over every warehouse', () => {
    expect(
      scopeViolations([
        {
          name: RoleName.InventoryManager,
          permissions: [Permission.InventoryView, Permission.CommodityManage],
        },
        { name: 'NIGHT_SHIFT', permissions: [Permission.CommodityManage] },
        { name: RoleName.Client, permissions: [Permission.InventoryView] },
      ]),
    ).toEqual(['INVENTORY_MANAGER: commodity.manage', 'NIGHT_SHIFT: commodity.manage']);
  });

  it('allows it to the unrestricted roles', () => {
    expect(
      scopeViolations([
        { name: RoleName.Admin, permissions: Object.values(Permission) },
        { name: RoleName.BillingManager, permissions: [Permission.CommodityManage] },
      ]),
    ).toEqual([]);
  });

  it('finds nothing in the roles the seed ships: the catalogue is for ADMIN alone', () => {
    expect(scopeViolations(ROLE_DEFINITIONS)).toEqual([]);
    expect(
      ROLE_DEFINITIONS.filter((role) => role.permissions.includes(Permission.CommodityManage)).map(
        (role) => role.name,
      ),
    ).toEqual([RoleName.Admin]);
  });
});
