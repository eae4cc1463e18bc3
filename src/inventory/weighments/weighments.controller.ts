import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Idempotent } from 'src/common/idempotency/idempotent.decorator';
import { ApiProblems } from 'src/common/http/api-errors.decorator';
import { Paginated, PaginationQueryDto, type Page } from 'src/common/pagination/pagination';
import { UuidParam } from 'src/common/validation/uuid-param';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import {
  SampleWeighmentDto,
  toWeighmentOut,
  WeighmentOutDto,
} from 'src/inventory/weighments/dto/weighment.dto';
import { WeighmentsService } from './weighments.service';

@ApiTags('inventory')
@Controller('api/inventory/lots/:id')
export class WeighmentsController {
  constructor(
    private readonly weighments: WeighmentsService,
    private readonly context: PrincipalContext,
  ) {}

  @Post('sample-weighments')
  @Idempotent()
  @RequirePermissions(Permission.InventoryInwardCreate)
  @ApiOperation({
    summary: "Record a check-weighing of some of a lot's bags",
    description:
      'Records how much bags_weighed bags of the lot weighed together (a depositor commonly ' +
      'asks for 10%) and answers with the share of the lot weighed, the average kg per bag, the ' +
      "lot's recorded average (its kg on hand over its units on hand) and the deviation in " +
      'percent. More bags than the lot holds, a lot counted in kg, or a total of 0 or over ' +
      '200000 kg answer 422 and nothing is written; a lot outside your scope 404. No stock ' +
      'changes. Send an Idempotency-Key header to retry safely.',
  })
  @ApiCreatedResponse({ type: WeighmentOutDto })
  @ApiProblems(404, 422)
  async sample(
    @UuidParam() id: string,
    @Body() body: SampleWeighmentDto,
  ): Promise<WeighmentOutDto> {
    return toWeighmentOut(await this.weighments.sample(this.context.caller(), id, body));
  }

  @Get('weighments')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: "A lot's weighments, oldest first",
    description:
      "The lot's receipt ticket, the tickets of its dispatches (a dispatch of several lots " +
      'included) and its check-weighings. A lot outside your scope answers 404 as if absent; ' +
      'a client sees its own lots only. Paginated with skip and limit; the X-Total-Count ' +
      'header gives the total.',
  })
  @Paginated(WeighmentOutDto)
  @ApiProblems(404, 422)
  async list(
    @UuidParam() id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<WeighmentOutDto>> {
    const page = await this.weighments.listForLot(this.context.scope(), id, query);
    return { items: page.items.map(toWeighmentOut), total: page.total };
  }
}
