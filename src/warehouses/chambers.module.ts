import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Chamber } from './chamber.entity';
import { ChambersController } from './chambers.controller';
import { ChambersService } from './chambers.service';

/** Chambers of warehouses; exports ChambersService for the inventory routes. */
@Module({
  imports: [TypeOrmModule.forFeature([Chamber])],
  controllers: [ChambersController],
  providers: [ChambersService],
  exports: [ChambersService],
})
export class ChambersModule {}
