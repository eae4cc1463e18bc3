import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  BulkCreateLocationsDto,
  BulkCreateLocationsOutDto,
  CreateLocationDto,
  ListLocationsQueryDto,
  LocationOutDto,
  UpdateLocationDto,
} from './dto/location.dto';
import { LocationsService } from './locations.service';

@ApiTags('locations')
@Controller('api/chambers/:chamber_id/locations')
export class LocationsController {
  constructor(
    private readonly locations: LocationsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "List a chamber's storage locations (in tree order)",
    description:
      'Lists the floors, racks, levels, slots and zones of a chamber in your warehouse, in tree ' +
      'order (by path), with what each holds now. Filter by parent_id, kind or code prefix. A ' +
      'chamber outside your scope (any, for a client) answers 404. Paginated with skip and ' +
      'limit; the X-Total-Count header gives the total.',
  })
  @Paginated(LocationOutDto)
  @ApiProblems(404, 422)
  list(
    @UuidParam('chamber_id') chamberId: string,
    @Query() query: ListLocationsQueryDto,
  ): Promise<Page<LocationOutDto>> {
    return this.locations.list(this.context.scope(), chamberId, query);
  }

  @Post()
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({
    summary: 'Add a storage location to a chamber',
    description:
      'Adds one location, at the top of the chamber or under parent_id. A code already used in ' +
      'the chamber answers 409, and so does a parent that holds stock (stock sits only in ' +
      'locations without children). Audited.',
  })
  @ApiCreatedResponse({ type: LocationOutDto })
  @ApiProblems(404, 409, 422)
  create(
    @UuidParam('chamber_id') chamberId: string,
    @Body() body: CreateLocationDto,
  ): Promise<LocationOutDto> {
    return this.locations.create(this.context.scope(), chamberId, body);
  }

  @Post('bulk')
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({
    summary: 'Lay out floors × racks × levels × slots in one request',
    description:
      'Creates a whole layout, all or nothing, at most 5000 locations counting parents: ' +
      'see BulkCreateLocationsDto for how codes are made from code_template. Parents that ' +
      'already exist are reused; a leaf that exists answers 409 and nothing is created. Audited ' +
      'as one event.',
  })
  @ApiCreatedResponse({ type: BulkCreateLocationsOutDto })
  @ApiProblems(404, 409, 422)
  bulk(
    @UuidParam('chamber_id') chamberId: string,
    @Body() body: BulkCreateLocationsDto,
  ): Promise<BulkCreateLocationsOutDto> {
    return this.locations.bulkCreate(this.context.scope(), chamberId, body);
  }

  @Get(':location_id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One storage location, with what it holds',
    description: 'A location of another chamber, or a chamber outside your scope, answers 404.',
  })
  @ApiOkResponse({ type: LocationOutDto })
  @ApiProblems(404, 422)
  get(
    @UuidParam('chamber_id') chamberId: string,
    @UuidParam('location_id') id: string,
  ): Promise<LocationOutDto> {
    return this.locations.get(this.context.scope(), chamberId, id);
  }

  @Patch(':location_id')
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({
    summary: 'Change a storage location (code, parent, capacities, active, blocked)',
    description:
      'Changes the fields sent. A blocked or inactive location keeps what it holds but takes ' +
      'no more; unblocking clears blocked_reason. A capacity below what the location holds, a ' +
      'code already used in the chamber, or a parent holding stock answers 409; a parent in ' +
      'another chamber or below the location itself answers 422. The locations below follow a ' +
      'change of code or parent. Audited; a PATCH that changes nothing writes nothing.',
  })
  @ApiOkResponse({ type: LocationOutDto })
  @ApiProblems(404, 409, 422)
  update(
    @UuidParam('chamber_id') chamberId: string,
    @UuidParam('location_id') id: string,
    @Body() body: UpdateLocationDto,
  ): Promise<LocationOutDto> {
    return this.locations.update(this.context.scope(), chamberId, id, body);
  }
}
