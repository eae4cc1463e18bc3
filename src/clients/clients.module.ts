import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientPortalController } from './client-portal.controller';
import { Client } from './client.entity';
import { ClientsService } from './clients.service';

@Module({
  imports: [TypeOrmModule.forFeature([Client])],
  controllers: [ClientPortalController],
  providers: [ClientsService],
  exports: [ClientsService],
})
export class ClientsModule {}
