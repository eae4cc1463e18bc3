import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequestContext } from 'src/common/context/request-context.service';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateGatewayDto,
  GatewayCreatedDto,
  GatewayOutDto,
  toGatewayOut,
} from './dto/gateway.dto';
import { GatewaysService } from './gateways.service';

@ApiTags('telemetry')
@Controller('api/warehouses/:warehouse_id/gateways')
export class GatewaysController {
  constructor(
    private readonly gateways: GatewaysService,
    private readonly context: RequestContext,
  ) {}

  @Post()
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: 'Create a gateway and its API key (shown once)',
    description:
      'Creates a gateway that posts sensor readings for this warehouse (404 outside your ' +
      'scope). The answer carries its API key, api_key, this once: only a hash is stored, so a ' +
      'lost key is replaced by creating another gateway and revoking the old one.',
  })
  @ApiCreatedResponse({ type: GatewayCreatedDto })
  @ApiProblems(404, 422)
  async create(
    @UuidParam('warehouse_id') warehouseId: string,
    @Body() body: CreateGatewayDto,
  ): Promise<GatewayCreatedDto> {
    const { gateway, key } = await this.gateways.create(this.context.scope(), warehouseId, body);
    return Object.assign(toGatewayOut(gateway), { api_key: key });
  }

  @Get()
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: "List a warehouse's gateways (oldest first, keys never shown)",
    description:
      'Lists the gateways of one warehouse with their key prefix, when each last posted and ' +
      'whether it is revoked. A warehouse outside your scope answers 404. Paginated with skip ' +
      'and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(GatewayOutDto)
  @ApiProblems(404, 422)
  async list(
    @UuidParam('warehouse_id') warehouseId: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<GatewayOutDto>> {
    const page = await this.gateways.list(
      this.context.scope(),
      warehouseId,
      query.skip,
      query.limit,
    );
    return { items: page.items.map(toGatewayOut), total: page.total };
  }

  @Post(':gateway_id/revoke')
  @HttpCode(200)
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: "Revoke a gateway's API key",
    description:
      'The key stops working on its next request (401). Revoking a revoked gateway changes ' +
      'nothing. A gateway of another warehouse, or outside your scope, answers 404.',
  })
  @ApiOkResponse({ type: GatewayOutDto })
  @ApiProblems(404, 422)
  async revoke(
    @UuidParam('warehouse_id') warehouseId: string,
    @UuidParam('gateway_id') gatewayId: string,
  ): Promise<GatewayOutDto> {
    return toGatewayOut(await this.gateways.revoke(this.context.scope(), warehouseId, gatewayId));
  }
}
