import { ApiProperty, ApiPropertyOptional, ApiSchema, PickType } from '@nestjs/swagger';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  EmailField,
  EnumField,
  PasswordField,
  StringField,
  TimeField,
  UuidField,
} from 'src/common/validation/fields';
import { RoleName } from 'src/rbac/role-name.enum';
import { WarehouseOutDto } from 'src/warehouses/dto/warehouse.dto';
import { InvitationStatus } from '../invitation-status.enum';

@ApiSchema({
  description:
    'Which fields apply depends on role_assigned: OPERATOR and INVENTORY_MANAGER need ' +
    'warehouse_id and may have shifts; CLIENT needs company_name and may have billing_address; ' +
    'ADMIN and BILLING_MANAGER take neither. A field of another role is a 422.',
})
export class CreateInvitationDto {
  @EmailField({
    description: 'Stored lower-case; must not belong to a user or a pending invitation (409)',
  })
  email!: string;

  @EnumField(RoleName, 'RoleName', { example: RoleName.Operator })
  role_assigned!: RoleName;

  @UuidField({
    optional: true,
    description: 'A warehouse in your scope; required for OPERATOR and INVENTORY_MANAGER only',
  })
  warehouse_id?: string;

  @StringField({
    optional: true,
    max: 200,
    description: 'Required for CLIENT, and for CLIENT only',
    example: 'Sahyadri Farms',
  })
  company_name?: string;

  @StringField({
    optional: true,
    max: 500,
    description: 'CLIENT only',
    example: 'Nashik, Maharashtra',
  })
  billing_address?: string;

  @TimeField({ optional: true, description: 'OPERATOR and INVENTORY_MANAGER only' })
  shift_start?: string;

  @TimeField({
    optional: true,
    description: 'OPERATOR and INVENTORY_MANAGER only',
    example: '16:00',
  })
  shift_end?: string;
}

export class ListInvitationsQueryDto extends PaginationQueryDto {
  @EnumField(InvitationStatus, 'InvitationStatus', { optional: true })
  status?: InvitationStatus;
}

export class EmailDeliveryDto {
  @ApiProperty({ enum: ['PENDING', 'SENT', 'FAILED'] })
  status!: 'PENDING' | 'SENT' | 'FAILED';

  @ApiProperty({ type: 'integer', example: 1 })
  attempts!: number;

  @ApiProperty({ type: String, nullable: true })
  last_error!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at!: string | null;
}

export class InvitationWarehouseDto extends PickType(WarehouseOutDto, [
  'id',
  'code',
  'name',
] as const) {}

/** The first version's InvitationOut, plus what the SPA needs to show it. Never the token. */
export class InvitationOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ravi@example.com' })
  email!: string;

  @ApiProperty({ enum: RoleName, enumName: 'RoleName' })
  role_assigned!: string;

  @ApiProperty({ enum: InvitationStatus, enumName: 'InvitationStatus' })
  status!: InvitationStatus;

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiPropertyOptional({ type: InvitationWarehouseDto, nullable: true })
  warehouse!: InvitationWarehouseDto | null;

  @ApiProperty({ type: String, nullable: true })
  company_name!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  invited_by!: string | null;

  @ApiPropertyOptional({
    type: EmailDeliveryDto,
    nullable: true,
    description: 'Delivery of the invitation email',
  })
  email_delivery?: EmailDeliveryDto | null;
}

/** Returned once, at creation and resend: the only time the token is readable. */
export class CreatedInvitationDto extends InvitationOutDto {
  @ApiProperty({ description: 'Shown once; the email carries the same link', example: 'b3Jk...' })
  token!: string;

  @ApiProperty({ example: 'http://localhost:5173/accept-invitation?token=b3Jk...' })
  accept_url!: string;
}

/** What `GET /api/auth/accept-invitation?token=` shows the person accepting. */
export class InvitationPreviewDto extends PickType(InvitationOutDto, [
  'id',
  'email',
  'role_assigned',
  'status',
  'expires_at',
  'created_at',
  'warehouse',
  'company_name',
] as const) {}

export class AcceptInvitationDto {
  @StringField({ max: 200, description: 'The token from the invitation link' })
  token!: string;

  @PasswordField('8 to 72 bytes; not your email; not a common password')
  password!: string;

  @StringField({ max: 200, example: 'Ravi Kumar' })
  full_name!: string;

  @TimeField({
    optional: true,
    description: "Overrides the invitation's shift start; ignored for roles without a warehouse",
  })
  shift_start?: string;

  @TimeField({
    optional: true,
    description: "Overrides the invitation's shift end; ignored for roles without a warehouse",
    example: '16:00',
  })
  shift_end?: string;
}
