import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse, csvAttachment } from './csv-report';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ListLotsQueryDto, LotDetailOutDto, LotOutDto } from 'src/inventory/dto/lot.dto';
import { ListMovementsQueryDto, StockMovementOutDto } from 'src/inventory/dto/movement.dto';
import {
  AgingOutDto,
  AgingQueryDto,
  StatementOutDto,
  StatementQueryDto,
  StockSummaryOutDto,
  SummaryQueryDto,
} from 'src/inventory/reports/dto/report.dto';
import { InventoryQueriesService } from './inventory-queries.service';
import { InventoryReportsService } from './inventory-reports.service';
import {
  ClientStatementService,
  statementCsv,
  statementFilename,
} from './client-statement.service';

@ApiTags('inventory')
@Controller('api/inventory')
export class InventoryReadController {
  constructor(
    private readonly queries: InventoryQueriesService,
    private readonly reports: InventoryReportsService,
    private readonly statements: ClientStatementService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('lots')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Lots in your scope, filtered and sorted (default newest receipt first)',
    description:
      'Lists lots with their commodity and chamber, depleted ones included unless filtered by ' +
      "status. Only lots in your scope: a warehouse's staff see their warehouse's, a client " +
      'only its own. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total. A full page ' +
      'also gives X-Next-Cursor: pass it as after= (without skip) to read the next page by ' +
      'keyset, as fast deep in the list as at its start (no total then).',
  })
  @Paginated(LotOutDto, { keyset: true })
  @ApiProblems(422)
  listLots(@Query() query: ListLotsQueryDto): Promise<Page<LotOutDto>> {
    return this.queries.listLots(this.context.scope(), query);
  }

  @Get('lots/:id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One lot with its movements, newest first',
    description:
      'Returns one lot with its whole ledger; its quantity and weight are the sums of those ' +
      'movements. A lot outside your scope answers 404 as if absent.',
  })
  @ApiOkResponse({ type: LotDetailOutDto })
  @ApiProblems(404, 422)
  getLot(@UuidParam() id: string): Promise<LotDetailOutDto> {
    return this.queries.getLot(this.context.scope(), id);
  }

  @Get('movements')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Stock movements in your scope, newest first',
    description:
      'Lists INWARD, OUTWARD, TRANSFER and ADJUSTMENT movements across lots, newest first by ' +
      'when they happened; from is inclusive and to exclusive. Only movements in your scope: ' +
      "your warehouse's, or a client's own. " +
      'Paginated with skip and limit; the X-Total-Count header gives the total. A full page ' +
      'also gives X-Next-Cursor: pass it as after= (without skip) to read the next page by ' +
      'keyset, as fast deep in the list as at its start (no total then).',
  })
  @Paginated(StockMovementOutDto, { keyset: true })
  @ApiProblems(422)
  listMovements(@Query() query: ListMovementsQueryDto): Promise<Page<StockMovementOutDto>> {
    return this.queries.listMovements(this.context.scope(), query);
  }

  @Get('summary')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Stock on hand by client, commodity and chamber, and chamber occupancy',
    description:
      'Counts lots with stock, their units and their kg, overall and by client, commodity and ' +
      'chamber, and shows every chamber against its capacity. Figures cover your scope, narrowed ' +
      'to warehouse_id when given; a client sees only its own goods and no occupancy. Staff ' +
      'naming a warehouse outside their scope, or one that does not exist, get 404.',
  })
  @ApiOkResponse({ type: StockSummaryOutDto })
  @ApiProblems(404, 422)
  summary(@Query() query: SummaryQueryDto): Promise<StockSummaryOutDto> {
    return this.reports.summary(this.context.scope(), query);
  }

  @Get('aging')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Stock on hand by days since receipt: 0-30, 31-60, 61-90, 90+',
    description:
      'Counts lots with stock, their units and their kg by whole days since receipt, up to now; ' +
      'always the four buckets, in order. Figures cover your scope, optionally narrowed to a ' +
      'warehouse and a client; a warehouse or client you may not see answers 404.',
  })
  @ApiOkResponse({ type: AgingOutDto })
  @ApiProblems(404, 422)
  aging(@Query() query: AgingQueryDto): Promise<AgingOutDto> {
    return this.reports.aging(this.context.scope(), query);
  }

  @Get('statement')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A client's stock at the end of a day (each warehouse's), rebuilt from the movements",
    description:
      'Rebuilds the lots with stock at the end of as_of from the ledger, so later movements do ' +
      'not show, each in the chamber it was in then. JSON by default; `format=csv` answers ' +
      'text/csv (header row, RFC 4180) as an attachment `statement-<client_id>-<as_of>.csv`. ' +
      "Staff must give client_id (422), and a warehouse's staff see only their warehouse, for " +
      "a client with stock there; a client gets its own, and another client's id answers 404.",
  })
  @ApiJsonOrCsvResponse(StatementOutDto)
  @ApiProblems(404, 422)
  async statement(@Query() query: StatementQueryDto): Promise<StatementOutDto | StreamableFile> {
    const statement = await this.statements.statement(this.context.scope(), query);
    if (query.format !== 'csv') return statement;
    return csvAttachment(statementCsv(statement), statementFilename(statement));
  }
}
