import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { PaginationQueryDto } from 'src/common/pagination/pagination';
import {
  DecimalField,
  GradeField,
  IntField,
  StringField,
  UuidField,
} from 'src/common/validation/fields';
import { formatMinor } from 'src/billing/money';
import type { SeasonBooking } from 'src/billing/seasons/season-booking.entity';

@ApiSchema({
  description:
    "An advance reservation of bags for a season; the fee, in the season's currency, is " +
    "credited against the client's season rent on the invoices that charge it.",
})
export class CreateBookingDto {
  @UuidField({ description: 'The season' })
  season_id!: string;

  @UuidField({ description: 'The client who books' })
  client_id!: string;

  @UuidField({ optional: true, nullable: true, description: 'The commodity booked for' })
  commodity_id?: string | null;

  @GradeField({ optional: true, nullable: true, description: 'The grade booked for' })
  grade?: string | null;

  @IntField({ min: 1, max: 10_000_000, description: 'Bags reserved', example: 300 })
  bags!: number;

  @DecimalField({
    scale: 3,
    description: "The booking fee paid, in the season's currency (its minor digits at most)",
    example: '5000.00',
  })
  fee_amount!: string;

  @StringField({ optional: true, nullable: true, max: 1000 })
  notes?: string | null;
}

export class ListBookingsQueryDto extends PaginationQueryDto {
  @UuidField({ optional: true, description: 'Bookings of this season' })
  season_id?: string;

  @UuidField({ optional: true, description: 'Bookings of this client' })
  client_id?: string;
}

export class BookingOutDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  season_id!: string;

  @ApiProperty({ format: 'uuid' })
  client_id!: string;

  @ApiProperty({ format: 'uuid' })
  warehouse_id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  commodity_id!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SEED' })
  grade!: string | null;

  @ApiProperty({ type: 'integer', example: 300 })
  bags!: number;

  @ApiProperty({ type: 'integer', example: 500000, description: 'In minor units' })
  fee_minor!: number;

  @ApiProperty({ example: '5000.00' })
  fee!: string;

  @ApiProperty({ example: 'INR' })
  currency!: string;

  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at!: string;
}

export function toBookingOut(b: SeasonBooking): BookingOutDto {
  return {
    id: b.id,
    season_id: b.seasonId,
    client_id: b.clientId,
    warehouse_id: b.warehouseId,
    commodity_id: b.commodityId,
    grade: b.grade,
    bags: b.bags,
    fee_minor: b.feeMinor,
    fee: formatMinor(b.feeMinor, b.currency),
    currency: b.currency,
    notes: b.notes,
    created_at: b.createdAt.toISOString(),
  };
}
