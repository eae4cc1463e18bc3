import { ApiProperty } from '@nestjs/swagger';
import { EmailField, PasswordField, StringField } from 'src/common/validation/fields';

export class ForgotPasswordDto {
  @EmailField({ description: 'The account email, any case' })
  email!: string;
}

export class ResetPasswordDto {
  @StringField({ max: 200, description: 'The token from the reset link' })
  token!: string;

  @PasswordField('8 to 72 bytes; not your email; not a common password')
  new_password!: string;
}

export class ChangePasswordDto {
  @PasswordField('Your current password')
  current_password!: string;

  @PasswordField('8 to 72 bytes; not your email; not a common password')
  new_password!: string;
}

export class AcceptedDto {
  @ApiProperty({ example: 'If an account exists for that email, a reset link is on its way.' })
  detail!: string;
}
