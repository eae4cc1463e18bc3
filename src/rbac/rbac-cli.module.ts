import { Module } from '@nestjs/common';
import { RbacSeedService } from './rbac-seed.service';
import { SeedCommand } from './seed.command';

@Module({
  providers: [RbacSeedService, SeedCommand],
  exports: [RbacSeedService],
})
export class RbacCliModule {}
