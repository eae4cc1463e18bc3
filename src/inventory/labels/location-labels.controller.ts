import { Controller, Get, Query, type StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { ApiPdfResponse, pdfDownload } from 'src/common/http/pdf-download';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { LocationLabelsQueryDto, MAX_LABELS } from './dto/label.dto';
import { LabelFormat } from './label';
import { ZplResponse } from './zpl-response';
import { renderLabelsPdf } from './label-pdf';
import { labelsZpl } from './label-zpl';
import { LocationLabelsService } from './location-labels.service';

const WHICH =
  'Locations of the chamber in tree order: those without children (where lots sit), or every ' +
  'location of `kind`; only below parent_id (any depth) and codes starting with `code` when ' +
  `given. More than ${MAX_LABELS} answers 422: print a rack or a floor at a time.`;
const SYMBOLS =
  'Each label carries a QR code and a Code 128 barcode of `<chamber code>:<location code>` ' +
  '(slot codes repeat across chambers; GET /api/scan/{code} finds the location), that code in ' +
  'large print, the chamber, kind and name, and the capacity.';
const SCOPE = 'A chamber of another warehouse (any, for a client) answers 404.';

@ApiTags('locations')
@Controller('api/chambers/:chamber_id/locations')
export class LocationLabelsController {
  constructor(
    private readonly labels: LocationLabelsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('labels.pdf')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary:
      "Labels of a chamber's storage locations as a PDF (attachment `locations-<chamber code>.pdf`)",
    description: `A4 sheets of 2 × 5 labels or one 100 × 150 mm thermal label a page. ${WHICH} ${SYMBOLS} ${SCOPE}`,
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async pdf(
    @UuidParam('chamber_id') chamberId: string,
    @Query() query: LocationLabelsQueryDto,
  ): Promise<StreamableFile> {
    const { chamber, labels } = await this.labels.locationLabels(
      this.context.scope(),
      chamberId,
      query,
    );
    const content = await renderLabelsPdf(
      labels,
      query.format ?? LabelFormat.A4,
      `Locations of ${chamber}`,
    );
    return pdfDownload(content, `locations-${chamber}.pdf`);
  }

  @Get('labels.zpl')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "Labels of a chamber's storage locations in ZPL II (100 × 150 mm at 203 dpi)",
    description: `One ^XA…^XZ format a location, as one print job (format is ignored). ${WHICH} ${SYMBOLS} ${SCOPE}`,
  })
  @ZplResponse()
  @ApiProblems(404, 422)
  async zpl(
    @UuidParam('chamber_id') chamberId: string,
    @Query() query: LocationLabelsQueryDto,
  ): Promise<string> {
    const { labels } = await this.labels.locationLabels(this.context.scope(), chamberId, query);
    return labelsZpl(labels);
  }
}
