import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { PasswordHasher } from 'src/users/password-hasher.service';
import { assertPasswordAcceptable } from 'src/users/password-policy';
import { Client } from 'src/clients/client.entity';
import { ConflictError, NotFoundError } from 'src/common/errors/domain.errors';
import { RoleName, WAREHOUSE_ROLES } from 'src/rbac/role-name.enum';
import { UserRole } from 'src/rbac/user-role.entity';
import type { UserOutDto } from 'src/users/dto/user.dto';
import { OperatorProfile } from 'src/users/operator-profile.entity';
import { User } from 'src/users/user.entity';
import { UserStatus } from 'src/rbac/user-status.enum';
import { UsersService } from 'src/users/users.service';
import type { AcceptInvitationDto, InvitationPreviewDto } from './dto/invitation.dto';
import { InvitationStatus } from './invitation-status.enum';
import { hashInvitationToken } from './invitation-token';
import { Invitation } from './invitation.entity';
import { toInvitationOut } from './invitations.service';

/** One message for unknown, used, revoked and expired tokens: nothing to learn from it. */
const UNUSABLE = 'This invitation link is invalid, has already been used, or has expired.';

@Injectable()
export class InvitationAcceptanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersService,
    private readonly audit: AuditService,
  ) {}

  async preview(token: string): Promise<InvitationPreviewDto> {
    const out = toInvitationOut(await this.findUsable(this.dataSource.manager, token, false));
    const { id, email, role_assigned, status, expires_at, created_at, warehouse, company_name } =
      out;
    return { id, email, role_assigned, status, expires_at, created_at, warehouse, company_name };
  }

  /**
   * Creates (or activates) the user, gives the role, creates the operator profile — its
   * warehouse from the invitation, never from the request — or the client, and spends the
   * invitation, in one transaction. The row lock makes a second concurrent accept a 404.
   */
  async accept(input: AcceptInvitationDto): Promise<UserOutDto> {
    const preview = await this.findUsable(this.dataSource.manager, input.token, false);
    assertPasswordAcceptable(input.password, preview.email);
    const passwordHash = await this.hasher.hash(input.password);

    return this.dataSource.transaction(async (manager) => {
      const invitation = await this.findUsable(manager, input.token, true);
      const roleName = invitation.role?.name ?? '';
      let user = await manager.findOne(User, {
        where: { email: invitation.email },
        lock: { mode: 'pessimistic_write' },
      });
      if (user && user.status !== UserStatus.Invited) {
        throw new ConflictError('An account with this email already exists. Sign in instead.');
      }
      user = await manager.save(
        Object.assign(user ?? manager.create(User, { email: invitation.email }), {
          passwordHash,
          fullName: input.full_name,
          status: UserStatus.Active,
        }),
      );
      await manager
        .createQueryBuilder()
        .insert()
        .into(UserRole)
        .values({ userId: user.id, roleId: invitation.roleId })
        .orIgnore()
        .execute();
      if ((WAREHOUSE_ROLES as readonly string[]).includes(roleName) && invitation.warehouseId) {
        await this.upsertOperatorProfile(manager, user.id, invitation, input);
      }
      if (roleName === (RoleName.Client as string)) {
        await manager.save(
          manager.create(Client, {
            userId: user.id,
            companyName: invitation.companyName ?? '',
            billingAddress: invitation.billingAddress,
            createdByAdminId: invitation.invitedById,
          }),
        );
      }
      invitation.status = InvitationStatus.Accepted;
      invitation.acceptedAt = new Date();
      invitation.acceptedUserId = user.id;
      await manager.save(invitation);
      await this.audit.record(manager, {
        action: 'invitation.accepted',
        entityType: 'invitation',
        entityId: invitation.id,
        warehouseId: invitation.warehouseId,
        actorUserId: user.id,
        after: { user_id: user.id, role: roleName },
      });
      return this.users.getOut(user.id, manager);
    });
  }

  private async upsertOperatorProfile(
    manager: EntityManager,
    userId: string,
    invitation: Invitation,
    input: AcceptInvitationDto,
  ): Promise<void> {
    const profile =
      (await manager.findOneBy(OperatorProfile, { userId })) ??
      manager.create(OperatorProfile, { userId });
    profile.warehouseId = invitation.warehouseId as string;
    profile.shiftStart = input.shift_start ?? invitation.shiftStart;
    profile.shiftEnd = input.shift_end ?? invitation.shiftEnd;
    await manager.save(profile);
  }

  private async findUsable(
    manager: EntityManager,
    token: string,
    lock: boolean,
  ): Promise<Invitation> {
    const query = manager
      .createQueryBuilder(Invitation, 'i')
      .leftJoinAndSelect('i.role', 'role')
      .leftJoinAndSelect('i.warehouse', 'warehouse')
      .where('i.tokenHash = :hash', { hash: hashInvitationToken(token) });
    if (lock) query.setLock('pessimistic_write', undefined, ['i']);
    const invitation = await query.getOne();
    if (invitation?.status !== InvitationStatus.Pending || invitation.expiresAt <= new Date()) {
      throw new NotFoundError('Invitation', UNUSABLE);
    }
    return invitation;
  }
}
