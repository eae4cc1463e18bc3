import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ListUsersQueryDto, MessageDto, UserOutDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('admin-users')
@Controller('api/admin/users')
export class AdminUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly context: RequestContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({ summary: 'List users in your scope, filtered by status, role or email' })
  @Paginated(UserOutDto)
  @ApiProblems(422)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserOutDto>> {
    return this.users.list(this.context.scope(), query);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({ summary: 'Disable a user: their tokens stop working on their next request' })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 409, 422)
  async disable(@UuidParam() id: string): Promise<MessageDto> {
    await this.users.disable(this.context.principal(), id);
    return { detail: 'User disabled.' };
  }

  @Post(':id/force-logout')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({
    summary: "End all of a user's sessions: their tokens stop working on their next request",
  })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 422)
  async forceLogout(@UuidParam() id: string): Promise<MessageDto> {
    const ended = await this.users.forceLogout(this.context.principal(), id);
    return { detail: `${ended} session(s) ended.` };
  }

  @Post(':id/enable')
  @HttpCode(200)
  @RequirePermissions(Permission.UserInviteOperator)
  @ApiOperation({ summary: 'Re-enable a disabled user' })
  @ApiOkResponse({ type: MessageDto })
  @ApiProblems(404, 409, 422)
  async enable(@UuidParam() id: string): Promise<MessageDto> {
    await this.users.enable(this.context.principal(), id);
    return { detail: 'User enabled.' };
  }
}
