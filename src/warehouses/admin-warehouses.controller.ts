import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from 'src/common/validation/uuid-param';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
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
    private readonly context: PrincipalContext,
  ) {}

  @Post()
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({
    summary: 'Create a warehouse (code derived from the name when absent)',
    description:
      'Creates a warehouse. Without a code, one is derived from the name (upper-case words, at ' +
      'most 12 characters, with -2, -3… appended when taken); a code given and already in use ' +
      "answers 409. The time zone defaults to the server's DEFAULT_TIMEZONE; billing counts the " +
      "warehouse's days in it.",
  })
  @ApiCreatedResponse({ type: WarehouseOutDto })
  @ApiProblems(409, 422)
  async create(@Body() body: CreateWarehouseDto): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.create(body, this.context.caller().userId));
  }

  @Get()
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({
    summary: 'List the warehouses in your scope',
    description:
      'Lists warehouses, oldest first: every one for unrestricted staff, only their own for a ' +
      "warehouse's staff. " +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(WarehouseOutDto)
  @ApiProblems(422)
  async list(@Query() query: PaginationQueryDto): Promise<Page<WarehouseOutDto>> {
    const page = await this.warehouses.list(this.context.scope(), query.skip, query.limit);
    return { items: page.items.map(toWarehouseOut), total: page.total };
  }

  @Get(':id')
  @RequirePermissions(Permission.WarehouseCreate)
  @ApiOperation({
    summary: 'One warehouse',
    description: 'Returns one warehouse. A warehouse outside your scope answers 404 as if absent.',
  })
  @ApiOkResponse({ type: WarehouseOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.get(this.context.scope(), id));
  }

  @Patch(':id')
  @RequirePermissions(Permission.WarehouseUpdate)
  @ApiOperation({
    summary: 'Change some fields of a warehouse',
    description:
      'Changes the fields sent; capacity may be cleared with null, the others may not be null. ' +
      'A code already in use answers 409, and so does a new time zone for a warehouse with ' +
      'approved or paid invoices (their periods are its calendar days). A warehouse outside ' +
      'your scope answers 404.',
  })
  @ApiOkResponse({ type: WarehouseOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam() id: string,
    @Body() body: UpdateWarehouseDto,
  ): Promise<WarehouseOutDto> {
    return toWarehouseOut(await this.warehouses.update(this.context.scope(), id, body));
  }
}
