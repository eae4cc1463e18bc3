import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForbiddenError } from 'src/common/errors/domain.errors';
import { Permission } from 'src/rbac/permission.enum';
import { PrincipalContext } from 'src/rbac/principal-context';
import { RequirePermissions } from 'src/rbac/require-permissions.decorator';
import { toWarehouseOut, WarehouseOutDto } from './dto/warehouse.dto';
import { WarehousesService } from './warehouses.service';

@ApiTags('operator-portal')
@Controller('api/operator')
export class OperatorPortalController {
  constructor(
    private readonly warehouses: WarehousesService,
    private readonly context: PrincipalContext,
  ) {}

  @Get('my-warehouse')
  @RequirePermissions(Permission.InventoryView)
  @ApiOperation({
    summary: 'The warehouse you are assigned to',
    description:
      "Returns the warehouse of your operator profile (the first version's operator route). " +
      'An account without an assigned warehouse, such as unrestricted staff or a client, ' +
      'answers 403.',
  })
  @ApiOkResponse({ type: WarehouseOutDto })
  async myWarehouse(): Promise<WarehouseOutDto> {
    const { warehouseId, scope } = this.context.caller();
    if (!warehouseId) throw new ForbiddenError('No warehouse is assigned to your account.');
    return toWarehouseOut(await this.warehouses.get(scope, warehouseId));
  }
}
