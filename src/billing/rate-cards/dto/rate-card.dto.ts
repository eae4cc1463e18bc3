import { ApiProperty, ApiSchema, OmitType } from '@nestjs/swagger';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DateField,
  DecimalField,
  EnumField,
  GradeField,
  IntField,
  PatchType,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { RateBasis } from 'src/billing/billing.enums';
import { CurrencyField } from 'src/billing/currency-field';
import type { RateCard } from 'src/billing/rate-cards/rate-card.entity';

@ApiSchema({
  description:
    'A rate card. currency must be a known ISO 4217 code, tax_rate_percent at most 100 and ' +
    'effective_to not before effective_from (422); cards of the same client, warehouse and ' +
    'commodity may not overlap in time (409).',
})
export class CreateRateCardDto {
  @StringField({ optional: true, nullable: true, max: 200, example: 'Frozen goods, Pune, 2026' })
  name?: string | null;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'Only this client (empty: every client)',
  })
  client_id?: string | null;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'Only this warehouse (empty: every warehouse)',
  })
  warehouse_id?: string | null;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'Only this commodity (empty: every commodity)',
  })
  commodity_id?: string | null;

  @GradeField({
    optional: true,
    nullable: true,
    description:
      'Only lots of this grade (PLAIN, CIPC, SEED, TABLE…); more specific than the commodity ' +
      '(empty: every grade)',
  })
  grade?: string | null;

  @EnumField(RateBasis, 'RateBasis', {
    description:
      'Per unit or per kg; per day, or per month of 30 days prorated by day; or once per lot ' +
      'and season, per unit (PER_UNIT_PER_SEASON) or per quintal of 100 kg ' +
      '(PER_QUINTAL_PER_SEASON)',
    example: RateBasis.PerUnitPerDay,
  })
  basis!: RateBasis;

  @DecimalField({
    scale: 4,
    description: 'Storage rate in the currency, per the basis (up to 4 places)',
    example: '0.5',
  })
  storage_rate!: string;

  @DecimalField({
    scale: 4,
    optional: true,
    description: 'Charged per unit received (default 0)',
    example: '2',
  })
  inward_handling_rate?: string;

  @DecimalField({
    scale: 4,
    optional: true,
    description: 'Charged per unit dispatched (default 0)',
    example: '2',
  })
  outward_handling_rate?: string;

  @IntField({
    optional: true,
    min: 0,
    max: 3650,
    description: 'Free days from the receipt day (default 0)',
    example: 0,
  })
  grace_days?: number;

  @IntField({
    optional: true,
    min: 0,
    max: 3650,
    description: 'A lot leaving sooner is charged as if it stayed this many days (default 0)',
    example: 0,
  })
  min_billable_days?: number;

  @CurrencyField()
  currency!: string;

  @DecimalField({
    scale: 4,
    optional: true,
    description: 'Tax on the subtotal, in percent, at most 100 (default 0)',
    example: '18',
  })
  tax_rate_percent?: string;

  @DateField({ description: 'First day the card applies', example: '2026-01-01' })
  effective_from!: string;

  @DateField({
    optional: true,
    nullable: true,
    description:
      'Last day the card applies (inclusive), not before effective_from; empty while open-ended',
  })
  effective_to?: string | null;
}

/** The key (client, warehouse, commodity) stays: a different key is a different card. */
@ApiSchema({
  description:
    'Only the fields sent change; the card must then satisfy the rules of a new card ' +
    '(422, and 409 on overlap). Client, warehouse and commodity cannot change.',
})
export class UpdateRateCardDto extends PatchType(
  OmitType(CreateRateCardDto, ['client_id', 'warehouse_id', 'commodity_id', 'grade'] as const),
) {}

export class ListRateCardsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Cards of this client only (not the shared ones)' })
  client_id?: string;

  @UuidField({ optional: true, description: 'Cards of this warehouse only' })
  warehouse_id?: string;

  @UuidField({ optional: true, description: 'Cards of this commodity only' })
  commodity_id?: string;

  @DateField({ optional: true, description: 'Cards in effect on this day' })
  active_on?: string;
}

export class RateCardOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, nullable: true })
  name!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  client_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  warehouse_id!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  commodity_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SEED' })
  grade!: string | null;

  @ApiProperty({ enum: RateBasis, enumName: 'RateBasis' })
  basis!: RateBasis;

  @ApiProperty({ example: '0.5' })
  storage_rate!: string;

  @ApiProperty({ example: '2' })
  inward_handling_rate!: string;

  @ApiProperty({ example: '2' })
  outward_handling_rate!: string;

  @ApiProperty({ type: 'integer', example: 0, description: 'Free days from the receipt day' })
  grace_days!: number;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'A lot leaving sooner is charged as if it stayed this many days',
  })
  min_billable_days!: number;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ example: '18' })
  tax_rate_percent!: string;

  @ApiProperty({ format: 'date' })
  effective_from!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  effective_to!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;

  @ApiProperty({ format: 'date-time' })
  updated_at!: string;
}

export function toRateCardOut(card: RateCard): RateCardOutDto {
  return {
    id: card.id,
    name: card.name,
    client_id: card.clientId,
    warehouse_id: card.warehouseId,
    commodity_id: card.commodityId,
    grade: card.grade,
    basis: card.basis,
    storage_rate: card.storageRate,
    inward_handling_rate: card.inwardHandlingRate,
    outward_handling_rate: card.outwardHandlingRate,
    grace_days: card.graceDays,
    min_billable_days: card.minBillableDays,
    currency: card.currency,
    tax_rate_percent: card.taxRatePercent,
    effective_from: card.effectiveFrom,
    effective_to: card.effectiveTo,
    created_at: card.createdAt.toISOString(),
    updated_at: card.updatedAt.toISOString(),
  };
}
