import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GatewayKeyGuard } from './gateway-auth';
import { Gateway } from './gateway.entity';
import { GatewaysController } from './gateways.controller';
import { GatewaysService } from './gateways.service';

/** Gateways, their API keys, and the guard that lets their readings in. */
@Module({
  imports: [TypeOrmModule.forFeature([Gateway])],
  controllers: [GatewaysController],
  providers: [GatewaysService, GatewayKeyGuard],
  exports: [GatewaysService, GatewayKeyGuard],
})
export class GatewaysModule {}
