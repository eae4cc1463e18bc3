import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { CommoditiesService } from './commodities.service';
import {
  CommodityOutDto,
  CreateCommodityDto,
  ListCommoditiesQueryDto,
  toCommodityOut,
  UpdateCommodityDto,
} from 'src/inventory/catalogue/dto/commodity.dto';

@ApiTags('commodities')
@Controller('api/commodities')
export class CommoditiesController {
  constructor(private readonly commodities: CommoditiesService) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'List the commodity catalogue (by code), optionally searched',
    description:
      'Lists commodities ordered by code; q matches part of the code or name and category the ' +
      'whole category, both in any case. The catalogue is shared by every warehouse, so every ' +
      'caller sees all of it. Paginated with skip and limit; the X-Total-Count header gives ' +
      'the total.',
  })
  @Paginated(CommodityOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListCommoditiesQueryDto): Promise<Page<CommodityOutDto>> {
    const page = await this.commodities.list(query);
    return { items: page.items.map(toCommodityOut), total: page.total };
  }

  @Post()
  @RequirePermissions(Permission.CommodityManage)
  @ApiOperation({
    summary: 'Add a commodity to the catalogue',
    description:
      'Adds a commodity with its unit, storage temperature range (min_temp_c lower than ' +
      'max_temp_c, else 422) and optional shelf life, which sets the default expiry of the ' +
      'lots received. A code already in use answers 409.',
  })
  @ApiCreatedResponse({ type: CommodityOutDto })
  @ApiProblems(409, 422)
  async create(@Body() body: CreateCommodityDto): Promise<CommodityOutDto> {
    return toCommodityOut(await this.commodities.create(body));
  }

  @Get(':id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One commodity',
    description: 'Returns one commodity of the shared catalogue; 404 when it does not exist.',
  })
  @ApiOkResponse({ type: CommodityOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<CommodityOutDto> {
    return toCommodityOut(await this.commodities.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.CommodityManage)
  @ApiOperation({
    summary: 'Change some fields of a commodity (the range is checked against the stored bound)',
    description:
      'Changes the fields sent; category and shelf_life_days may be cleared with null. Once ' +
      'lots of the commodity exist, its unit and temperature range can no longer change (409: ' +
      'create a new commodity instead); a code already in use answers 409 too. When one bound ' +
      'is sent it must still be on the right side of the stored other bound (422).',
  })
  @ApiOkResponse({ type: CommodityOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam() id: string,
    @Body() body: UpdateCommodityDto,
  ): Promise<CommodityOutDto> {
    return toCommodityOut(await this.commodities.update(id, body));
  }
}
