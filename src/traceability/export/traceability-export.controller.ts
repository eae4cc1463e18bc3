import { Controller, Get, Logger, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { problem, PROBLEM_CONTENT_TYPE } from 'src/common/http/problem-details';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequireAnyPermission } from 'src/rbac/require-permissions.decorator';
import { TraceabilityExportQueryDto } from './dto/traceability-export-query.dto';
import { TraceabilityExportService, XLSX_CONTENT_TYPE } from './traceability-export.service';
import { TRACEABILITY_READERS } from '../traceability-readers';

const logger = new Logger('TraceabilityExport');

type HandlerResponse = Parameters<Parameters<StreamableFile['setErrorHandler']>[0]>[1];

/**
 * A failure once the file has started cannot become a problem-details answer: the response is
 * cut off, so the download fails visibly instead of passing for a complete file.
 */
function abortDownload(
  error: Error,
  response: HandlerResponse & { setHeader?: (name: string, value: string) => void },
): void {
  logger.error({ err: error }, 'Traceability export stream failed');
  if (response.destroyed) return;
  if (response.headersSent) {
    if (response.destroy) response.destroy();
    else response.end();
    return;
  }
  response.statusCode = 500;
  response.setHeader?.('Content-Type', PROBLEM_CONTENT_TYPE);
  response.send(JSON.stringify(problem(500, 'The export could not be completed. Please retry.')));
}

@ApiTags('traceability')
@Controller('api/traceability/export')
export class TraceabilityExportController {
  constructor(
    private readonly exports: TraceabilityExportService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequireAnyPermission(...TRACEABILITY_READERS)
  @ApiOperation({
    summary: 'FSMA 204 records of a period as a sortable spreadsheet (or CSV) for the FDA',
    description:
      'Every receiving, shipping and transformation record (one row per traceability lot code ' +
      'per event) of Food Traceability List foods in your scope on the days from..to ' +
      "(inclusive, each warehouse's own days; less than 3 years), optionally only one " +
      'commodity, traceability lot code or warehouse. xlsx (default): a first sheet with the ' +
      'traceability plan in force at each warehouse and the parameters, then sheets ' +
      'Receiving, Shipping and Transformation with the Key Data Elements as columns (header ' +
      'frozen, filters on). csv: one file, event type and role first, the union of the ' +
      'columns (RFC 4180). Attachment `fsma204-<from>-<to>.xlsx|csv`, streamed. A period ' +
      'ending before it starts: 422; a warehouse outside your scope: 404.',
  })
  @ApiProduces(XLSX_CONTENT_TYPE, 'text/csv')
  @ApiOkResponse({
    description: 'The export, as an attachment',
    content: {
      [XLSX_CONTENT_TYPE]: { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiProblems(404, 422)
  async download(@Query() query: TraceabilityExportQueryDto): Promise<StreamableFile> {
    const file = await this.exports.open(this.context.scope(), query);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.filename}"`,
    }).setErrorHandler(abortDownload);
  }
}
