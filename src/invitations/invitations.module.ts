import { Module } from '@nestjs/common';
import { PasswordModule } from 'src/users/password.module';
import { MailModule } from 'src/mail/mail.module';
import { UsersModule } from 'src/users/users.module';
import { AcceptInvitationController } from './accept-invitation.controller';
import { AdminInvitationsController } from './admin-invitations.controller';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { InvitationsService } from './invitations.service';

@Module({
  imports: [MailModule, PasswordModule, UsersModule],
  controllers: [AdminInvitationsController, AcceptInvitationController],
  providers: [InvitationsService, InvitationAcceptanceService],
})
export class InvitationsModule {}
