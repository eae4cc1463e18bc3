import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommoditiesController } from './commodities.controller';
import { CommoditiesService } from './commodities.service';
import { Commodity } from './commodity.entity';

/** The global commodity catalogue; exports CommoditiesService for the inventory routes. */
@Module({
  imports: [TypeOrmModule.forFeature([Commodity])],
  controllers: [CommoditiesController],
  providers: [CommoditiesService],
  exports: [CommoditiesService],
})
export class CommoditiesModule {}
