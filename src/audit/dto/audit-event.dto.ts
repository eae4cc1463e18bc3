import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import { DateTimeField, UuidField } from 'src/common/validation/fields';

export class ListAuditEventsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Actor user id' })
  actor?: string;

  @ApiPropertyOptional({ description: 'An action code, e.g. invitation.created' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_.]{1,64}$/, {
    message: 'action must be an action code such as invitation.created',
  })
  action?: string;

  @ApiPropertyOptional({ description: 'An entity type, e.g. user' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entity_type?: string;

  @UuidField({ optional: true, description: 'Events about this entity (user, lot, invoice...)' })
  entity_id?: string;

  @UuidField({ optional: true, description: 'Warehouse id' })
  warehouse?: string;

  @DateTimeField({ optional: true, description: 'From this instant (inclusive)' })
  from?: Date;

  @DateTimeField({ optional: true, description: 'Before this instant (exclusive)' })
  to?: Date;
}

export class AuditEventOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actor_user_id!: string | null;

  @ApiProperty({ example: 'user.disabled' })
  action!: string;

  @ApiProperty({ type: String, nullable: true, example: 'user' })
  entity_type!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  entity_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  client_id!: string | null;

  @ApiProperty({ type: Object, nullable: true, example: { status: 'ACTIVE' } })
  before!: Record<string, unknown> | null;

  @ApiProperty({ type: Object, nullable: true, example: { status: 'DISABLED' } })
  after!: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true })
  request_id!: string | null;

  @ApiProperty({ type: String, nullable: true })
  ip!: string | null;
}
