import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  SeasonStatementFormatDto,
  SeasonStatementOutDto,
} from 'src/billing/seasons/dto/season-statement.dto';
import { pdfDownload } from 'src/common/http/pdf-download';
import { csvAttachment, ApiJsonCsvOrPdfResponse } from 'src/inventory/reports/csv-report';
import { SeasonDocumentsService } from './season-documents.service';
import { seasonStatementCsv, SeasonStatementService } from './season-statement.service';

@ApiTags('client-portal')
@Controller('api/client/seasons')
export class ClientSeasonsController {
  constructor(
    private readonly statements: SeasonStatementService,
    private readonly documents: SeasonDocumentsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get(':id/statement')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'Your season statement: rent, extension, booking credit, payments, balance',
    description:
      "The signed-in client's statement of a season (see GET /api/billing/seasons/{id}/" +
      'statement), as JSON, with `format=csv` as text/csv or with `format=pdf` as a PDF in ' +
      'your document language (`lang` overrides it); 404 for a season of a ' +
      'warehouse holding none of your lots.',
  })
  @ApiJsonCsvOrPdfResponse(SeasonStatementOutDto)
  @ApiProblems(404, 422)
  async statement(
    @UuidParam() id: string,
    @Query() query: SeasonStatementFormatDto,
  ): Promise<SeasonStatementOutDto | StreamableFile> {
    if (query.format === 'pdf') {
      const pdf = await this.documents.statementPdf(
        this.context.scope(),
        id,
        undefined,
        query.lang,
      );
      return pdfDownload(pdf.content, pdf.filename);
    }
    const statement = await this.statements.statement(this.context.scope(), id, undefined);
    if (query.format !== 'csv') return statement;
    return csvAttachment(
      seasonStatementCsv(statement),
      `season-statement-${statement.season_id}-${statement.client_id}.csv`,
    );
  }
}
