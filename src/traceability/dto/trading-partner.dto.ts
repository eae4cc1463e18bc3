import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import { PatchType, StringField } from 'src/common/validation/fields';
import { LocationDescriptionOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { locationOf } from '../location-description';
import type { TradingPartner } from '../trading-partner.entity';

const upper = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value,
);

/** Whether a 13-digit GLN's last digit is its GS1 mod-10 check digit. */
export function isGln(value: string): boolean {
  if (!/^\d{13}$/.test(value)) return false;
  const digits = Array.from(value, Number);
  const sum = digits
    .slice(0, 12)
    .reduce((total, digit, i) => total + digit * (i % 2 === 0 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === digits[12];
}

export class CreateTradingPartnerDto {
  @StringField({ max: 200, example: 'Salinas Valley Greens LLC' })
  business_name!: string;

  @StringField({ max: 40, example: '+1 831 555 0134' })
  @Matches(/^\+?[0-9][0-9 ().-]{3,38}$/, {
    message: 'phone must be digits, spaces and ( ) . - with an optional leading +',
  })
  phone!: string;

  @StringField({ max: 300, example: '1200 Abbott Street' })
  street_address!: string;

  @StringField({ max: 100, example: 'Salinas' })
  city!: string;

  @StringField({ max: 100, description: 'State, province or region', example: 'CA' })
  region!: string;

  @StringField({ max: 20, example: '93901' })
  postal_code!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code', example: 'US' })
  @upper
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as US or IN' })
  country!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'GS1 Global Location Number: 13 digits with a valid check digit',
    example: '0614141000005',
  })
  @IsOptional()
  @ValidateBy({
    name: 'isGln',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isGln(value),
      defaultMessage: () => 'gln must be 13 digits ending in a valid GS1 check digit',
    },
  })
  gln?: string | null;
}

/** Only the fields sent change; gln may be cleared with null. */
export class UpdateTradingPartnerDto extends PatchType(CreateTradingPartnerDto) {}

export class ListTradingPartnersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ description: 'Part of the business name, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Only partners in this country (ISO 3166-1 alpha-2)' })
  @IsOptional()
  @upper
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code such as US or IN' })
  country?: string;
}

export class TradingPartnerOutDto extends LocationDescriptionOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toTradingPartnerOut(p: TradingPartner): TradingPartnerOutDto {
  return {
    id: p.id,
    ...locationOf(p.location),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
