import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalContext } from 'src/rbac/principal-context';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ChamberMonitoringService } from './chamber-monitoring.service';
import { ChamberMonitoringOutDto, PutChamberMonitoringDto } from './dto/chamber-monitoring.dto';

@ApiTags('chambers')
@Controller('api/chambers/:id/monitoring')
export class ChamberMonitoringController {
  constructor(
    private readonly monitoring: ChamberMonitoringService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A chamber's monitoring settings",
    description:
      'The alarm delay, recovery delay and daily defrost windows the excursion detector applies ' +
      'to the chamber (the defaults until they are set). A chamber outside your scope answers 404.',
  })
  @ApiOkResponse({ type: ChamberMonitoringOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<ChamberMonitoringOutDto> {
    return this.monitoring.get(this.context.scope(), id);
  }

  @Put()
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: "Replace a chamber's monitoring settings",
    description:
      'Sets the alarm delay, recovery delay and defrost windows (start HH:MM on the ' +
      "warehouse's clock, minutes); a field left out takes its default. They apply from the " +
      'next evaluation of the chamber. A chamber outside your scope answers 404.',
  })
  @ApiOkResponse({ type: ChamberMonitoringOutDto })
  @ApiProblems(404, 422)
  async put(
    @UuidParam() id: string,
    @Body() body: PutChamberMonitoringDto,
  ): Promise<ChamberMonitoringOutDto> {
    return this.monitoring.put(this.context.scope(), id, body);
  }
}
