import { Body, Controller, Get, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { ApiPdfResponse, pdfDownload } from 'src/common/http/pdf-download';
import { DocumentLanguageQueryDto } from 'src/common/pdf/document-language.dto';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  CreateSeasonPaymentDto,
  ListSeasonPaymentsQueryDto,
  SeasonPaymentOutDto,
  toSeasonPaymentOut,
} from 'src/billing/seasons/dto/season-payment.dto';
import { SeasonDocumentsService } from './season-documents.service';
import { SeasonPaymentsService } from './season-payments.service';

@ApiTags('billing')
@Controller('api/billing/season-payments')
export class SeasonPaymentsController {
  constructor(
    private readonly payments: SeasonPaymentsService,
    private readonly documents: SeasonDocumentsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List season payment receipts in your scope (a client sees its own)',
    description:
      'Lists receipts, latest payment first, filtered by season and client. A client sees its ' +
      "own; a warehouse's staff none. Paginated with skip and limit; the X-Total-Count header " +
      'gives the total.',
  })
  @Paginated(SeasonPaymentOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListSeasonPaymentsQueryDto): Promise<Page<SeasonPaymentOutDto>> {
    const page = await this.payments.list(this.context.scope(), query);
    return { items: page.items.map(toSeasonPaymentOut), total: page.total };
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({
    summary: 'Record a season payment and the bags it releases; answers the receipt',
    description:
      "Records what a client paid for a season (in the season's currency) and the bags it " +
      'releases per lot of the client in the season’s warehouse (at most what each lot holds). ' +
      'The receipt is numbered RCPT-<YYYY>-<NNNNNN>, without gaps per year. Unknown season, ' +
      'client or lot: 404; bad figures or a payment in the future: 422. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: SeasonPaymentOutDto })
  @ApiProblems(404, 422)
  async create(@Body() body: CreateSeasonPaymentDto): Promise<SeasonPaymentOutDto> {
    return toSeasonPaymentOut(await this.payments.create(body, this.context.caller().userId));
  }

  @Get(':id')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'One season payment receipt',
    description: 'Returns one receipt; 404 when it does not exist or is outside your scope.',
  })
  @ApiOkResponse({ type: SeasonPaymentOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<SeasonPaymentOutDto> {
    return toSeasonPaymentOut(await this.payments.get(this.context.scope(), id));
  }

  @Get(':id/pdf')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'A season payment receipt as a PDF (attachment `<receipt number>.pdf`)',
    description:
      'Renders the receipt (client, season, amount received, reference, bags released per ' +
      "lot) as a PDF attachment named `<receipt number>.pdf`, labelled in the client's " +
      'document_language (English, Hindi or Bengali; `lang` overrides it); names in ' +
      'Devanagari or Bengali print in that script. Same scope as GET ' +
      '/api/billing/season-payments/{id}: outside it 404.',
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async pdf(
    @UuidParam() id: string,
    @Query() query: DocumentLanguageQueryDto,
  ): Promise<StreamableFile> {
    const { filename, content } = await this.documents.receiptPdf(
      this.context.scope(),
      id,
      query.lang,
    );
    return pdfDownload(content, filename);
  }
}
