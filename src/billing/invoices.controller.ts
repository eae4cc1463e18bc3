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
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequestContext } from 'src/rbac/request-context.service';
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
} from './dto/invoice.dto';
import { InvoiceGenerator } from './invoice-generator.service';
import { InvoicesService } from './invoices.service';

@ApiTags('billing')
@Controller('api/billing/invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly generator: InvoiceGenerator,
    private readonly context: RequestContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'List invoices in your scope (a client sees its approved, paid and void ones)',
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
      "Days are calendar days in each warehouse's time zone. Storage is charged for every day a " +
      'unit (or kg) was in storage for any part of the day, at the card in effect that day; ' +
      'handling per unit received and dispatched. A period overlapping another non-void invoice ' +
      'of the client is a 409.',
  })
  @ApiCreatedResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async create(@Body() body: CreateInvoiceDto): Promise<InvoiceOutDto> {
    const invoice = await this.generator.create(this.context.principal().userId, body);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), invoice.id));
  }

  @Get(':id')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({ summary: 'One invoice with its lines and taxes' })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<InvoiceOutDto> {
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Get(':id/pdf')
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({ summary: 'The invoice as a PDF (attachment `<number>.pdf`)' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(404, 422)
  async pdf(@UuidParam() id: string): Promise<StreamableFile> {
    const { filename, content } = await this.invoices.pdf(this.context.scope(), id);
    return new StreamableFile(content, {
      type: 'application/pdf',
      disposition: `attachment; filename="${filename}"`,
      length: content.length,
    });
  }

  @Post(':id/recompute')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceCreate)
  @ApiOperation({ summary: 'Compute a draft again from the current ledger and rate cards' })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async recompute(@UuidParam() id: string): Promise<InvoiceOutDto> {
    await this.generator.recompute(this.context.principal().userId, id);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(Permission.BillingInvoiceCreate)
  @ApiOperation({ summary: 'Delete a draft' })
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
      'Four-eyes: the user who generated the draft cannot approve it (409). The period must have ' +
      'ended, and the ledger and cards must still give the same lines (else 409: recompute).',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async approve(@UuidParam() id: string): Promise<InvoiceOutDto> {
    await this.invoices.approve(this.context.principal().userId, id);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Post(':id/void')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({
    summary: 'Void an approved invoice; its number stays used and its period can be billed again',
  })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async void(@UuidParam() id: string, @Body() body: VoidInvoiceDto): Promise<InvoiceOutDto> {
    await this.invoices.voidInvoice(this.context.principal().userId, id, body.reason);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }

  @Post(':id/mark-paid')
  @Idempotent()
  @HttpCode(200)
  @RequirePermissions(Permission.BillingInvoiceApprove)
  @ApiOperation({ summary: 'Record the payment of an approved invoice' })
  @ApiOkResponse({ type: InvoiceOutDto })
  @ApiProblems(404, 409, 422)
  async markPaid(@UuidParam() id: string, @Body() body: MarkPaidDto): Promise<InvoiceOutDto> {
    await this.invoices.markPaid(this.context.principal().userId, id, body.paid_at, body.reference);
    return toInvoiceOut(await this.invoices.get(this.context.scope(), id));
  }
}
