import { ApiProperty } from '@nestjs/swagger';
import { StringField } from 'src/common/validation/fields';
import type { Gateway } from '../gateway.entity';

export class CreateGatewayDto {
  @StringField({ max: 200, example: 'Dock gateway, building A' })
  name!: string;
}

export class GatewayOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ example: 'Dock gateway, building A' })
  name!: string;

  @ApiProperty({
    description: 'The first part of its API key (csg_<key_prefix>_…), to tell keys apart',
    example: '3f9a1c0b7d2e',
  })
  key_prefix!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the key was revoked; null while it works',
  })
  revoked_at!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export class GatewayCreatedDto extends GatewayOutDto {
  @ApiProperty({
    description:
      'The API key, shown this once and never again (only its hash is stored): send it as the ' +
      'X-Api-Key header of POST /api/telemetry/readings',
    example: 'csg_3f9a1c0b7d2e_Jq0m3W9cXkJH1y4y0u5oQ2yQ7m2fVt8nE4bR6aLzP1s',
  })
  api_key!: string;
}

export function toGatewayOut(gateway: Gateway): GatewayOutDto {
  return {
    id: gateway.id,
    warehouse_id: gateway.warehouseId,
    name: gateway.name,
    key_prefix: gateway.keyPrefix,
    last_used_at: gateway.lastUsedAt?.toISOString() ?? null,
    revoked_at: gateway.revokedAt?.toISOString() ?? null,
    created_at: gateway.createdAt.toISOString(),
  };
}
