import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ChambersService } from './chambers.service';
import { ChamberOutDto, CreateChamberDto, toChamberOut, UpdateChamberDto } from './dto/chamber.dto';

@ApiTags('chambers')
@Controller('api/warehouses/:warehouse_id/chambers')
export class ChambersController {
  constructor(
    private readonly chambers: ChambersService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "List a warehouse's chambers (by code)",
    description:
      'Lists the chambers of one warehouse ordered by code, with their temperature range, ' +
      'capacity and whether they take goods. A warehouse outside your scope (any, for a client) ' +
      'or that does not exist answers 404. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(ChamberOutDto)
  @ApiProblems(404, 422)
  async list(
    @UuidParam('warehouse_id') warehouseId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<ChamberOutDto>> {
    const page = await this.chambers.list(
      this.context.scope(),
      warehouseId,
      query.skip,
      query.limit,
    );
    return { items: page.items.map(toChamberOut), total: page.total };
  }

  @Post()
  @RequirePermissions(Permission.WarehouseUpdate)
  @ApiOperation({
    summary: 'Add a chamber to a warehouse',
    description:
      'Adds a chamber, active unless active is false, to a warehouse in your scope (404 ' +
      'otherwise). min_temp_c must be lower than max_temp_c (422), and a code already used in ' +
      'the warehouse answers 409.',
  })
  @ApiCreatedResponse({ type: ChamberOutDto })
  @ApiProblems(404, 409, 422)
  async create(
    @UuidParam('warehouse_id') warehouseId: string,
    @Body() body: CreateChamberDto,
  ): Promise<ChamberOutDto> {
    return toChamberOut(await this.chambers.create(this.context.scope(), warehouseId, body));
  }

  @Get(':id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One chamber',
    description:
      'Returns one chamber of the warehouse. A chamber of another warehouse, or a warehouse ' +
      'outside your scope, answers 404 as if absent.',
  })
  @ApiOkResponse({ type: ChamberOutDto })
  @ApiProblems(404, 422)
  async get(
    @UuidParam('warehouse_id') warehouseId: string,
    @UuidParam() id: string,
  ): Promise<ChamberOutDto> {
    return toChamberOut(await this.chambers.getInScope(this.context.scope(), warehouseId, id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.WarehouseUpdate)
  @ApiOperation({
    summary: 'Change some fields of a chamber (the range is checked against the stored bound)',
    description:
      'Changes the fields sent; capacity_units may be cleared with null. When one bound is ' +
      'sent it must still be on the right side of the stored other bound (422), and a code ' +
      'already used in the warehouse answers 409. An inactive chamber receives no goods and no ' +
      'transfers; a PATCH that changes nothing writes nothing.',
  })
  @ApiOkResponse({ type: ChamberOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam('warehouse_id') warehouseId: string,
    @UuidParam() id: string,
    @Body() body: UpdateChamberDto,
  ): Promise<ChamberOutDto> {
    return toChamberOut(await this.chambers.update(this.context.scope(), warehouseId, id, body));
  }
}
