import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ListUsersQueryDto, MessageDto, UserOutDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin-users')
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({
    summary: 'List users in your scope, filtered by status, role or email',
    description:
      'Lists accounts with their roles, oldest first; email matches any part of the address, ' +
      "in any case. Unrestricted staff see everyone; a warehouse's staff see the users with a " +
      'profile at their warehouse. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(UserOutDto)
  @ApiProblems(422)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserOutDto>> {
    return this.users.list(this.context.scope(), query);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({
    summary: 'Disable a user: their tokens stop working on their next request',
    description:
      'Sets the account DISABLED and ends all its sessions; disabling a disabled user changes ' +
      'nothing. You cannot disable yourself, nor the last active administrator (409). A user ' +
      'outside your scope answers 404, and one holding a role you could not give answers 403.',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 409, 422)
  async disable(@UuidParam() id: string): Promise<MessageDto> {
    await this.users.disable(this.context.caller(), id);
    return { detail: 'User disabled.' };
  }

  @Post(':id/force-logout')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({
    summary: "End all of a user's sessions: their tokens stop working on their next request",
    description:
      'Revokes every open session of the user, who must sign in again; the account stays ' +
      'active. The answer says how many sessions ended. A user outside your scope answers 404, ' +
      'and one holding a role you could not give answers 403.',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 422)
  async forceLogout(@UuidParam() id: string): Promise<MessageDto> {
    const ended = await this.users.forceLogout(this.context.caller(), id);
    return { detail: `${ended} session(s) ended.` };
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({
    summary: 'Re-enable a disabled user',
    description:
      'Sets a disabled account ACTIVE again; the user signs in anew, as the sessions ended on ' +
      'disabling stay ended. Enabling an active user changes nothing, and a user who has not ' +
      'accepted their invitation yet answers 409. Outside your scope 404; a user holding a role ' +
      "you could not give, or one disabled by unrestricted staff when you are a warehouse's " +
      'staff, 403.',
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 409, 422)
  async enable(@UuidParam() id: string): Promise<MessageDto> {
    await this.users.enable(this.context.caller(), id);
    return { detail: 'User enabled.' };
  }
}
