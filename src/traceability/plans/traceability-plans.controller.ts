import { Body, Controller, Get, HttpStatus, Put, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequireAnyPermission, RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { TRACEABILITY_READERS } from '../traceability-readers';
import { PutTraceabilityPlanDto, toPlanOut, TraceabilityPlanOutDto } from './traceability-plan.dto';
import { TraceabilityPlansService } from './traceability-plans.service';

@ApiTags('traceability')
@Controller('api/traceability/plans')
export class TraceabilityPlansController {
  constructor(
    private readonly plans: TraceabilityPlansService,
    private readonly context: PrincipalContext,
  ) {}

  @Get(':warehouse_id')
  @RequireAnyPermission(...TRACEABILITY_READERS)
  @ApiOperation({
    summary: "A warehouse's traceability plan",
    description:
      'The FSMA 204 traceability plan of a warehouse (21 CFR 1.1315): the location description ' +
      'its records carry, the contact, and its procedures, with the version in force (the ' +
      'export names it). 404 when the warehouse is unknown or outside the caller’s scope, or ' +
      'has no plan yet.',
  })
  @ApiOkResponse({ type: TraceabilityPlanOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam('warehouse_id') warehouseId: string): Promise<TraceabilityPlanOutDto> {
    return toPlanOut(await this.plans.get(this.context.caller(), warehouseId));
  }

  @Put(':warehouse_id')
  @RequirePermissions(Permission.TraceabilityManage)
  @ApiOperation({
    summary: "Write a warehouse's traceability plan",
    description:
      'Sets the whole plan: the warehouse’s location description (business name, phone, ' +
      'address, city, state or region, postal code, ISO country, optional GLN), the contact ' +
      'and the three procedures. 201 for the first version, 200 after; a change raises the ' +
      'version, the same plan again leaves it. Audited. Receiving, shipping or transforming ' +
      'Food Traceability List foods needs one (409 until it exists).',
  })
  @ApiOkResponse({ type: TraceabilityPlanOutDto, description: 'Updated (or unchanged)' })
  @ApiCreatedResponse({ type: TraceabilityPlanOutDto, description: 'The first version' })
  @ApiProblems(404, 422)
  async put(
    @UuidParam('warehouse_id') warehouseId: string,
    @Body() body: PutTraceabilityPlanDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TraceabilityPlanOutDto> {
    const { plan, created } = await this.plans.put(this.context.caller(), warehouseId, body);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toPlanOut(plan);
  }
}
