import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ListLotsQueryDto, LotOutDto } from 'src/inventory/dto/lot.dto';
import { InventoryQueriesService } from './inventory-queries.service';

/** The first version's operator listing: the lots of the caller's warehouse. */
@ApiTags('operator-portal')
@Controller('api/operator/inventory')
export class OperatorInventoryController {
  constructor(
    private readonly queries: InventoryQueriesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Lots of your warehouse (same filters and sorting as GET /api/inventory/lots)',
    description:
      "The first version's operator listing: the lots in your scope, which for an operator are " +
      'those of their warehouse, with the same filters, sorting and pagination (X-Total-Count) ' +
      'as GET /api/inventory/lots.',
  })
  @Paginated(LotOutDto, { keyset: true })
  @ApiProblems(422)
  list(@Query() query: ListLotsQueryDto): Promise<Page<LotOutDto>> {
    return this.queries.listLots(this.context.scope(), query);
  }
}
