import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  BookingOutDto,
  CreateBookingDto,
  ListBookingsQueryDto,
  toBookingOut,
} from 'src/billing/seasons/dto/booking.dto';
import { BookingsService } from './bookings.service';

@ApiTags('billing')
@Controller('api/billing/bookings')
export class BookingsController {
  constructor(
    private readonly bookings: BookingsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List season bookings in your scope (a client sees its own)',
    description:
      "Lists bookings, newest first, filtered by season and client. A client sees its own; a warehouse's " +
      'staff none. Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(BookingOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListBookingsQueryDto): Promise<Page<BookingOutDto>> {
    const page = await this.bookings.list(this.context.scope(), query);
    return { items: page.items.map(toBookingOut), total: page.total };
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'Book bags for a season; the fee is credited against the season rent',
    description:
      "Records a client's advance reservation of bags for a season and the fee paid, in the " +
      "season's currency. The fee is credited against the client's season rent on the " +
      'invoices that charge it (BOOKING_CREDIT lines, never more than the rent). Unknown ' +
      'season, client or commodity: 404; bad figures: 422.',
  })
  @ApiCreatedResponse({ type: BookingOutDto })
  @ApiProblems(404, 422)
  async create(@Body() body: CreateBookingDto): Promise<BookingOutDto> {
    return toBookingOut(await this.bookings.create(body, this.context.caller().userId));
  }
}
