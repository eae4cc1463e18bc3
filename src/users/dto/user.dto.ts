import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import { EnumField } from 'src/common/validation/fields';
import { RoleName } from 'src/rbac/role-name.enum';
import { UserStatus } from 'src/rbac/user-status.enum';

export class UserOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ravi@example.com', description: 'Lower-case' })
  email!: string;

  @ApiProperty({ example: 'Ravi Kumar' })
  full_name!: string;

  @ApiProperty({ type: String, nullable: true, example: '+91 98765 43210' })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ enum: UserStatus, enumName: 'UserStatus' })
  status!: UserStatus;

  @ApiProperty({ type: [String], example: ['OPERATOR'] })
  roles!: string[];

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class ListUsersQueryDto extends PaginationQueryDto {
  @EnumField(UserStatus, 'UserStatus', { optional: true, description: 'Only this status' })
  status?: UserStatus;

  @EnumField(RoleName, 'RoleName', { optional: true, description: 'Only holders of this role' })
  role?: RoleName;

  @ApiPropertyOptional({ description: 'Part of the email, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;
}

export class MessageDto {
  @ApiProperty({ example: 'User disabled.' })
  detail!: string;
}
