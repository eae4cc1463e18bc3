import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LienOutDto } from 'src/billing/liens/dto/lien.dto';
import { AsOfQueryDto, CreateLienDto } from 'src/billing/liens/dto/lien-requests.dto';
import { LienQueriesService } from './lien-queries.service';
import { LiensService } from './liens.service';

/** A lot's liens, under the lot's URL. */
@ApiTags('inventory')
@Controller('api/inventory/lots/:id/liens')
export class LotLiensController {
  constructor(
    private readonly liens: LiensService,
    private readonly queries: LienQueriesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "The lot's liens, open and closed, with balances as of a day",
    description:
      "Newest first, each with its figures at the end of as_of (default today). The lot's " +
      "warehouse staff, the lot's client and unrestricted staff see them; a lot outside your " +
      'scope answers 404.',
  })
  @ApiOkResponse({ type: [LienOutDto] })
  @ApiProblems(404, 422)
  async list(@UuidParam() id: string, @Query() query: AsOfQueryDto): Promise<LienOutDto[]> {
    return this.queries.listForLot(this.context.scope(), id, query.as_of);
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.FinanceLienManage)
  @ApiOperation({
    summary: 'Put a lien on units of the lot: an advance or a bank pledge',
    description:
      'The lot is locked while the lien is checked and written, so a dispatch of it waits and ' +
      'then may not take it below the secured quantity (409 naming the lien). secured_quantity ' +
      "above the lot's units, a rate above LIEN_MAX_INTEREST_PERCENT, a PLEDGE without bank or " +
      'reference, or a start date in the future answers 422; more than the units left unsecured ' +
      'by its open liens 409. Send an Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: LienOutDto })
  @ApiProblems(404, 409, 422)
  async create(@UuidParam() id: string, @Body() body: CreateLienDto): Promise<LienOutDto> {
    return this.liens.create(this.context.caller(), id, body);
  }
}
