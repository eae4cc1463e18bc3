import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { ConflictError, ForbiddenError, NotFoundError } from 'src/common/errors/domain.errors';
import { invalid } from 'src/common/validation/validation-failed.error';
import type { Page } from 'src/common/pagination/pagination';
import type { AppConfig } from 'src/config/configuration';
import { renderInvitationEmail } from 'src/mail/emails';
import { OutboxService } from 'src/mail/outbox.service';
import { mayAssignRole } from 'src/rbac/authority';
import { scopeCoversWarehouse, whereInScope } from 'src/rbac/data-scope';
import type { Principal } from 'src/rbac/principal';
import { RoleName, WAREHOUSE_ROLES } from 'src/rbac/role-name.enum';
import { Role } from 'src/rbac/role.entity';
import { User } from 'src/users/user.entity';
import { Warehouse } from 'src/warehouses/warehouse.entity';
import type {
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationOutDto,
  ListInvitationsQueryDto,
} from './dto/invitation.dto';
import { InvitationStatus } from './invitation-status.enum';
import { INVITATION_TTL_MS, newInvitationToken } from './invitation-token';
import { Invitation } from './invitation.entity';

export const INVITATION_SUBJECT = 'invitation';

/** A PENDING invitation past its expiry reads as EXPIRED everywhere. */
export function effectiveStatus(
  invitation: Pick<Invitation, 'status' | 'expiresAt'>,
  now = new Date(),
): InvitationStatus {
  return invitation.status === InvitationStatus.Pending && invitation.expiresAt <= now
    ? InvitationStatus.Expired
    : invitation.status;
}

