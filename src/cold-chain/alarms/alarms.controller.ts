import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalContext } from 'src/rbac/principal-context';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { AlarmsService } from './alarms.service';
import { AcknowledgeAlarmDto, AlarmOutDto, ListAlarmsQueryDto, toAlarmOut } from './dto/alarm.dto';

@ApiTags('alarms')
@Controller('api/alarms')
export class AlarmsController {
  constructor(
    private readonly alarms: AlarmsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'List alarms, newest first',
    description:
      'Temperature excursions and silent sensors of the warehouses in your scope, filtered by ' +
      'state, type and warehouse. Paginated with skip and limit; the X-Total-Count header ' +
      'gives the total.',
  })
  @Paginated(AlarmOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListAlarmsQueryDto): Promise<Page<AlarmOutDto>> {
    const page = await this.alarms.list(this.context.scope(), query);
    return { items: page.items.map(toAlarmOut), total: page.total };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequirePermissions(Permission.TelemetryManage)
  @ApiOperation({
    summary: 'Acknowledge an alarm',
    description:
      'Records that you have seen an ACTIVE_UNACKNOWLEDGED alarm, with a note: it becomes ' +
      'ACTIVE_ACKNOWLEDGED (and is no longer escalated to admins) until its cause ends. An ' +
      'alarm already acknowledged or cleared answers 409; one outside your scope 404.',
  })
  @ApiOkResponse({ type: AlarmOutDto })
  @ApiProblems(404, 409, 422)
  async acknowledge(
    @UuidParam() id: string,
    @Body() body: AcknowledgeAlarmDto,
  ): Promise<AlarmOutDto> {
    return toAlarmOut(await this.alarms.acknowledge(this.context.caller(), id, body.note));
  }
}
