import { Global, Module } from '@nestjs/common';
import { PrincipalService } from './principal.service';
import { RbacSeedService } from './rbac-seed.service';
import { RequestContext } from 'src/common/context/request-context.service';

@Global()
@Module({
  providers: [PrincipalService, RequestContext, RbacSeedService],
  exports: [PrincipalService, RequestContext, RbacSeedService],
})
export class RbacModule {}