@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly audit: AuditService,
  ) {}

  async create(caller: Principal, input: CreateInvitationDto): Promise<CreatedInvitationDto> {
    const created = await this.dataSource.transaction(async (manager) => {
      const role = await manager.findOneBy(Role, { name: input.role_assigned });
      if (!role)
        throw invalid('role_assigned', `role_assigned ${input.role_assigned} is not a seeded role`);
      const warehouse = await this.checkAuthority(manager, caller, input);
      if (await manager.exists(User, { where: { email: input.email } })) {
        throw new ConflictError(`A user with email ${input.email} already exists.`);
      }
      await this.expireStale(manager, input.email);
      if (
        await manager.exists(Invitation, {
          where: { email: input.email, status: InvitationStatus.Pending },
        })
      ) {
        throw new ConflictError(`A pending invitation for ${input.email} already exists.`);
      }
      const { token, hash } = newInvitationToken();
      const invitation = await manager.save(
        manager.create(Invitation, {
          email: input.email,
          tokenHash: hash,
          status: InvitationStatus.Pending,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
          roleId: role.id,
          invitedById: caller.userId,
          warehouseId: warehouse?.id ?? null,
          companyName:
            input.role_assigned === RoleName.Client ? (input.company_name ?? null) : null,
          billingAddress:
            input.role_assigned === RoleName.Client ? (input.billing_address ?? null) : null,
          shiftStart: input.shift_start ?? null,
          shiftEnd: input.shift_end ?? null,
        }),
      );
      invitation.role = role;
      invitation.warehouse = warehouse;
      await this.enqueueEmail(manager, invitation, token);
      await this.audit.record(manager, {
        action: 'invitation.created',
        entityType: 'invitation',
        entityId: invitation.id,
        warehouseId: invitation.warehouseId,
        after: { email: invitation.email, role: role.name, company_name: invitation.companyName },
      });
      return { invitation, token };
    });
    this.outbox.wake();
    return this.withToken(created.invitation, created.token);
  }

  /**
   * Who may invite whom (see mayAssignRole): OPERATOR and INVENTORY_MANAGER need a warehouse in
   * the caller's scope; CLIENT a company.
   */
  private async checkAuthority(
    manager: EntityManager,
    caller: Principal,
    input: CreateInvitationDto,
  ): Promise<Warehouse | null> {
    const role = input.role_assigned;
    const isWarehouseRole = (WAREHOUSE_ROLES as readonly string[]).includes(role);
    if (isWarehouseRole) {
      if (!mayAssignRole(caller, role)) throw new ForbiddenError();
      if (!input.warehouse_id)
        throw invalid('warehouse_id', `warehouse_id is required to invite ${role}`);
      if (!scopeCoversWarehouse(caller.scope, input.warehouse_id))
        throw new NotFoundError('Warehouse');
      const warehouse = await manager.findOneBy(Warehouse, { id: input.warehouse_id });
      if (!warehouse) throw new NotFoundError('Warehouse');
      if (input.company_name !== undefined || input.billing_address !== undefined) {
        throw invalid(
          'company_name',
          `company_name and billing_address apply only to CLIENT invitations`,
        );
      }
      return warehouse;
    }
    if (
      input.warehouse_id !== undefined ||
      input.shift_start !== undefined ||
      input.shift_end !== undefined
    ) {
      throw invalid(
        'warehouse_id',
        `warehouse_id and shifts apply only to OPERATOR and INVENTORY_MANAGER invitations`,
      );
    }
    if (role === RoleName.Client) {
      if (!mayAssignRole(caller, role)) throw new ForbiddenError();
      if (!input.company_name)
        throw invalid('company_name', 'company_name is required to invite a CLIENT');
      return null;
    }
    if (input.company_name !== undefined || input.billing_address !== undefined) {
      throw invalid(
        'company_name',
        `company_name and billing_address apply only to CLIENT invitations`,
      );
    }
    if (!mayAssignRole(caller, role)) throw new ForbiddenError();
    return null;
  }

  /** Frees the email of invitations that ran out, so a new one can be sent. */
  private async expireStale(manager: EntityManager, email: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Invitation)
      .set({ status: InvitationStatus.Expired })
      .where('email = :email AND status = :pending AND expires_at <= now()', {
        email,
        pending: InvitationStatus.Pending,
      })
      .execute();
  }

  private async enqueueEmail(
    manager: EntityManager,
    invitation: Invitation,
    token: string,
  ): Promise<void> {
    const app = this.config.get('app', { infer: true });
    const email = renderInvitationEmail({
      appName: app.name,
      recipientEmail: invitation.email,
      roleName: invitation.role?.name ?? '',
      acceptUrl: this.acceptUrl(token),
      expiresAt: invitation.expiresAt,
      warehouseName: invitation.warehouse?.name,
      companyName: invitation.companyName ?? undefined,
    });
    await this.outbox.enqueue(manager, {
      recipient: invitation.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      subjectType: INVITATION_SUBJECT,
      subjectId: invitation.id,
    });
  }

  private acceptUrl(token: string): string {
    const base = this.config.get('app', { infer: true }).frontendUrl.replace(/\/+$/, '');
    return `${base}/accept-invitation?token=${encodeURIComponent(token)}`;
  }

  async list(caller: Principal, query: ListInvitationsQueryDto): Promise<Page<InvitationOutDto>> {
    const builder = this.scoped(caller)
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .skip(query.skip)
      .take(query.limit);
    if (query.status === InvitationStatus.Pending) {
      builder.andWhere("i.status = 'PENDING' AND i.expiresAt > now()");
    } else if (query.status === InvitationStatus.Expired) {
      builder.andWhere(
        new Brackets((q) =>
          q.where("i.status = 'EXPIRED'").orWhere("i.status = 'PENDING' AND i.expiresAt <= now()"),
        ),
      );
    } else if (query.status) {
      builder.andWhere('i.status = :status', { status: query.status });
    }
    const [items, total] = await builder.getManyAndCount();
    const delivery = await this.outbox.deliveryStatus(
      INVITATION_SUBJECT,
      items.map((i) => i.id),
    );
    return {
      items: items.map((i) =>
        Object.assign(toInvitationOut(i), { email_delivery: delivery.get(i.id) ?? null }),
      ),
      total,
    };
  }

  /** Invitations the caller may see: all, or those for its warehouse. */
  private scoped(
    caller: Principal,
    manager: EntityManager = this.dataSource.manager,
  ): SelectQueryBuilder<Invitation> {
    const builder = manager
      .createQueryBuilder(Invitation, 'i')
      .leftJoinAndSelect('i.role', 'role')
      .leftJoinAndSelect('i.warehouse', 'warehouse');
    return whereInScope(builder, caller.scope, { warehouse: 'i.warehouseId' });
  }

  async revoke(caller: Principal, id: string): Promise<InvitationOutDto> {
    const invitation = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockInScope(manager, caller, id);
      if (effectiveStatus(found) !== InvitationStatus.Pending) {
        throw new ConflictError(
          `Only a pending invitation can be revoked; this one is ${effectiveStatus(found)}.`,
        );
      }
      found.status = InvitationStatus.Revoked;
      found.revokedAt = new Date();
      const saved = await manager.save(found);
      await this.audit.record(manager, {
        action: 'invitation.revoked',
        entityType: 'invitation',
        entityId: saved.id,
        warehouseId: saved.warehouseId,
        before: { status: InvitationStatus.Pending },
        after: { status: InvitationStatus.Revoked },
      });
      return saved;
    });
    return toInvitationOut(invitation);
  }

  /** A new token and a new 72 hours: the old link stops working. */
  async resend(caller: Principal, id: string): Promise<CreatedInvitationDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      const found = await this.lockInScope(manager, caller, id);
      if (found.status !== InvitationStatus.Pending && found.status !== InvitationStatus.Expired) {
        throw new ConflictError(`A ${found.status} invitation cannot be resent.`);
      }
      if (await manager.exists(User, { where: { email: found.email } })) {
        throw new ConflictError(`A user with email ${found.email} already exists.`);
      }
      const { token, hash } = newInvitationToken();
      found.tokenHash = hash;
      found.status = InvitationStatus.Pending;
      found.expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
      const saved = await manager.save(found);
      await this.enqueueEmail(manager, saved, token);
      await this.audit.record(manager, {
        action: 'invitation.resent',
        entityType: 'invitation',
        entityId: saved.id,
        warehouseId: saved.warehouseId,
        after: { expires_at: saved.expiresAt.toISOString() },
      });
      return { invitation: saved, token };
    });
    this.outbox.wake();
    return this.withToken(result.invitation, result.token);
  }

  /** An invitation in scope (else 404) that the caller could have sent (else 403), locked. */
  private async lockInScope(
    manager: EntityManager,
    caller: Principal,
    id: string,
  ): Promise<Invitation> {
    const locked = await this.scoped(caller, manager)
      .andWhere('i.id = :id', { id })
      .setLock('pessimistic_write', undefined, ['i'])
      .getOne();
    if (!locked) throw new NotFoundError('Invitation');
    if (!mayAssignRole(caller, locked.role?.name ?? '')) throw new ForbiddenError();
    return locked;
  }

  private async withToken(invitation: Invitation, token: string): Promise<CreatedInvitationDto> {
    const delivery = await this.outbox.deliveryStatus(INVITATION_SUBJECT, [invitation.id]);
    return Object.assign(toInvitationOut(invitation), {
      email_delivery: delivery.get(invitation.id) ?? null,
      token,
      accept_url: this.acceptUrl(token),
    });
  }
}

export function toInvitationOut(invitation: Invitation): InvitationOutDto {
  return {
    id: invitation.id,
    email: invitation.email,
    role_assigned: invitation.role?.name ?? '',
    status: effectiveStatus(invitation),
    expires_at: invitation.expiresAt.toISOString(),
    created_at: invitation.createdAt.toISOString(),
    warehouse_id: invitation.warehouseId,
    warehouse: invitation.warehouse
      ? {
          id: invitation.warehouse.id,
          code: invitation.warehouse.code,
          name: invitation.warehouse.name,
        }
      : null,
    company_name: invitation.companyName,
    invited_by: invitation.invitedById,
  };
}
