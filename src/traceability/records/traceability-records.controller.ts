import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { invalid } from 'src/common/validation/validation-failed.error';
import { TraceabilityEventOutDto } from 'src/inventory/ledger/dto/traceability-kdes.dto';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequireAnyPermission } from 'src/rbac/require-permissions.decorator';
import { TRACEABILITY_READERS } from '../traceability-readers';
import { LateReceiptDto, TraceOutDto } from './trace.dto';
import { TraceService } from './trace.service';

/** A traceability lot code in a path (the validation pipe already refused NUL characters). */
function checkTlc(tlc: string): string {
  if (tlc.length === 0 || tlc.length > 100) throw invalid('tlc', 'tlc must be 1 to 100 characters');
  return tlc;
}

@ApiTags('traceability')
@Controller('api/traceability')
export class TraceabilityRecordsController {
  constructor(
    private readonly trace: TraceService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('lots/:tlc')
  @RequireAnyPermission(...TRACEABILITY_READERS)
  @ApiOperation({
    summary: 'Trace a traceability lot code back and forward',
    description:
      'Every lot with this traceability lot code in the caller’s scope, the lots it was made ' +
      'from and the lots made of it (through repacks, relabels and comminglings, however ' +
      'many), each with its records; `sources` lists the receipts back to each previous ' +
      'source, `shipments` every shipment forward with its recipient. 404 when no lot in ' +
      'scope has the code.',
  })
  @ApiParam({ name: 'tlc', description: 'The traceability lot code (URL-encoded)' })
  @ApiOkResponse({ type: TraceOutDto })
  @ApiProblems(404, 422)
  async traceLot(@Param('tlc') tlc: string): Promise<TraceOutDto> {
    return this.trace.trace(this.context.caller(), checkTlc(tlc));
  }

  @Post('receipts')
  @RequireAnyPermission(Permission.TraceabilityManage, Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: 'Record the receipt of a lot already in stock',
    description:
      'For a lot received before its commodity went on the Food Traceability List (or before ' +
      'the warehouse kept records): its traceability lot code and receiving Key Data Elements, ' +
      'dated and sized as its receipt was. The same rules as traceability on the inward (422 ' +
      'naming a missing element; 409 without a traceability plan). A lot has one code: 409 ' +
      'when it already has one. Lots outside scope: 404.',
  })
  @ApiCreatedResponse({ type: TraceabilityEventOutDto })
  @ApiProblems(404, 409, 422)
  async lateReceipt(@Body() body: LateReceiptDto): Promise<TraceabilityEventOutDto> {
    return this.trace.lateReceipt(this.context.caller(), body);
  }
}
