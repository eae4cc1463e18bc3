import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { AuditService } from 'src/audit/audit.service';
import { NotFoundError } from 'src/common/errors/domain.errors';
import type { AppConfig } from 'src/config/configuration';
import { renderPasswordResetEmail } from 'src/mail/emails';
import { OutboxService } from 'src/mail/outbox.service';
import { User } from 'src/users/user.entity';
import { UserStatus } from 'src/rbac/user-status.enum';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { PasswordHasher } from 'src/users/password-hasher.service';
import { assertPasswordAcceptable } from 'src/users/password-policy';
import { PasswordResetToken } from './password-reset-token.entity';
import { SessionsService } from './sessions.service';

const UNUSABLE = 'This password reset link is invalid, has already been used, or has expired.';

/** A new password makes every reset link still open for the user useless. */
export async function spendOpenResetLinks(manager: EntityManager, userId: string): Promise<void> {
  await manager
    .createQueryBuilder()
    .update(PasswordResetToken)
    .set({ usedAt: () => 'now()' })
    .where('user_id = :userId AND used_at IS NULL', { userId })
    .execute();
}

@Injectable()
export class PasswordResetService {
  private readonly logger = new Logger(PasswordResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /**
   * Answers the same whether or not the email exists: the look-up is all the request waits for,
   * and the token and email are written afterwards, so timing tells nothing either.
   */
  async requestReset(email: string): Promise<void> {
    const user = await this.dataSource.getRepository(User).findOne({
      where: { email: email.trim().toLowerCase(), status: UserStatus.Active },
      select: { id: true, email: true },
    });
    if (!user) return;
    this.issue(user).catch((error: unknown) => {
      this.logger.error({ err: error, userId: user.id }, 'Could not issue a password reset');
    });
  }

  private async issue(user: Pick<User, 'id' | 'email'>): Promise<void> {
    const minutes = this.config.get('auth', { infer: true }).passwordResetExpireMinutes;
    const app = this.config.get('app', { infer: true });
    const { token, hash } = newOpaqueToken();
    const expiresAt = new Date(Date.now() + minutes * 60_000);
    await this.dataSource.transaction(async (manager) => {
      const row = await manager.save(
        manager.create(PasswordResetToken, { userId: user.id, tokenHash: hash, expiresAt }),
      );
      const email = renderPasswordResetEmail({
        appName: app.name,
        recipientEmail: user.email,
        resetUrl: `${app.frontendUrl.replace(/\/+$/, '')}/reset-password?token=${encodeURIComponent(token)}`,
        expiresAt,
      });
      await this.outbox.enqueue(manager, {
        recipient: user.email,
        subject: email.subject,
        text: email.text,
        html: email.html,
        subjectType: 'password_reset',
        subjectId: row.id,
      });
      await this.audit.record(manager, {
        action: 'auth.password.reset_requested',
        entityType: 'user',
        entityId: user.id,
        actorUserId: null,
      });
    });
    this.outbox.wake();
  }

  /** Sets the new password, spends the link (and any other open link), ends every session. */
  async reset(token: string, newPassword: string): Promise<void> {
    const peek = await this.dataSource.getRepository(PasswordResetToken).findOne({
      where: { tokenHash: hashOpaqueToken(token), usedAt: IsNull() },
      relations: { user: true },
    });
    if (!peek?.user || peek.expiresAt <= new Date() || peek.user.status !== UserStatus.Active) {
      throw new NotFoundError('Reset link', UNUSABLE);
    }
    assertPasswordAcceptable(newPassword, peek.user.email, 'new_password');
    const passwordHash = await this.hasher.hash(newPassword);
    await this.dataSource.transaction(async (manager) => {
      const spent = await manager
        .createQueryBuilder()
        .update(PasswordResetToken)
        .set({ usedAt: () => 'now()' })
        .where('id = :id AND used_at IS NULL AND expires_at > now()', { id: peek.id })
        .execute();
      // A concurrent reset with the same link got there first.
      if (spent.affected !== 1) throw new NotFoundError('Reset link', UNUSABLE);
      await spendOpenResetLinks(manager, peek.userId);
      await manager.update(
        User,
        { id: peek.userId },
        { passwordHash, failedLoginCount: 0, failedLoginWindowStart: null, lockedUntil: null },
      );
      const ended = await this.sessions.endAllForUser(manager, peek.userId, 'password_reset');
      await this.audit.record(manager, {
        action: 'auth.password.reset',
        entityType: 'user',
        entityId: peek.userId,
        actorUserId: peek.userId,
        after: { sessions_ended: ended },
      });
    });
  }
}
