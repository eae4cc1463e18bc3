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
import { invalid } from 'src/common/validation/validation-failed.error';
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
  @ApiOperation({
    summary: 'Show the invitation behind a link',
    description:
      'Shows the email, role, warehouse or company and expiry of a pending invitation, so the ' +
      'sign-up page can show them before a password is chosen; it changes nothing. Unknown, ' +
      'used, revoked and expired tokens all answer the same 404. Each client address is rate ' +
      'limited.',
  })
  @ApiQuery({
    name: 'token',
    required: true,
    description: 'The token from the invitation link',
    schema: { type: 'string', minLength: 1, maxLength: 200 },
  })
  @ApiOkResponse({ type: InvitationPreviewDto })
  @ApiProblems(404, 422)
  preview(@Query('token') token: unknown): Promise<InvitationPreviewDto> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) {
      throw invalid('token', 'token is required');
    }
    return this.acceptance.preview(token);
  }

  @Post()
  @ApiOperation({
    summary: 'Accept an invitation: set your password and name, and your account is ready',
    description:
      'Creates the account, active at once, with the invited role, and the operator profile at ' +
      'the invited warehouse (shifts from the request, else from the invitation) or the client ' +
      'profile with the invited company; the invitation is spent. The password must pass the ' +
      'password policy (8 to 72 bytes, not the email, not a common password; 422 otherwise). ' +
      'An unknown, used, revoked or expired token answers 404 and an email that already has an ' +
      'account 409; the answer is the new user, not a token, so sign in next.',
  })
  @ApiCreatedResponse({ type: UserOutDto })
  @ApiProblems(404, 409, 422)
  accept(@Body() body: AcceptInvitationDto): Promise<UserOutDto> {
    return this.acceptance.accept(body);
  }
}
