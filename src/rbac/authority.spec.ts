import { mayAssignRole, mayManageUser, type Authority } from './authority';
import type { DataScope } from './data-scope';
import { Permission } from './permission.enum';
import { RoleName } from './role-name.enum';

const caller = (
  roleNames: string[],
  permissions: Permission[],
  kind: DataScope['kind'],
): Authority => ({
  roleNames,
  permissions: new Set<string>(permissions),
  scope:
    kind === 'all'
      ? { kind, userId: 'u', roleNames }
      : kind === 'warehouse'
        ? { kind, userId: 'u', roleNames, warehouseId: 'w' }
        : { kind, userId: 'u', roleNames, clientId: 'c' },
});

describe('who may give and manage which roles', () => {
  const admin = caller([RoleName.Admin], Object.values(Permission), 'all');
  const manager = caller([RoleName.InventoryManager], [Permission.UserInviteOperator], 'warehouse');
  const staffDesk = caller(['STAFF_DESK'], [Permission.UserInviteOperator], 'all');
  const clientDesk = caller(['CLIENT_DESK'], [Permission.UserInviteClient], 'all');

  it('lets ADMIN give every role, custom ones included', () => {
    for (const role of [...Object.values(RoleName), 'NIGHT_SHIFT'])
      expect(mayAssignRole(admin, role)).toBe(true);
  });

  it("lets a warehouse's manager give OPERATOR only: no peer, nobody above", () => {
    expect(Object.values(RoleName).filter((role) => mayAssignRole(manager, role))).toEqual([
      RoleName.Operator,
    ]);
  });

  it('lets an unrestricted holder of user.invite.operator give both warehouse roles', () => {
    expect(Object.values(RoleName).filter((role) => mayAssignRole(staffDesk, role))).toEqual([
      RoleName.Operator,
      RoleName.InventoryManager,
    ]);
    expect(Object.values(RoleName).filter((role) => mayAssignRole(clientDesk, role))).toEqual([
      RoleName.Client,
    ]);
  });

  it('manages a user only when it could give every role the user holds', () => {
    expect(mayManageUser(manager, [RoleName.Operator])).toBe(true);
    expect(mayManageUser(manager, [RoleName.Operator, RoleName.BillingManager])).toBe(false);
    expect(mayManageUser(manager, [RoleName.InventoryManager])).toBe(false);
    expect(mayManageUser(staffDesk, [RoleName.Admin])).toBe(false);
    expect(mayManageUser(admin, [RoleName.Admin, RoleName.Client])).toBe(true);
  });
});
