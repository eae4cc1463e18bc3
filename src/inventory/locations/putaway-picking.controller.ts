import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  PickSuggestionDto,
  PickSuggestionRequestDto,
  PutawaySuggestionDto,
  PutawaySuggestionRequestDto,
} from './dto/putaway-picking.dto';
import { PickingService } from './picking.service';
import { PutawayService } from './putaway.service';

@ApiTags('inventory')
@Controller('api/inventory')
export class PutawayPickingController {
  constructor(
    private readonly putaway: PutawayService,
    private readonly picking: PickingService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('putaway-suggestions')
  @HttpCode(200)
  @RequirePermissions(Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: 'Suggest the slots to put a receipt away in',
    description:
      "Ranks the free leaf locations (active, not blocked) of your warehouse's active chambers " +
      "whose temperature range lies within the commodity's, and returns the fewest slots of one " +
      'chamber that take the quantity, best first: a slot scores for the share of the quantity ' +
      "it takes and for closeness to the client's lots of the commodity (same slot, beside " +
      'them, same rack); ties by code. Free room counts units, kg and pallets. Send the slots ' +
      'as the receipt’s placements. Nothing is written. A chamber, client or commodity not ' +
      'found answers 404, a named chamber that does not suit the commodity 422, and no room ' +
      'anywhere 409; room for part of the quantity answers the part with remaining_quantity.',
  })
  @ApiOkResponse({ type: PutawaySuggestionDto })
  @ApiProblems(404, 409, 422)
  async suggestPutaway(@Body() body: PutawaySuggestionRequestDto): Promise<PutawaySuggestionDto> {
    return this.putaway.suggest(this.context.caller(), body);
  }

  @Post('pick-suggestions')
  @HttpCode(200)
  @RequirePermissions(Permission.InventoryDispatchExecute)
  @ApiOperation({
    summary: 'Suggest the lots and slots to dispatch a quantity from (FEFO or FIFO)',
    description:
      "Takes the client's IN_STOCK lots of the commodity in your scope, earliest expiry first " +
      '(no expiry last) then earliest receipt (FEFO, the default), or earliest receipt (FIFO); ' +
      'held lots never. Within a lot the units come from where a dispatch takes them: its ' +
      'unassigned part, then its slots in code order. A shortfall above 0 says the stock does ' +
      'not cover the quantity. Nothing is written.',
  })
  @ApiOkResponse({ type: PickSuggestionDto })
  @ApiProblems(422)
  async suggestPick(@Body() body: PickSuggestionRequestDto): Promise<PickSuggestionDto> {
    return this.picking.suggest(this.context.caller(), body);
  }
}
