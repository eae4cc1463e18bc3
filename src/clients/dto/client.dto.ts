import { ApiProperty } from '@nestjs/swagger';
import type { Client } from '../client.entity';

export class ClientOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  user_id!: string;

  @ApiProperty({ example: 'Sahyadri Farms' })
  company_name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Nashik, Maharashtra' })
  billing_address!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export function toClientOut(client: Client): ClientOutDto {
  return {
    id: client.id,
    user_id: client.userId,
    company_name: client.companyName,
    billing_address: client.billingAddress,
    created_at: client.createdAt.toISOString(),
  };
}
