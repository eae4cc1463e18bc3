import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { AuditService } from 'src/audit/audit.service';
import { AuditEventOutDto, ListAuditEventsQueryDto } from 'src/audit/dto/audit-event.dto';
import { Permission } from './permission.enum';
import { RequirePermissions } from './require-permissions.decorator';

@ApiTags('admin-audit')
@Controller('api/admin/audit-events')
export class AdminAuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermissions(Permission.AuditView)
  @ApiOperation({
    summary: 'The audit trail, newest first, filtered by actor, action, entity, warehouse and time',
    description:
      'Lists the append-only audit events of every warehouse: sign-ins and sign-in failures, ' +
      'account, invitation, catalogue, stock and billing changes, each with the actor, the ' +
      'request id, the address and the changed fields before and after. Filters combine; from ' +
      'is inclusive and to exclusive. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(AuditEventOutDto)
  @ApiProblems(422)
  list(@Query() query: ListAuditEventsQueryDto): Promise<Page<AuditEventOutDto>> {
    return this.audit.list(query);
  }
}
