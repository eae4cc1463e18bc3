import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalContext } from 'src/rbac/principal-context';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ChamberHistoryService, MAX_POINTS } from './chamber-history.service';
import {
  ChamberTemperatureOutDto,
  TemperatureHistoryQueryDto,
} from './dto/temperature-history.dto';

@ApiTags('cold-chain')
@Controller('api/chambers')
export class ChamberHistoryController {
  constructor(
    private readonly history: ChamberHistoryService,
    private readonly context: PrincipalContext,
  ) {}

  @Get(':id/temperature')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A chamber's temperature over time: min, max and mean per bucket, and the MKT",
    description:
      'Cuts from..to (default the last 24 hours) into buckets of the given size (default 1h), ' +
      'aligned on UTC and widened to whole buckets, and gives per bucket the readings of every ' +
      'sensor of the chamber together: count, min, max and mean, °C to 2 places. Buckets under ' +
      'an hour come from the raw readings, longer ones from the hourly rollups (kept after the ' +
      'raw readings expire). The period also gets its mean kinetic temperature (USP <1160>, ' +
      `ΔH/R = 10,000 K). At most ${MAX_POINTS} buckets (422 beyond). A chamber outside your ` +
      "warehouse answers 404; clients see temperatures only through their lots' certificates.",
  })
  @ApiOkResponse({ type: ChamberTemperatureOutDto })
  @ApiProblems(404, 422)
  get(
    @UuidParam() id: string,
    @Query() query: TemperatureHistoryQueryDto,
  ): Promise<ChamberTemperatureOutDto> {
    return this.history.history(this.context.scope(), id, query);
  }
}
