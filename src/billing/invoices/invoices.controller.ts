import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
  CreateInvoiceDto,
  InvoiceOutDto,
  InvoiceSummaryOutDto,
  ListInvoicesQueryDto,
  MarkPaidDto,
  toInvoiceOut,
  toInvoiceSummaryOut,
  VoidInvoiceDto,
} from 'src/billing/invoices/dto/invoice.dto';
import { InvoiceGenerator } from './invoice-generator.service';
import { InvoicesService } from './invoices.service';

@ApiTags('billing')
@Controller('api/billing/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly generator: InvoiceGenerator,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List invoices in your scope (a client sees its approved, paid and void ones)',
    description:
      'Lists invoices without their lines, newest period first, filtered by client, status ' +
      'and period (from/to keep the periods that overlap them). A client sees only its own ' +
      "approved, paid and void invoices, never drafts; a warehouse's staff see none, as " +
      'invoices span warehouses. Paginated with skip and limit; the X-Total-Count header ' +
      'gives the total.',
  })
  @Paginated(InvoiceSummaryOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListInvoicesQueryDto): Promise<Page<InvoiceSummaryOutDto>> {
    const page = await this.invoices.list(this.context.scope(), query);
    return { items: page.items.map(toInvoiceSummaryOut), total: page.total };
  }

  @Post()
  @Idempotent()
  @RequirePermissions(Permission.BillingInvoiceCreate)
  @ApiOperation({
    summary: 'Generate a draft invoice for a client and an inclusive period',
    description:
      'Computes a DRAFT from the stock ledger and the rate cards: storage for every calendar ' +
      "day (in each warehouse's time zone) a unit or kg was stored for any part of it, at the " +
      'card in effect that day, plus handling per unit received and dispatched. A period ' +
      'overlapping another non-void invoice of the client answers 409; nothing to bill, a day ' +
      'without a card in effect, or cards in more than one currency answer 422. Send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async create(@Body() body: CreateInvoiceDto): Promise<InvoiceOutDto> {
    const invoice = await this.generator.create(this.context.caller().userId, body);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), invoice.id));
  }

  @Get(':id')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'One invoice with its lines and taxes',
    description:
      'Returns one invoice with its lines in order and its tax by rate; amounts are integer ' +
      'minor units (`*_minor`) with the same amount in major units beside them. A client sees ' +
      'only its own approved, paid and void invoices; an invoice outside your scope answers ' +
      '404 as if absent.',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<InvoiceOutDto> {
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Get(':id/pdf')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'The invoice as a PDF (attachment `<number>.pdf`)',
    description:
      'Renders the invoice as a PDF attachment named `<number>.pdf`, or `draft-<id>.pdf` for ' +
      'a draft; an approved invoice shows the bill-to name and address frozen at approval. ' +
      "Labelled in the client's document_language (English, Hindi or Bengali; `lang` overrides " +
      'it); names in Devanagari or Bengali print in that script. Same scope as GET ' +
      '/api/billing/invoices/{id}: outside it 404.',
  })
  @ApiPdfResponse()
  @ApiProblems(404, 422)
  async pdf(
    @UuidParam() id: string,
    @Query() query: DocumentLanguageQueryDto,
  ): Promise<StreamableFile> {
    const { filename, content } = await this.invoices.pdf(this.context.scope(), id, query.lang);
    return pdfDownload(content, filename);
  }

  @Post(':id/recompute')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceCreate)
  @ApiOperation({
    summary: 'Compute a draft again from the current ledger and rate cards',
    description:
      'Replaces the lines and totals of a draft with those the ledger and the rate cards give ' +
      'now. You become its generator, so under the four-eyes rule someone else must approve ' +
      'it. Only a draft can be recomputed (409), with the same 422s as generation; send an ' +
      'Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async recompute(@UuidParam() id: string): Promise<InvoiceOutDto> {
    await this.generator.recompute(this.context.caller().userId, id);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.BillingInvoiceCreate)
  @ApiOperation({
    summary: 'Delete a draft',
    description:
      'Deletes a draft invoice and its lines; the audit trail keeps a record of it. An ' +
      'approved, paid or void invoice cannot be deleted (409): void an approved one instead.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 409, 422)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.invoices.remove(id);
  }

  @Post(':id/approve')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({
    summary: 'Approve a draft: numbers it INV-<YYYY>-<NNNNNN>, freezes it, emails the client',
    description:
      'Numbers the draft INV-<YYYY>-<NNNNNN>, gapless per year, freezes the bill-to name and ' +
      "address, sets issued_on to today and queues an email to the client's user. Four-eyes: " +
      'the user who generated or last recomputed the draft cannot approve it (409). The period ' +
      'must have ended in every warehouse billed, and the ledger and cards must still give the ' +
      'same lines (else 409: recompute); until it is voided, no stock movement of the client ' +
      'may be dated on or before its end. Send an Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async approve(@UuidParam() id: string): Promise<InvoiceOutDto> {
    await this.invoices.approve(this.context.caller().userId, id);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Post(':id/void')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({
    summary: 'Void an approved invoice; its number stays used and its period can be billed again',
    description:
      'Marks an approved invoice VOID with the reason; its number stays used, its period may ' +
      "be billed again, and it no longer closes the client's stock history. A draft is deleted " +
      'instead, and a paid or void invoice cannot be voided (409). Send an Idempotency-Key ' +
      'header to retry safely.',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async void(@UuidParam() id: string, @Body() body: VoidInvoiceDto): Promise<InvoiceOutDto> {
    await this.invoices.voidInvoice(this.context.caller().userId, id, body.reason);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Post(':id/mark-paid')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({
    summary: 'Record the payment of an approved invoice',
    description:
      'Marks an approved invoice PAID with the time of payment (not in the future, 422) and ' +
      'its reference; a paid invoice can no longer be voided. A draft, void or already paid ' +
      'invoice answers 409. Send an Idempotency-Key header to retry safely.',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async markPaid(@UuidParam() id: string, @Body() body: MarkPaidDto): Promise<InvoiceOutDto> {
    await this.invoices.markPaid(this.context.caller().userId, id, body.paid_at, body.reference);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }
}
