import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ChamberOccupancyDto } from './dto/occupancy.dto';
import { StockByLocationOutDto, StockByLocationQueryDto } from './dto/stock-by-location.dto';
import { LocationReportsService, stockByLocationCsv } from './location-reports.service';

@ApiTags('locations')
@Controller('api')
export class LocationReportsController {
  constructor(
    private readonly reports: LocationReportsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('chambers/:chamber_id/occupancy')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Occupancy of a chamber as a grid: floors × racks × slots with their fill',
    description:
      'Every slot (a location without children) with what it holds against its capacities and ' +
      'its fill ratio (the fullest stated measure), grouped by its FLOOR and RACK ancestors ' +
      '(null groups for slots under none), with roll-ups per rack, floor and chamber. A chamber ' +
      'outside your scope (any, for a client) answers 404.',
  })
  @ApiOkResponse({ type: ChamberOccupancyDto })
  @ApiProblems(404, 422)
  occupancy(@UuidParam('chamber_id') chamberId: string): Promise<ChamberOccupancyDto> {
    return this.reports.occupancy(this.context.scope(), chamberId);
  }

  @Get('inventory/reports/stock-by-location')
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
  @ApiExtraModels(StockByLocationOutDto)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(StockByLocationOutDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(404, 422)
  async stockByLocation(
    @Query() query: StockByLocationQueryDto,
  ): Promise<StockByLocationOutDto | StreamableFile> {
    const report = await this.reports.stockByLocation(this.context.scope(), query);
    if (query.format !== 'csv') return report;
    return new StreamableFile(Buffer.from(stockByLocationCsv(report), 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="stock-by-location-${report.client_id}.csv"`,
    });
  }
}
