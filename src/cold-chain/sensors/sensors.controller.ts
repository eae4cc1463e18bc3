import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestContext } from 'src/common/context/request-context.service';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { CreateSensorDto, SensorOutDto, toSensorOut, UpdateSensorDto } from './dto/sensor.dto';
import { SensorsService } from './sensors.service';

@ApiTags('sensors')
@Controller('api/warehouses/:warehouse_id/sensors')
export class SensorsController {
  constructor(
    private readonly sensors: SensorsService,
    private readonly context: RequestContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "List a warehouse's temperature sensors (by code)",
    description:
      'Lists the sensors of one warehouse ordered by code, with their chamber, calibration, ' +
      'heartbeat and when they last reported. A warehouse outside your scope (any, for a ' +
      'client) or that does not exist answers 404. Paginated with skip and limit; the ' +
      'X-Total-Count header gives the total.',
  })
  @Paginated(SensorOutDto)
  @ApiProblems(404, 422)
  async list(
    @UuidParam('warehouse_id') warehouseId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<SensorOutDto>> {
    const page = await this.sensors.list(
      this.context.scope(),
      warehouseId,
      query.skip,
      query.limit,
    );
    return { items: page.items.map(toSensorOut), total: page.total };
  }

  @Post()
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: 'Register a temperature sensor in a chamber',
    description:
      'Adds a sensor, active unless active is false, to a warehouse in your scope (404 ' +
      'otherwise). chamber_id must be a chamber of that warehouse (422), and a code already ' +
      'used in the warehouse answers 409. Gateways report its readings by code.',
  })
  @ApiCreatedResponse({ type: SensorOutDto })
  @ApiProblems(404, 409, 422)
  async create(
    @UuidParam('warehouse_id') warehouseId: string,
    @Body() body: CreateSensorDto,
  ): Promise<SensorOutDto> {
    return toSensorOut(await this.sensors.create(this.context.scope(), warehouseId, body));
  }

  @Get(':sensor_id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One sensor',
    description:
      'Returns one sensor of the warehouse. A sensor of another warehouse, or a warehouse ' +
      'outside your scope, answers 404 as if absent.',
  })
  @ApiOkResponse({ type: SensorOutDto })
  @ApiProblems(404, 422)
  async get(
    @UuidParam('warehouse_id') warehouseId: string,
    @UuidParam('sensor_id') sensorId: string,
  ): Promise<SensorOutDto> {
    return toSensorOut(await this.sensors.getInScope(this.context.scope(), warehouseId, sensorId));
  }

  @Patch(':sensor_id')
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: 'Change some fields of a sensor',
    description:
      'Changes the fields sent. A new chamber_id must be a chamber of the warehouse (422); a ' +
      'code already used in the warehouse answers 409. A new calibration offset applies to ' +
      'readings stored from then on; an inactive sensor has its readings refused. A PATCH that ' +
      'changes nothing writes nothing.',
  })
  @ApiOkResponse({ type: SensorOutDto })
  @ApiProblems(404, 409, 422)
  async update(
    @UuidParam('warehouse_id') warehouseId: string,
    @UuidParam('sensor_id') sensorId: string,
    @Body() body: UpdateSensorDto,
  ): Promise<SensorOutDto> {
    return toSensorOut(
      await this.sensors.update(this.context.scope(), warehouseId, sensorId, body),
    );
  }
}
