import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DocumentLanguage } from 'src/common/pdf/document-labels';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import { EnumField, StringField } from 'src/common/validation/fields';
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

  @ApiProperty({
    enum: DocumentLanguage,
    enumName: 'DocumentLanguage',
    description: 'The language of the labels on its invoices, receipts and statements',
  })
  document_language!: DocumentLanguage;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export function toClientOut(client: Client): ClientOutDto {
  return {
    id: client.id,
    user_id: client.userId,
    company_name: client.companyName,
    billing_address: client.billingAddress,
    document_language: client.documentLanguage,
    created_at: client.createdAt.toISOString(),
  };
}

export class ListClientsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the company name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  company_name?: string;
}

/** What an administrator may change of a client profile; the fields left out stay. */
export class UpdateClientDto {
  @StringField({
    optional: true,
    max: 200,
    description: 'The name on its documents, in any script',
    example: 'रामप्रसाद शर्मा एंड संस',
  })
  company_name?: string;

  @StringField({ optional: true, nullable: true, max: 500, example: 'आगरा, उत्तर प्रदेश' })
  billing_address?: string | null;

  @EnumField(DocumentLanguage, 'DocumentLanguage', {
    optional: true,
    description: 'The language of the labels on its invoices, receipts and statements',
  })
  document_language?: DocumentLanguage;
}
