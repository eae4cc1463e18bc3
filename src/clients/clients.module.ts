import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminClientsController } from './admin-clients.controller';
import { ClientPortalController } from './client-portal.controller';
import { Client } from './client.entity';
import { ClientsService } from './clients.service';

@Module({
  imports: [TypeOrmModule.forFeature([Client])],
  controllers: [AdminClientsController, ClientPortalController],
  providers: [ClientsService],
  exports: [ClientsService],
})
export class ClientsModule {}
