import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
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
    private readonly context: RequestContext,
  ) {}

  @Post()
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'Invite someone with a role; the email goes out in the background',
    description:
      'OPERATOR and INVENTORY_MANAGER need user.invite.operator and warehouse_id; CLIENT needs user.invite.client and company_name; ADMIN and BILLING_MANAGER an administrator. The token is returned once.',
  })
  @ApiCreatedResponse({ type: CreatedInvitationDto })
  @ApiProblems(404, 409, 422)
  create(@Body() body: CreateInvitationDto): Promise<CreatedInvitationDto> {
    return this.invitations.create(this.context.principal(), body);
  }

  @Get()
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({ summary: 'List invitations in your scope (expired ones show as EXPIRED)' })
  @Paginated(InvitationOutDto)
  @ApiProblems(422)
  list(@Query() query: ListInvitationsQueryDto): Promise<Page<InvitationOutDto>> {
    return this.invitations.list(this.context.principal(), query);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({ summary: 'Revoke a pending invitation: its link stops working' })
  @ApiOkResponse({ type: InvitationOutDto })
  @ApiProblems(404, 409, 422)
  revoke(@UuidParam() id: string): Promise<InvitationOutDto> {
    return this.invitations.revoke(this.context.principal(), id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @RequireAnyPermission(Permission.UserInviteOperator, Permission.UserInviteClient)
  @ApiOperation({
    summary: 'Send a pending or expired invitation again, with a new link valid 72 hours',
  })
  @ApiOkResponse({ type: CreatedInvitationDto })
  @ApiProblems(404, 409, 422)
  resend(@UuidParam() id: string): Promise<CreatedInvitationDto> {
    return this.invitations.resend(this.context.principal(), id);
  }
}
