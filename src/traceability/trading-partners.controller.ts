import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequireAnyPermission, RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateTradingPartnerDto,
  ListTradingPartnersQueryDto,
  toTradingPartnerOut,
  TradingPartnerOutDto,
  UpdateTradingPartnerDto,
} from './dto/trading-partner.dto';
import { TradingPartnersService } from './trading-partners.service';
import { TRACEABILITY_READERS } from './traceability-readers';

const READERS = TRACEABILITY_READERS;

@ApiTags('traceability')
@Controller('api/traceability/partners')
export class TradingPartnersController {
  constructor(private readonly partners: TradingPartnersService) {}

  @Get()
  @RequireAnyPermission(...READERS)
  @ApiOperation({
    summary: 'List trading partners (by business name), optionally searched',
    description:
      'Lists the businesses goods come from and go to, with their location descriptions; q ' +
      'matches part of the business name in any case, country the ISO code. Shared by every ' +
      'warehouse; staff who receive or ship goods may read it, clients may not. Paginated ' +
      'with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(TradingPartnerOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListTradingPartnersQueryDto): Promise<Page<TradingPartnerOutDto>> {
    const page = await this.partners.list(query);
    return { items: page.items.map(toTradingPartnerOut), total: page.total };
  }

  @Post()
  @RequirePermissions(Permission.TraceabilityManage)
  @ApiOperation({
    summary: 'Add a trading partner with its location description',
    description:
      'Adds a business with the location description FSMA 204 records name (21 CFR 1.1310): ' +
      'business name, phone, street address, city, state or region, postal code, ISO country ' +
      'and, when it has one, its GS1 GLN (13 digits with a valid check digit, else 422; one ' +
      'already in use: 409). Audited.',
  })
  @ApiCreatedResponse({ type: TradingPartnerOutDto })
  @ApiProblems(409, 422)
  async create(@Body() body: CreateTradingPartnerDto): Promise<TradingPartnerOutDto> {
    return toTradingPartnerOut(await this.partners.create(body));
  }

  @Get(':id')
  @RequireAnyPermission(...READERS)
  @ApiOperation({
    summary: 'One trading partner',
    description: 'Returns one trading partner; 404 when it does not exist.',
  })
  @ApiOkResponse({ type: TradingPartnerOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<TradingPartnerOutDto> {
    return toTradingPartnerOut(await this.partners.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.TraceabilityManage)
  @ApiOperation({
    summary: 'Change some fields of a trading partner',
    description:
      'Changes the fields sent; gln may be cleared with null, the others not. Audited with ' +
      'what changed. Unknown: 404; a GLN already in use: 409.',
  })
  @ApiOkResponse({ type: TradingPartnerOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam() id: string,
    @Body() body: UpdateTradingPartnerDto,
  ): Promise<TradingPartnerOutDto> {
    return toTradingPartnerOut(await this.partners.update(id, body));
  }
}
