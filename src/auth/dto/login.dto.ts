import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { EmailField, PasswordField } from 'src/common/validation/fields';

/**
 * `{email, password}` as JSON, or the OAuth2 password-flow form (`username`, `password`,
 * `grant_type`, ...) that Swagger UI's Authorize button posts.
 */
export class LoginDto {
  @EmailField({ optional: true, description: 'The account email (JSON form)' })
  email?: string;

  @ApiPropertyOptional({
    description: 'The account email (OAuth2 form field)',
    example: 'ravi@example.com',
  })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  username?: string;

  @PasswordField('Your password')
  password!: string;

  @ApiPropertyOptional({ example: 'password', description: 'OAuth2 form only' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  grant_type?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  scope?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_id?: string;

  @ApiPropertyOptional({ description: 'OAuth2 form only; ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  client_secret?: string;
}
