import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequireAnyPermission } from 'src/rbac/require-permissions.decorator';
import {
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationOutDto,
  ListInvitationsQueryDto,
} from './dto/invitation.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('admin-invitations')
@Controller('api/admin/invitations')
export class AdminInvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post()
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'Invite someone with a role; the email goes out in the background',
    description:
      'Creates a PENDING invitation valid 72 hours and queues its email in the same transaction; ' +
      'the token and accept link are shown only in this answer and in the email. OPERATOR and ' +
      'INVENTORY_MANAGER invitations need a warehouse_id in your scope (404 otherwise) and may ' +
      'carry shifts; CLIENT invitations need company_name and may carry billing_address; fields ' +
      'of another role are a 422. You may give only roles within your own authority (403): ' +
      'ADMIN and BILLING_MANAGER only an administrator, INVENTORY_MANAGER only unrestricted ' +
      'staff; an existing user or a pending invitation for the email answers 409.',
  })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiProblems(404, 409, 422)
  create(@Body() body: CreateInvitationDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(this.context.caller(), body);
  }

  @Get()
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'List invitations in your scope (expired ones show as EXPIRED)',
    description:
      'Lists invitations newest first, with the delivery state of their email and never their ' +
      "token. Unrestricted staff see all; a warehouse's staff see those for their warehouse. A " +
      'pending invitation past its expiry shows, and filters, as EXPIRED. Paginated with skip ' +
      'and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(InvitationOutDto)
  @ApiProblems(422)
  list(@Query() query: ListInvitationsQueryDto): Promise<Page<InvitationOutDto>> {
    return this.invitations.list(this.context.caller(), query);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'Revoke a pending invitation: its link stops working',
    description:
      'Marks a pending invitation REVOKED; its link stops working at once. Any other status, ' +
      'expired included, answers 409. An invitation outside your scope answers 404, and one ' +
      'for a role you could not give answers 403.',
  })
  @ApiOkResponse({ type: InvitationOutDto })
  @ApiProblems(404, 409, 422)
  revoke(@UuidParam() id: string): Promise<InvitationOutDto> {
    return this.invitations.revoke(this.context.caller(), id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'Send a pending or expired invitation again, with a new link valid 72 hours',
    description:
      'Gives the invitation a new token, makes it PENDING for 72 hours and queues the email ' +
      'again; the previous link stops working, and the new token is shown once, as at ' +
      'creation. An accepted or revoked invitation, or an email that meanwhile has an account, ' +
      'answers 409; outside your scope 404, a role you could not give 403.',
  })
  @ApiOkResponse({ type: CreatedInvitationDto })
  @ApiProblems(404, 409, 422)
  resend(@UuidParam() id: string): Promise<CreatedInvitationDto> {
    return this.invitations.resend(this.context.caller(), id);
  }
}
