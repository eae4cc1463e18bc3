import { Body, Controller, Get, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { csvAttachment } from 'src/inventory/reports/csv-report';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LienOutDto } from 'src/billing/liens/dto/lien.dto';
import {
  AsOfQueryDto,
  LienStatementQueryDto,
  ListLiensQueryDto,
  ReleaseLienDto,
  RepayLienDto,
} from 'src/billing/liens/dto/lien-requests.dto';
import { lienStatementCsv } from './lien-statement';
import { LienQueriesService } from './lien-queries.service';
import { LiensService } from './liens.service';

@ApiTags('billing')
@Controller('api/billing/liens')
export class LiensController {
  constructor(
    private readonly liens: LiensService,
    private readonly queries: LienQueriesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List liens on lots in your scope, with their balances as of a day',
    description:
      'Lists liens newest first, filtered by status, kind, client and warehouse, each with its ' +
      'principal outstanding, accrued interest and balance at the end of as_of (default today). ' +
      'A client sees its own liens. Paginated with skip and limit; the X-Total-Count header ' +
      'gives the total.',
  })
  @Paginated(LienOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListLiensQueryDto): Promise<Page<LienOutDto>> {
    return this.queries.list(this.context.scope(), query);
  }

  @Get('statement.csv')
  @RequirePermissions(Permission.FinanceLienManage)
  @ApiOperation({
    summary: "A lender's statement: the liens open at the end of a day, as CSV",
    description:
      'One row per lien open at the end of as_of (started on or before it, not repaid or ' +
      'released by then), filtered by lender (case-insensitive) and kind: principal, repaid, ' +
      'interest accrued and balance as of that day in major units, lot number, client and bags ' +
      'secured. text/csv (header row, RFC 4180), attachment `lien-statement-<as_of>.csv`.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(422)
  async statement(@Query() query: LienStatementQueryDto): Promise<StreamableFile> {
    const asOf = query.as_of ?? this.queries.today();
    const rows = await this.queries.openOn(this.context.scope(), asOf, query);
    return csvAttachment(lienStatementCsv(rows), `lien-statement-${asOf}.csv`);
  }

  @Get(':id')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'One lien with its repayments, accrued interest and balance as of a day',
    description:
      'Interest is simple, actual days / 365, on the principal outstanding between repayments, ' +
      'rounded half up to the minor unit when shown. A lien outside your scope answers 404.',
  })
  @ApiOkResponse({ type: LienOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string, @Query() query: AsOfQueryDto): Promise<LienOutDto> {
    return this.queries.get(this.context.scope(), id, query.as_of);
  }

  @Post(':id/repayments')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.FinanceLienManage)
  @ApiOperation({
    summary: 'Record a repayment: interest first, then principal; REPAID when the balance is 0',
    description:
      'Applies the amount to the interest accrued to paid_on, then to the principal. More than ' +
      'the balance on paid_on, a day in the future, or before the start or the latest repayment ' +
      'answers 422; a lien no longer open 409. Send an Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: LienOutDto })
  @ApiProblems(404, 409, 422)
  async repay(@UuidParam() id: string, @Body() body: RepayLienDto): Promise<LienOutDto> {
    return this.liens.repay(this.context.caller(), id, body);
  }

  @Post(':id/release')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.FinanceLienManage)
  @ApiOperation({
    summary: 'Release a lien on behalf of its lender, with the reason',
    description:
      'Marks an open lien RELEASED: its units may leave and interest stops on the day. A lien ' +
      'no longer open answers 409. Send an Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: LienOutDto })
  @ApiProblems(404, 409, 422)
  async release(@UuidParam() id: string, @Body() body: ReleaseLienDto): Promise<LienOutDto> {
    return this.liens.release(this.context.caller(), id, body.reason);
  }
}
