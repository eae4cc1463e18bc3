import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { BusinessRuleError } from 'src/common/errors/domain.errors';
import { AcceptsFormBody } from 'src/common/http/json-body.interceptor';
import { ProblemDetailsDto } from 'src/common/http/problem-details.dto';
import { Public } from 'src/common/http/public.decorator';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { TokenResponseDto } from './dto/token-response.dto';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @AcceptsFormBody()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password; returns a bearer token' })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Wrong credentials or inactive account',
    type: ProblemDetailsDto,
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDetailsDto })
  login(@Body() body: LoginDto): Promise<TokenResponseDto> {
    const email = body.email ?? body.username;
    if (!email) {
      throw new BusinessRuleError('Validation failed: email is required.', [
        { field: 'email', message: 'email is required' },
      ]);
    }
    return this.auth.login(email, body.password);
  }
}
