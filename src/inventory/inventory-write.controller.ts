import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { DispatchesService } from './dispatches.service';
import {
  AdjustmentDto,
  CreateDispatchDto,
  HoldDto,
  InwardDto,
  OutwardDto,
  PositionDto,
  TransferDto,
} from './dto/movement-requests.dto';
import {
  DispatchOutDto,
  LotStateDto,
  toDispatchOut,
  toLotState,
} from './dto/movement-responses.dto';
import { StockMovementsService } from './stock-movements.service';

@ApiTags('inventory')
@Controller('api/inventory')
export class InventoryWriteController {
  constructor(
    private readonly movements: StockMovementsService,
    private readonly dispatches: DispatchesService,
    private readonly context: RequestContext,
  ) {}

  @Post('inward')
  @Idempotent()
  @RequirePermissions(Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: 'Receive goods into a chamber of your warehouse: a new lot with its number',
  })
  @ApiCreatedResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async inward(@Body() body: InwardDto): Promise<LotStateDto> {
    return toLotState(await this.movements.inward(this.context.principal(), body));
  }

  @Post('dispatches')
  @Idempotent()
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({
    summary: 'Dispatch goods of one client from several lots on one gate pass, all or nothing',
  })
  @ApiCreatedResponse({ type: DispatchOutDto })
  @ApiProblems(404, 409, 422)
  async dispatch(@Body() body: CreateDispatchDto): Promise<DispatchOutDto> {
    return toDispatchOut(await this.dispatches.dispatch(this.context.principal(), body));
  }

  @Post('outward')
  @Idempotent()
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({ summary: 'Dispatch from one lot (shorthand of a one-line dispatch)' })
  @ApiCreatedResponse({ type: DispatchOutDto })
  @ApiProblems(404, 409, 422)
  async outward(@Body() body: OutwardDto): Promise<DispatchOutDto> {
    return toDispatchOut(await this.dispatches.outward(this.context.principal(), body));
  }

  @Post('transfers')
  @Idempotent()
  @RequirePermissions(Permission.InventoryMoveInternal)
  @ApiOperation({ summary: 'Move a whole lot to another chamber of the same warehouse' })
  @ApiCreatedResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async transfer(@Body() body: TransferDto): Promise<LotStateDto> {
    return toLotState(await this.movements.transfer(this.context.principal(), body));
  }

  @Patch('lots/:id/position')
  @Idempotent()
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({ summary: 'Putaway: set where the lot sits in its chamber' })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 422)
  async position(@UuidParam() id: string, @Body() body: PositionDto): Promise<LotStateDto> {
    return toLotState(
      await this.movements.setPosition(this.context.principal(), id, body.position),
    );
  }

  @Post('adjustments')
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({ summary: 'Correct a lot by a quantity/weight delta with a reason' })
  @ApiCreatedResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async adjust(@Body() body: AdjustmentDto): Promise<LotStateDto> {
    return toLotState(await this.movements.adjust(this.context.principal(), body));
  }

  @Post('lots/:id/hold')
  @HttpCode(200)
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({ summary: 'Put a lot on hold: it cannot be dispatched until released' })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async hold(@UuidParam() id: string, @Body() body: HoldDto): Promise<LotStateDto> {
    return toLotState(await this.movements.hold(this.context.principal(), id, body.reason));
  }

  @Post('lots/:id/release')
  @HttpCode(200)
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({ summary: 'Release a held lot' })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async release(@UuidParam() id: string, @Body() body: HoldDto): Promise<LotStateDto> {
    return toLotState(await this.movements.release(this.context.principal(), id, body.reason));
  }
}
