import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiJsonOrCsvResponse, csvAttachment } from './csv-report';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { StockByLocationOutDto, StockByLocationQueryDto } from './dto/stock-by-location.dto';
import { StockByLocationService, stockByLocationCsv } from './stock-by-location.service';

@ApiTags('locations')
@Controller('api/inventory/reports')
export class StockByLocationController {
  constructor(
    private readonly reports: StockByLocationService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('stock-by-location')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A client's stock on hand by warehouse, chamber and storage location",
    description:
      'One row per lot and location, and one for the units of a lot in no location (with its ' +
      'free-text position). JSON by default; `format=csv` answers text/csv (header row, RFC ' +
      '4180) as an attachment `stock-by-location-<client_id>.csv`. Staff must give client_id ' +
      "(422), and a warehouse's staff see only their warehouse, for a client with stock there; " +
      "a client gets its own, and another client's id answers 404.",
  })
  @ApiJsonOrCsvResponse(StockByLocationOutDto)
  @ApiProblems(404, 422)
  async stockByLocation(
    @Query() query: StockByLocationQueryDto,
  ): Promise<StockByLocationOutDto | StreamableFile> {
    const report = await this.reports.stockByLocation(this.context.scope(), query);
    if (query.format !== 'csv') return report;
    return csvAttachment(stockByLocationCsv(report), `stock-by-location-${report.client_id}.csv`);
  }
}
