import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { DispatchesService } from './dispatches.service';
import { PickDispatchesService } from './pick-dispatches.service';
import {
  AdjustmentDto,
  CreateDispatchDto,
  DispatchFromPickDto,
  HoldDto,
  InwardDto,
  OutwardDto,
  PositionDto,
  TransferDto,
} from 'src/inventory/ledger/dto/movement-requests.dto';
import {
  DispatchOutDto,
  InwardLotDto,
  LotStateDto,
  toDispatchOut,
  toInwardLot,
  toLotState,
} from 'src/inventory/ledger/dto/movement-responses.dto';
import { StockMovementsService } from './stock-movements.service';

@ApiTags('inventory')
@Controller('api/inventory')
export class InventoryWriteController {
  constructor(
    private readonly movements: StockMovementsService,
    private readonly dispatches: DispatchesService,
    private readonly pickDispatches: PickDispatchesService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('inward')
  @Idempotent()
  @RequirePermissions(Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: 'Receive goods into a chamber of your warehouse: a new lot with its number',
    description:
      'Creates a lot numbered <WAREHOUSE_CODE>-<YYYY>-<NNNNNN> and its INWARD ledger movement. ' +
      'The chamber must be active, in your scope (404 otherwise) and with a temperature range ' +
      "inside the commodity's (422); weight defaults to the quantity for KG commodities, and " +
      'expiry to the receipt day plus the shelf life. A receipt dated on or before the end of ' +
      'an approved or paid invoice of the client answers 409 (that history is billed). Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: InwardLotDto })
  @ApiProblems(404, 409, 422)
  async inward(@Body() body: InwardDto): Promise<InwardLotDto> {
    return toInwardLot(await this.movements.inward(this.context.caller(), body));
  }

  @Post('dispatches')
  @Idempotent()
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({
    summary: 'Dispatch goods of one client from several lots on one gate pass, all or nothing',
    description:
      'Records one dispatch with an OUTWARD movement per line; weight_kg defaults to the ' +
      "lot's weight pro rata, all of it when the line empties the lot, which becomes DEPLETED. " +
      'Each lot appears once, and all belong to the client and to one warehouse (422); a lot ' +
      'outside your scope answers 404. A lot on hold, more units or kg than a lot holds, or a ' +
      'date on or before the end of an approved or paid invoice of the client answers 409, and ' +
      'nothing is written; send an Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: DispatchOutDto })
  @ApiProblems(404, 409, 422)
  async dispatch(@Body() body: CreateDispatchDto): Promise<DispatchOutDto> {
    return toDispatchOut(await this.dispatches.dispatch(this.context.caller(), body));
  }

  @Post('dispatches/from-pick')
  @Idempotent()
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({
    summary: 'Dispatch a quantity from the lots the pick suggestion names, in one transaction',
    description:
      'Picks as POST /api/inventory/pick-suggestions does and records the dispatch of those ' +
      'lots on one gate pass, with the rules and answer of POST /api/inventory/dispatches. A ' +
      'quantity the stock does not cover answers 409 and nothing is written. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: DispatchOutDto })
  @ApiProblems(404, 409, 422)
  async dispatchFromPick(@Body() body: DispatchFromPickDto): Promise<DispatchOutDto> {
    return toDispatchOut(await this.pickDispatches.dispatch(this.context.caller(), body));
  }

  @Post('outward')
  @Idempotent()
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({
    summary: 'Dispatch from one lot (shorthand of a one-line dispatch)',
    description:
      "Dispatches from one lot to the lot's own client: the one-line form of POST " +
      '/api/inventory/dispatches, with the same rules and the same answer. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: DispatchOutDto })
  @ApiProblems(404, 409, 422)
  async outward(@Body() body: OutwardDto): Promise<DispatchOutDto> {
    return toDispatchOut(await this.dispatches.outward(this.context.caller(), body));
  }

  @Post('transfers')
  @Idempotent()
  @RequirePermissions(Permission.InventoryMoveInternal)
  @ApiOperation({
    summary: 'Move a whole lot to another chamber of the same warehouse',
    description:
      'Records a TRANSFER movement (no change of quantity or weight) into another active ' +
      "chamber of the lot's warehouse whose range suits the commodity (422 otherwise), and " +
      'optionally sets the new position. A depleted lot, or a date on or before the end of an ' +
      'approved or paid invoice of the client, answers 409; a lot or chamber outside your ' +
      'scope 404. Send an Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async transfer(@Body() body: TransferDto): Promise<LotStateDto> {
    return toLotState(await this.movements.transfer(this.context.caller(), body));
  }

  @Patch('lots/:id/position')
  @Idempotent()
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({
    summary: 'Putaway: set where the lot sits in its chamber',
    description:
      'Records the rack, floor or slot of the lot. Not a stock change: no ledger movement, ' +
      'only an audit event. A lot outside your scope answers 404. Send an Idempotency-Key ' +
      'header to retry safely.',
  })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 422)
  async position(@UuidParam() id: string, @Body() body: PositionDto): Promise<LotStateDto> {
    return toLotState(await this.movements.setPosition(this.context.caller(), id, body.position));
  }

  @Post('adjustments')
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({
    summary: 'Correct a lot by a quantity/weight delta with a reason',
    description:
      'Records an ADJUSTMENT movement with its reason code and note; a lot brought to zero units ' +
      'becomes DEPLETED, and one brought back above zero IN_STOCK. A result below zero, or a ' +
      'date on or before the end of an approved or paid invoice of the client, answers 409; a ' +
      'change of nothing, or a lot left with no units but some weight, answers 422. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async adjust(@Body() body: AdjustmentDto): Promise<LotStateDto> {
    return toLotState(await this.movements.adjust(this.context.caller(), body));
  }

  @Post('lots/:id/hold')
  @HttpCode(200)
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({
    summary: 'Put a lot on hold: it cannot be dispatched until released',
    description:
      'Sets an IN_STOCK lot ON_HOLD with the reason, e.g. a quality inspection; no ledger ' +
      'movement. A lot in any other status answers 409; outside your scope 404. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async hold(@UuidParam() id: string, @Body() body: HoldDto): Promise<LotStateDto> {
    return toLotState(await this.movements.hold(this.context.caller(), id, body.reason));
  }

  @Post('lots/:id/release')
  @HttpCode(200)
  @Idempotent()
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({
    summary: 'Release a held lot',
    description:
      'Sets an ON_HOLD lot back to IN_STOCK and clears its hold reason; the reason given is ' +
      'kept in the audit trail. A lot not on hold answers 409; outside your scope 404. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: LotStateDto })
  @ApiProblems(404, 409, 422)
  async release(@UuidParam() id: string, @Body() body: HoldDto): Promise<LotStateDto> {
    return toLotState(await this.movements.release(this.context.caller(), id, body.reason));
  }
}
