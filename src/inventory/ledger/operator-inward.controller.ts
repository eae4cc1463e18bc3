import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { InwardDto } from 'src/inventory/ledger/dto/movement-requests.dto';
import { InwardLotDto, toInwardLot } from 'src/inventory/ledger/dto/movement-responses.dto';
import { StockMovementsService } from './stock-movements.service';

/** The first version's operator route for receiving goods. */
@ApiTags('operator-portal')
@Controller('api/operator/inventory')
export class OperatorInwardController {
  constructor(
    private readonly movements: StockMovementsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('inward')
  @Idempotent()
  @RequirePermissions(Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: 'Receive goods into a chamber of your warehouse (same as POST /api/inventory/inward)',
    description:
      "The first version's operator route for receiving goods: the same body, rules and answer " +
      'as POST /api/inventory/inward, Idempotency-Key support included.',
  })
  @ApiCreatedResponse({ type: InwardLotDto })
  @ApiProblems(404, 409, 422)
  async inward(@Body() body: InwardDto): Promise<InwardLotDto> {
    return toInwardLot(await this.movements.inward(this.context.caller(), body));
  }
}
