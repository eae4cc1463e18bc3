import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from 'src/common/validation/uuid-param';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateWarehouseDto,
  toWarehouseOut,
  UpdateWarehouseDto,
  WarehouseOutDto,
} from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('admin-warehouses')
@Controller('api/admin/warehouses')
export class AdminWarehousesController {
  constructor(
    private readonly warehouses: WarehousesService,
    private readonly context: RequestContext,
  ) {}

  @Post()
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({ summary: 'Create a warehouse (code derived from the name when absent)' })
  @ApiCreatedResponse({ type: WarehouseOutDto })
  @ApiProblems(409, 422)
  async create(@Body() body: CreateWarehouseDto): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.create(body, this.context.principal().userId));
  }

  @Get()
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({ summary: 'List the warehouses in your scope' })
  @Paginated(WarehouseOutDto)
  @ApiProblems(422)
  async list(@Query() query: PaginationQueryDto): Promise<Page<WarehouseOutDto>> {
    const page = await this.warehouses.list(this.context.scope(), query.skip, query.limit);
    return { items: page.items.map(toWarehouseOut), total: page.total };
  }

  @Get(':id')
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({ summary: 'One warehouse' })
  @ApiOkResponse({ type: WarehouseOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.get(this.context.scope(), id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.WarehouseUpdate)
  @ApiOperation({ summary: 'Change some fields of a warehouse' })
  @ApiOkResponse({ type: WarehouseOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam() id: string,
    @Body() body: UpdateWarehouseDto,
  ): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.update(this.context.scope(), id, body));
  }
}
