import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminWarehousesController } from './admin-warehouses.controller';
import { OperatorPortalController } from './operator-portal.controller';
import { Warehouse } from './warehouse.entity';
import { WarehousesService } from './warehouses.service';

@Module({
  imports: [TypeOrmModule.forFeature([Warehouse])],
  controllers: [AdminWarehousesController, OperatorPortalController],
  providers: [WarehousesService],
  exports: [WarehousesService],
})
export class WarehousesModule {}
