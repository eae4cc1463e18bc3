import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { invalid } from 'src/common/validation/validation-failed.error';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { AcceptsFormBody } from 'src/common/http/json-body.guard';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import { Public } from 'src/common/http/public.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { PrincipalContext } from 'src/rbac/principal-context';
import { Authenticated } from 'src/rbac/require-permissions.decorator';
import { AuthRateLimited } from './auth-rate-limit.decorator';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import {
  AcceptedDto,
  ChangePasswordDto,
  ForgotPasswordDto,
  ResetPasswordDto,
} from './dto/password.dto';
import { SessionOutDto, toSessionOut } from './dto/session.dto';
import { RefreshRequestDto, TokenResponseDto } from './dto/token-response.dto';
import { PasswordResetService } from './password-reset.service';
import { SessionsService } from './sessions.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly resets: PasswordResetService,
    private readonly sessions: SessionsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('login')
  @Public()
  @AuthRateLimited()
  @AcceptsFormBody()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password; returns an access token and a refresh token',
    description:
      'Opens a session and returns a bearer access token (valid `expires_in` seconds) with a ' +
      'single-use refresh token. Send JSON `{email, password}`, or the OAuth2 password form ' +
      "(`username`, `password`) that Swagger UI's Authorize button posts. An unknown email, a " +
      'wrong password, a locked or a non-active account all answer the same 401; repeated wrong ' +
      'passwords lock the account for a while, and each client address is rate limited (429).',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Wrong credentials, locked or inactive account',
    type: ProblemDetailsDto,
  })
  @ApiProblems(422)
  login(@Body() body: LoginDto): Promise<TokenResponseDto> {
    const email = body.email ?? body.username;
    if (!email) {
      throw invalid('email', 'email is required');
    }
    return this.auth.login(email, body.password);
  }

  @Post('refresh')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair; the old refresh token is spent',
    description:
      'Returns a new access token and a new refresh token for the same session. A refresh ' +
      'token shown again after it was spent is taken as stolen and ends the whole session ' +
      '(within a few seconds it is only refused, for concurrent refreshes of one client). ' +
      'Unknown, spent, expired or revoked tokens answer 401; each client address is rate limited.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Unknown, spent, expired or revoked refresh token',
    type: ProblemDetailsDto,
  })
  @ApiProblems(422)
  refresh(@Body() body: RefreshRequestDto): Promise<TokenResponseDto> {
    return this.auth.refresh(body.refresh_token);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary: 'End the current session: its access and refresh tokens stop working',
    description:
      'Revokes the session of the token making this request: its access token is refused from ' +
      'the next request on, and its refresh token can no longer be exchanged. Your other ' +
      'sessions stay open.',
  })
  @ApiNoContentResponse()
  async logout(): Promise<void> {
    await this.auth.logout(this.context.caller());
  }

  @Get('sessions')
  @Authenticated()
  @ApiOperation({
    summary: 'Your open sessions (devices), most recently used first',
    description:
      'Lists the sessions of your own account that are neither ended nor expired, with the ' +
      'device (user agent) and address that last used them; `current` marks the one making ' +
      'this request. Not paginated.',
  })
  @ApiOkResponse({ type: SessionOutDto, isArray: true })
  async listSessions(): Promise<SessionOutDto[]> {
    const { userId, sessionId } = this.context.caller();
    return (await this.sessions.listOpen(userId)).map((s) => toSessionOut(s, sessionId));
  }

  @Delete('sessions/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary: 'End one of your sessions',
    description:
      'Revokes one of your own sessions, e.g. on a lost device: its tokens are refused from ' +
      'their next request on. A session of another user, or one already ended, answers 404.',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 422)
  async endSession(@UuidParam() id: string): Promise<void> {
    await this.sessions.endOwn(this.context.caller().userId, id);
  }

  @Post('forgot-password')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Email a password reset link; the answer is the same whether or not the account exists',
    description:
      'When an active account has this email, a single-use reset link, valid for a limited ' +
      'time, is queued for sending. The answer is the same 202, after the same wait, whether or ' +
      'not such an account exists, so it tells nothing about which emails have accounts. Each ' +
      'client address is rate limited.',
  })
  @ApiAcceptedResponse({ type: AcceptedDto })
  @ApiProblems(422)
  async forgotPassword(@Body() body: ForgotPasswordDto): Promise<AcceptedDto> {
    await this.resets.requestReset(body.email);
    return { detail: 'If an account exists for that email, a reset link is on its way.' };
  }

  @Post('reset-password')
  @Public()
  @AuthRateLimited()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Set a new password with a reset link; every session of the account ends',
    description:
      'Sets the new password, which must pass the password policy (8 to 72 bytes, not the ' +
      'email, not a common password; 422 otherwise). The link and every other open link of the ' +
      'account are spent, a sign-in lockout is lifted, and every session of the account ends. ' +
      'An unknown, used or expired link answers 404.',
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 422)
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.resets.reset(body.token, body.new_password);
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password; your other sessions end',
    description:
      'Checks the current password, then sets the new one, which must pass the password policy ' +
      '(422 otherwise). Your other sessions end and open reset links are spent; this session ' +
      'stays signed in. A wrong current password answers 422 and counts toward the sign-in ' +
      'lockout; while the account is locked the answer is 429 with Retry-After.',
  })
  @ApiNoContentResponse()
  @ApiProblems(422, 429)
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(this.context.caller(), body.current_password, body.new_password);
  }
}
