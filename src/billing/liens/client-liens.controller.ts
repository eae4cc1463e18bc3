import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LienOutDto } from 'src/billing/liens/dto/lien.dto';
import { ListLiensQueryDto } from 'src/billing/liens/dto/lien-requests.dto';
import { LienQueriesService } from './lien-queries.service';

@ApiTags('client-portal')
@Controller('api/client/liens')
export class ClientLiensController {
  constructor(
    private readonly queries: LienQueriesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'Your liens (advances and pledges on your lots) and their balances',
    description:
      'Newest first, with the same filters and figures as GET /api/billing/liens: a client sees ' +
      'its own liens; unrestricted staff see all. Paginated with skip and limit; the ' +
      'X-Total-Count header gives the total.',
  })
  @Paginated(LienOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListLiensQueryDto): Promise<Page<LienOutDto>> {
    return this.queries.list(this.context.scope(), query);
  }
}
