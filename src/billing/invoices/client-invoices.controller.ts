import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { InvoiceSummaryOutDto, toInvoiceSummaryOut } from 'src/billing/invoices/dto/invoice.dto';
import { InvoicesService } from './invoices.service';

/** The first version's client route, now real. */
@ApiTags('client-portal')
@Controller('api/client/invoices')
export class ClientInvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InvoiceView)
  @ApiOperation({
    summary: 'Your invoices (approved, paid and void), newest period first; staff see their scope',
    description:
      'Lists invoices without their lines, newest period first. A client sees its own ' +
      'approved, paid and void invoices, never drafts; unrestricted staff see all and a ' +
      "warehouse's staff none. Details and the PDF: GET /api/billing/invoices/{id} and " +
      '/{id}/pdf. Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(InvoiceSummaryOutDto)
  @ApiProblems(422)
  async list(@Query() query: PaginationQueryDto): Promise<Page<InvoiceSummaryOutDto>> {
    const page = await this.invoices.list(this.context.scope(), query);
    return { items: page.items.map(toInvoiceSummaryOut), total: page.total };
  }
}
