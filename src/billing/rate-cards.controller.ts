import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateRateCardDto,
  ListRateCardsQueryDto,
  RateCardOutDto,
  toRateCardOut,
  UpdateRateCardDto,
} from './dto/rate-card.dto';
import { RateCardsService } from './rate-cards.service';

@ApiTags('billing')
@Controller('api/billing/rate-cards')
export class RateCardsController {
  constructor(
    private readonly cards: RateCardsService,
    private readonly context: RequestContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({ summary: 'List rate cards, newest first; filter by key or the day in effect' })
  @Paginated(RateCardOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListRateCardsQueryDto): Promise<Page<RateCardOutDto>> {
    const page = await this.cards.list(query);
    return { items: page.items.map(toRateCardOut), total: page.total };
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'Add a rate card',
    description:
      'Client, warehouse and commodity are each optional: the most specific card in effect on a ' +
      'day prices it (client, then commodity, then warehouse; none is the default). Cards of the ' +
      'same key may not overlap in time (409).',
  })
  @ApiCreatedResponse({ type: RateCardOutDto })
  @ApiProblems(404, 409, 422)
  async create(@Body() body: CreateRateCardDto): Promise<RateCardOutDto> {
    return toRateCardOut(await this.cards.create(body, this.context.principal().userId));
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({ summary: 'One rate card' })
  @ApiOkResponse({ type: RateCardOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<RateCardOutDto> {
    return toRateCardOut(await this.cards.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary:
      'Change or end a rate card (e.g. set effective_to); approved invoices keep their rates',
  })
  @ApiOkResponse({ type: RateCardOutDto })
  @ApiProblems(404, 409, 422)
  async update(@UuidParam() id: string, @Body() body: UpdateRateCardDto): Promise<RateCardOutDto> {
    return toRateCardOut(await this.cards.update(id, body));
  }
}
