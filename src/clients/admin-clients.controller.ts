import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { ClientsService } from './clients.service';
import { ClientOutDto, ListClientsQueryDto, toClientOut, UpdateClientDto } from './dto/client.dto';

@ApiTags('admin-clients')
@Controller('api/admin/clients')
export class AdminClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @RequirePermissions(Permission.UserInviteClient)
  @ApiOperation({
    summary: 'List client profiles, filtered by company name',
    description:
      'Lists the clients by company name, with the language of their documents; company_name ' +
      'matches any part of the name, in any case. Paginated with skip and limit; the ' +
      'X-Total-Count header gives the total.',
  })
  @Paginated(ClientOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListClientsQueryDto): Promise<Page<ClientOutDto>> {
    const page = await this.clients.list(query);
    return { items: page.items.map(toClientOut), total: page.total };
  }

  @Patch(':id')
  @RequirePermissions(Permission.UserInviteClient)
  @ApiOperation({
    summary: "Change a client's name, billing address or document language",
    description:
      'Changes the fields sent and keeps the others. Names and addresses may be written in ' +
      'any script (Devanagari and Bengali print as such on documents); document_language (en, ' +
      'hi or bn) sets the language of the labels on its invoice, receipt and statement PDFs. ' +
      'Invoices already approved keep the name they were issued to. Audited as client.updated ' +
      'with what changed; an unknown client answers 404.',
  })
  @ApiOkResponse({ type: ClientOutDto })
  @ApiProblems(404, 422)
  async update(@UuidParam() id: string, @Body() body: UpdateClientDto): Promise<ClientOutDto> {
    return toClientOut(await this.clients.update(id, body));
  }
}
