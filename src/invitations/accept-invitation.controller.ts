import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { AuthRateLimited } from 'src/auth/auth-rate-limit.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Public } from 'src/common/http/public.decorator';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { UserOutDto } from 'src/users/dto/user.dto';
import { AcceptInvitationDto, InvitationPreviewDto } from './dto/invitation.dto';
import { InvitationAcceptanceService } from './invitation-acceptance.service';

@ApiTags('auth')
@Controller('api/auth/accept-invitation')
@Public()
@AuthRateLimited()
export class AcceptInvitationController {
  constructor(private readonly acceptance: InvitationAcceptanceService) {}

  @Get()
  @ApiOperation({ summary: 'Show the invitation behind a link' })
  @ApiQuery({ name: 'token', required: true })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiProblems(404, 422)
  preview(@Query('token') token: unknown): Promise<InvitationPreviewDto> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      throw new BusinessRuleError('Validation failed: token is required.', [
        { field: 'token', message: 'token is required' },
      ]);
    }
    return this.acceptance.preview(token);
  }

  @Post()
  @ApiOperation({
    summary: 'Accept an invitation: set your password and name, and your account is ready',
  })
  @ApiCreatedResponse({ type: UserOutDto })
  @ApiProblems(404, 409, 422)
  accept(@Body() body: AcceptInvitationDto): Promise<UserOutDto> {
    return this.acceptance.accept(body);
  }
}
