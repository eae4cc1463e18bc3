import { ApiProperty } from '@nestjs/swagger';

export class TokenResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' })
  access_token!: string;

  @ApiProperty({ example: 'bearer' })
  token_type!: 'bearer';

  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ example: ['OPERATOR'], type: [String] })
  roles!: string[];

  @ApiProperty({ example: 1800, description: 'Seconds until the access token expires' })
  expires_in!: number;
}
