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
} from './dto/commodity.dto';

@ApiTags('commodities')
@Controller('api/commodities')
export class CommoditiesController {
  constructor(private readonly commodities: CommoditiesService) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({ summary: 'List the commodity catalogue (by code), optionally searched' })
  @Paginated(CommodityOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListCommoditiesQueryDto): Promise<Page<CommodityOutDto>> {
    const page = await this.commodities.list(query);
    return { items: page.items.map(toCommodityOut), total: page.total };
  }

  @Post()
  @RequirePermissions(Permission.CommodityManage)
  @ApiOperation({ summary: 'Add a commodity to the catalogue' })
  @ApiCreatedResponse({ type: CommodityOutDto })
  @ApiProblems(409, 422)
  async create(@Body() body: CreateCommodityDto): Promise<CommodityOutDto> {
    return toCommodityOut(await this.commodities.create(body));
  }

  @Get(':id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({ summary: 'One commodity' })
  @ApiOkResponse({ type: CommodityOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<CommodityOutDto> {
    return toCommodityOut(await this.commodities.get(id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.CommodityManage)
  @ApiOperation({
    summary: 'Change some fields of a commodity (the range is checked against the stored bound)',
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
