import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequireAnyPermission } from 'src/rbac/require-permissions.decorator';
import { CreateTransformationDto, TransformationOutDto } from './transformation.dto';
import { TransformationsService } from './transformations.service';

@ApiTags('traceability')
@Controller('api/traceability')
export class TransformationsController {
  constructor(
    private readonly transformations: TransformationsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('transformations')
  @RequireAnyPermission(Permission.InventoryAdjust)
  @ApiOperation({
    summary: 'Repack, relabel or commingle lots into a new lot',
    description:
      'Lots of one client in one warehouse (in scope, not on hold) give up the units used ' +
      'through TRANSFORMATION adjustments; a new lot is received with a new traceability lot ' +
      'code (assigned by the warehouse: the one given, which must be new, else the lot’s ' +
      'number), dated when the transformation completed. One record per code in (INPUT) and ' +
      'out (OUTPUT), with the reference document. All or nothing. A listed food used without ' +
      'a code: 409; no traceability plan: 409; more units than a lot holds: 409.',
  })
  @ApiCreatedResponse({ type: TransformationOutDto })
  @ApiProblems(404, 409, 422)
  async transform(@Body() body: CreateTransformationDto): Promise<TransformationOutDto> {
    return this.transformations.create(this.context.caller(), body);
  }
}
