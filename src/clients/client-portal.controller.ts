import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ClientsService } from './clients.service';
import { ClientOutDto, toClientOut } from './dto/client.dto';

@ApiTags('client-portal')
@Controller('api/client')
export class ClientPortalController {
  constructor(
    private readonly clients: ClientsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('me')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Your client profile',
    description:
      'Returns the client profile linked to your account: company name and billing address. ' +
      'An account without a client profile, such as staff, answers 403.',
  })
  @ApiOkResponse({ type: ClientOutDto })
  async me(): Promise<ClientOutDto> {
    return toClientOut(await this.clients.mine(this.context.scope()));
  }
}
