import { ApiProperty } from '@nestjs/swagger';
import { StringField } from 'src/common/validation/fields';

export class TokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' })
  access_token!: string;

  @ApiProperty({ example: 'bearer' })
  token_type!: 'bearer';

  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ example: ['OPERATOR'], type: [String] })
  roles!: string[];

  @ApiProperty({
    type: 'integer',
    example: 1800,
    description: 'Seconds until the access token expires',
  })
  expires_in!: number;

  @ApiProperty({ description: 'Opaque; exchange at /api/auth/refresh for a new pair (single use)' })
  refresh_token!: string;

  @ApiProperty({
    type: 'integer',
    example: 1209600,
    description:
      'Seconds until the session and its refresh tokens expire; refreshing does not extend it',
  })
  refresh_expires_in!: number;
}

export class RefreshRequestDto {
  @StringField({ max: 200, description: 'The refresh token from the last sign-in or refresh' })
  refresh_token!: string;
}
