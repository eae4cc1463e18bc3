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
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { AcceptsFormBody } from 'src/common/http/json-body.interceptor';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import { Public } from 'src/common/http/public.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { RequestContext } from 'src/rbac/request-context.service';
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
    private readonly context: RequestContext,
  ) {}

  @Post('login')
  @Public()
  @AuthRateLimited()
  @AcceptsFormBody()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password; returns an access token and a refresh token',
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
      throw new BusinessRuleError('Validation failed: email is required.', [
        { field: 'email', message: 'email is required' },
      ]);
    }
    return this.auth.login(email, body.password);
  }

  @Post('refresh')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair; the old refresh token is spent',
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
  @ApiOperation({ summary: 'End the current session: its access and refresh tokens stop working' })
  @ApiNoContentResponse()
  async logout(): Promise<void> {
    await this.auth.logout(this.context.principal());
  }

  @Get('sessions')
  @Authenticated()
  @ApiOperation({ summary: 'Your open sessions (devices), newest first' })
  @ApiOkResponse({ type: SessionOutDto, isArray: true })
  async listSessions(): Promise<SessionOutDto[]> {
    const { userId, sessionId } = this.context.principal();
    return (await this.sessions.listOpen(userId)).map((s) => toSessionOut(s, sessionId));
  }

  @Delete('sessions/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'End one of your sessions' })
  @ApiNoContentResponse()
  @ApiProblems(404, 422)
  async endSession(@UuidParam() id: string): Promise<void> {
    await this.sessions.endOwn(this.context.principal().userId, id);
  }

  @Post('forgot-password')
  @Public()
  @AuthRateLimited()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Email a password reset link; the answer is the same whether or not the account exists',
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
  })
  @ApiNoContentResponse()
  @ApiProblems(404, 422)
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.resets.reset(body.token, body.new_password);
  }

  @Post('change-password')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your password; your other sessions end' })
  @ApiNoContentResponse()
  @ApiProblems(422)
  async changePassword(@Body() body: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(
      this.context.principal(),
      body.current_password,
      body.new_password,
    );
  }
}
