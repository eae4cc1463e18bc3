import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { ApiPdfResponse, pdfDownload } from 'src/common/http/pdf-download';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LabelFormatQueryDto, LotLabelsQueryDto } from './dto/label.dto';
import { LabelFormat } from './label';
import { ZplResponse } from './zpl-response';
import { renderLabelsPdf } from './label-pdf';
import { labelsZpl } from './label-zpl';
import { LotLabelsService } from './lot-labels.service';

const SCOPE =
  "A client gets its own lots' labels, a warehouse's staff their warehouse's; any other lot answers 404.";
const SYMBOLS =
  'Each label carries a QR code and a Code 128 barcode holding the lot number as printed (plain ' +
  'text, no URL: GET /api/scan/{code} finds the lot), the lot number in large print, the client, ' +
  'commodity, day of receipt (warehouse time) and chamber.';
@ApiTags('inventory')
@Controller('api/inventory')
export class LotLabelsController {
  constructor(
    private readonly labels: LotLabelsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('lots/:id/label.pdf')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A lot's label as a PDF (attachment `label-<lot number>.pdf`)",
    description: `A4 (one label at the top left of a 2 × 5 sheet) or a 100 × 150 mm thermal label. ${SYMBOLS} ${SCOPE}`,
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async lotPdf(
    @UuidParam() id: string,
    @Query() query: LabelFormatQueryDto,
  ): Promise<StreamableFile> {
    const label = await this.labels.lotLabel(this.context.scope(), id);
    const content = await renderLabelsPdf(
      [label],
      query.format ?? LabelFormat.A4,
      `Lot ${label.code}`,
    );
    return pdfDownload(content, `label-${label.code}.pdf`);
  }

  @Get('lots/:id/label.zpl')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A lot's label in ZPL II for thermal printers (100 × 150 mm at 203 dpi)",
    description:
      `One ^XA…^XZ format, 812 × 1218 dots: the lot number, a QR code (^BQ), the facts and a ` +
      `Code 128 (^BC). Text goes through ^FH hex escapes under ^CI28 (UTF-8), so ^ and ~ in a ` +
      `name are printed, never read as commands. ${SYMBOLS} ${SCOPE}`,
  })
  @ZplResponse()
  @ApiProblems(404, 422)
  async lotZpl(@UuidParam() id: string): Promise<string> {
    return labelsZpl([await this.labels.lotLabel(this.context.scope(), id)]);
  }

  @Get('labels/lots.pdf')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'Labels of several lots as one PDF (attachment `lot-labels.pdf`)',
    description: `A4 sheets of 2 × 5 labels filled row by row, or one thermal label a page, in the order of ids. ${SYMBOLS} ${SCOPE} (one such lot makes the whole sheet 404).`,
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async lotsPdf(@Query() query: LotLabelsQueryDto): Promise<StreamableFile> {
    const labels = await this.labels.lotLabels(this.context.scope(), query.ids);
    const content = await renderLabelsPdf(labels, query.format ?? LabelFormat.A4, 'Lot labels');
    return pdfDownload(content, 'lot-labels.pdf');
  }
}
