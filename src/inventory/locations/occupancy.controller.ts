import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ChamberOccupancyGridDto } from './dto/occupancy.dto';
import { OccupancyService } from './occupancy.service';

@ApiTags('locations')
@Controller('api/chambers/:chamber_id/occupancy')
export class OccupancyController {
  constructor(
    private readonly reports: OccupancyService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Occupancy of a chamber as a grid: floors × racks × slots with their fill',
    description:
      'Every slot (a location without children) with what it holds against its capacities and ' +
      'its fill ratio (the fullest stated measure), grouped by its FLOOR and RACK ancestors ' +
      '(null groups for slots under none), with roll-ups per rack, floor and chamber. A chamber ' +
      'outside your scope (any, for a client) answers 404.',
  })
  @ApiOkResponse({ type: ChamberOccupancyGridDto })
  @ApiProblems(404, 422)
  occupancy(@UuidParam('chamber_id') chamberId: string): Promise<ChamberOccupancyGridDto> {
    return this.reports.occupancy(this.context.scope(), chamberId);
  }
}
