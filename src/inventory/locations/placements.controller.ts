import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LotPlacementsOutDto, MovePlacementDto } from './dto/placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('locations')
@Controller('api/inventory/lots/:id/placements')
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('move')
  @HttpCode(200)
  @Idempotent()
  @RequirePermissions(Permission.InventoryZoneAllocate)
  @ApiOperation({
    summary: 'Move units of a lot between locations of its chamber',
    description:
      'Moves quantity from from_location_id (null: the unassigned part of the lot) to ' +
      'to_location_id (null: back to unassigned). Quantity is conserved, the move is kept in ' +
      'the location history and audited. 409 when the source holds fewer units, or when the ' +
      'target is full (naming it), blocked, inactive or has sub-locations; 422 for a location ' +
      "outside the lot's chamber; 404 for a lot outside your scope. Returns the lot's placements.",
  })
  @ApiOkResponse({ type: LotPlacementsOutDto })
  @ApiProblems(404, 409, 422)
  move(@UuidParam() id: string, @Body() body: MovePlacementDto): Promise<LotPlacementsOutDto> {
    return this.placements.move(this.context.caller(), id, body);
  }
}
