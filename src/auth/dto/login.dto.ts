import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { EmailField, PasswordField } from 'src/common/validation/fields';

/**
 * `{email, password}` as JSON, or the OAuth2 password-flow form (`username`, `password`,
 * `grant_type`, ...) that Swagger UI's Authorize button posts.
 */
@ApiSchema({
  description:
    'Sign-in: `email` and `password` as JSON, or the OAuth2 password form (`username`, ' +
    '`password`, optional `grant_type`, `scope`, `client_id`, `client_secret`). One of `email` ' +
    'or `username` is required (422 naming `email` when both are missing); give exactly one. ' +
    'When both are sent, `email` is used.',
})
export class LoginDto {
  @EmailField({
    optional: true,
    description: 'The account email (JSON form), any case; required unless username is given',
  })
  email?: string;

  @ApiPropertyOptional({
    description: 'The account email (OAuth2 form field); required unless email is given',
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
