import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrincipalContext } from 'src/rbac/principal-context';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  DispositionDto,
  ExcursionDetailOutDto,
  ExcursionOutDto,
  ListExcursionsQueryDto,
} from './dto/excursion.dto';
import { ExcursionsService } from './excursions.service';

@ApiTags('excursions')
@Controller('api/excursions')
export class ExcursionsController {
  constructor(
    private readonly excursions: ExcursionsService,
    private readonly context: PrincipalContext,
  ) {}

  @Get()
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'List temperature excursions, latest first',
    description:
      'Excursions of the warehouses in your scope, filtered by warehouse, chamber and ' +
      'open=true|false, with how many lots each held and how many still await a disposition. ' +
      'Paginated with skip and limit; the X-Total-Count header gives the total.',
  })
  @Paginated(ExcursionOutDto)
  @ApiProblems(422)
  async list(@Query() query: ListExcursionsQueryDto): Promise<Page<ExcursionOutDto>> {
    return this.excursions.list(this.context.scope(), query);
  }

  @Get(':id')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'One excursion with the lots it held and their dispositions',
    description: 'An excursion outside your scope answers 404.',
  })
  @ApiOkResponse({ type: ExcursionDetailOutDto })
  @ApiProblems(404, 422)
  async get(@UuidParam() id: string): Promise<ExcursionDetailOutDto> {
    return this.excursions.get(this.context.scope(), id);
  }

  @Post(':id/lots/:lot_id/disposition')
  @HttpCode(200)
  @RequirePermissions(Permission.InventoryAdjust)
  @ApiOperation({
    summary: 'Decide what happens to a lot the excursion held',
    description:
      'Once the excursion has closed (409 while it is open), each lot it held gets one final ' +
      'disposition with a note (409 for a second one). RELEASED puts the lot back IN_STOCK ' +
      'unless another undisposed excursion or another hold reason still holds it; QUARANTINED ' +
      'keeps it ON_HOLD with reason QUARANTINED; DESTROYED adjusts it to zero (reason WASTE) ' +
      'and it ends DEPLETED (409 if its stock history is closed). Audited. An excursion or lot ' +
      'outside your scope answers 404. Returns the excursion.',
  })
  @ApiOkResponse({ type: ExcursionDetailOutDto })
  @ApiProblems(404, 409, 422)
  async dispose(
    @UuidParam() id: string,
    @UuidParam('lot_id') lotId: string,
    @Body() body: DispositionDto,
  ): Promise<ExcursionDetailOutDto> {
    return this.excursions.dispose(this.context.caller(), id, lotId, body);
  }
}
