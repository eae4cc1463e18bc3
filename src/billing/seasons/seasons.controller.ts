import { Body, Controller, Get, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateSeasonDto,
  ListSeasonsQueryDto,
  SeasonOutDto,
  toSeasonOut,
  UpdateSeasonDto,
} from 'src/billing/seasons/dto/season.dto';
import {
  SeasonStatementOutDto,
  SeasonStatementQueryDto,
} from 'src/billing/seasons/dto/season-statement.dto';
import { pdfDownload } from 'src/common/http/pdf-download';
import { csvAttachment, ApiJsonCsvOrPdfResponse } from 'src/inventory/reports/csv-report';
import { SeasonDocumentsService } from './season-documents.service';
import { seasonStatementCsv, SeasonStatementService } from './season-statement.service';
import { SeasonsService } from './seasons.service';

@ApiTags('billing')
@Controller('api/billing/seasons')
export class SeasonsController {
  constructor(
    private readonly seasons: SeasonsService,
    private readonly statements: SeasonStatementService,
    private readonly documents: SeasonDocumentsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List seasons in your scope, latest first',
    description:
      'Lists storage seasons, latest start first, filtered by warehouse or the day they cover. ' +
      "Unrestricted staff see all, a warehouse's staff their warehouse's, a client those of " +
      'the warehouses holding its lots. Paginated with skip and limit; the X-Total-Count ' +
      'header gives the total.',
  })
  @Paginated(SeasonOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListSeasonsQueryDto): Promise<Page<SeasonOutDto>> {
    const page = await this.seasons.list(this.context.scope(), query);
    return { items: page.items.map(toSeasonOut), total: page.total };
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'Add a season to a warehouse',
    description:
      'A season has a start, an end and a vacate-by day, and an extension rate per bag or ' +
      'quintal for each calendar month or part of one that stock stays after the end. ' +
      'Seasons of a warehouse may not overlap (409); an unknown warehouse answers 404; bad ' +
      'dates, rates or currency 422. Send an Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: SeasonOutDto })
  @ApiProblems(404, 409, 422)
  async create(@Body() body: CreateSeasonDto): Promise<SeasonOutDto> {
    return toSeasonOut(await this.seasons.create(body, this.context.caller().userId));
  }

  @Get(':id')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'One season',
    description: 'Returns one season; 404 when it does not exist or is outside your scope.',
  })
  @ApiOkResponse({ type: SeasonOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<SeasonOutDto> {
    return toSeasonOut(await this.seasons.get(this.context.scope(), id));
  }

  @Patch(':id')
  @Idempotent()
  @RequirePermissions(Permission.BillingRateManage)
  @ApiOperation({
    summary: 'Change a season; frozen once an approved invoice charged it',
    description:
      'Changes the fields sent under the rules of a new season (422, 409 on overlap). Once an ' +
      'approved or paid invoice holds a rent, extension or booking-credit line of the season, ' +
      'its dates, extension rate and currency can no longer change (409); the name can.',
  })
  @ApiOkResponse({ type: SeasonOutDto })
  @ApiProblems(404, 409, 422)
  async update(@UuidParam() id: string, @Body() body: UpdateSeasonDto): Promise<SeasonOutDto> {
    return toSeasonOut(await this.seasons.update(id, body));
  }

  @Get(':id/statement')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: "A client's season statement: rent, extension, credits, payments, balance",
    description:
      'Per lot the season rent, extension rent and booking credit of the approved and paid ' +
      "invoices, and the bags released by payments; then the season's payments and the " +
      'balance (total with tax − paid). Staff name the client with client_id; a client gets ' +
      'its own. JSON by default; `format=csv` answers text/csv (one row per lot, then the ' +
      'totals) as an attachment; `format=pdf` a PDF attachment ' +
      "`season-statement-<season>-<client>.pdf` labelled in the client's document_language " +
      '(`lang` overrides it: en, hi or bn). 404 outside your scope.',
  })
  @ApiJsonCsvOrPdfResponse(SeasonStatementOutDto)
  @ApiProblems(404, 422)
  async statement(
    @UuidParam() id: string,
    @Query() query: SeasonStatementQueryDto,
  ): Promise<SeasonStatementOutDto | StreamableFile> {
    if (query.format === 'pdf') {
      const pdf = await this.documents.statementPdf(
        this.context.scope(),
        id,
        query.client_id,
        query.lang,
      );
      return pdfDownload(pdf.content, pdf.filename);
    }
    const statement = await this.statements.statement(this.context.scope(), id, query.client_id);
    if (query.format !== 'csv') return statement;
    return csvAttachment(
      seasonStatementCsv(statement),
      `season-statement-${statement.season_id}-${statement.client_id}.csv`,
    );
  }
}
