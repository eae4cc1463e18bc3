import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateRateCardDto,
  ListRateCardsQueryDto,
  RateCardOutDto,
  toRateCardOut,
  UpdateRateCardDto,
} from 'src/billing/rate-cards/dto/rate-card.dto';
import { RateCardsService } from './rate-cards.service';

@ApiTags('billing')
@Controller('api/billing/rate-cards')
export class RateCardsController {
  constructor(
    private readonly cards: RateCardsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'List rate cards, newest first; filter by key or the day in effect',
    description:
      'Lists rate cards, latest effective_from first. client_id, warehouse_id and ' +
      'commodity_id keep the cards naming exactly that client, warehouse or commodity (not ' +
      'the shared cards that also apply to it); active_on keeps the cards in effect that day. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
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
      'same key may not overlap in time (409), and an unknown client, warehouse or commodity ' +
      'answers 404. The currency must be a known ISO 4217 code, tax at most 100 % and ' +
      'effective_to not before effective_from (422); send an Idempotency-Key header to retry ' +
      'safely.',
  })
  @ApiCreatedResponse({ type: RateCardOutDto })
  @ApiProblems(404, 409, 422)
  async create(@Body() body: CreateRateCardDto): Promise<RateCardOutDto> {
    return toRateCardOut(await this.cards.create(body, this.context.caller().userId));
  }

  @Get(':id')
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'One rate card',
    description: 'Returns one rate card; 404 when it does not exist.',
  })
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
    description:
      'Changes the fields sent; the client, warehouse and commodity of a card cannot change ' +
      '(add a new card instead). The rules of creation apply to the result, overlap with ' +
      'another card of the same key included (409). Invoices copy the rates they use: approved ' +
      'ones keep theirs, drafts take the change when recomputed, and approving a draft priced ' +
      'with the old terms answers 409.',
  })
  @ApiOkResponse({ type: RateCardOutDto })
  @ApiProblems(404, 409, 422)
  async update(@UuidParam() id: string, @Body() body: UpdateRateCardDto): Promise<RateCardOutDto> {
    return toRateCardOut(await this.cards.update(id, body));
  }
}
