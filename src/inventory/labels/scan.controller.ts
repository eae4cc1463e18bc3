import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ScanResultDto } from './dto/scan.dto';
import { ScanService } from './scan.service';

@ApiTags('inventory')
@Controller('api/scan')
export class ScanController {
  constructor(
    private readonly scans: ScanService,
    private readonly context: PrincipalContext,
  ) {}

  @Get(':code')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "What a scanned label's code names: a lot or a storage location",
    description:
      'Labels encode, as printed, in the QR code and the Code 128 alike, a lot number or ' +
      '`<chamber code>:<location code>`; a bare location code (typed off a rack) works when ' +
      'only one chamber in scope has it. The code is trimmed and upper-cased; URL-encode it ' +
      '(location codes may hold "/"). A client finds only its own lots (never locations), ' +
      "warehouse staff their warehouse's; anything else is 404. A code naming more than one " +
      'thing (a bare location code of several chambers, say) is a 409 listing the full codes.',
  })
  @ApiParam({ name: 'code', example: 'WH1-2026-000042' })
  @ApiOkResponse({ type: ScanResultDto })
  @ApiProblems(404, 409, 422)
  scan(@Param('code') code: string): Promise<ScanResultDto> {
    return this.scans.scan(this.context.scope(), code);
  }
}
