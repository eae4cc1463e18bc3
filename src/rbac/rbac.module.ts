import { Global, Module } from '@nestjs/common';
import { RequestContext } from 'src/common/context/request-context.service';
import { AdminAuditController } from './admin-audit.controller';
import { PrincipalContext } from './principal-context';
import { PrincipalService } from './principal.service';
import { RbacSeedService } from './rbac-seed.service';

@Global()
/** Callers, their permissions and context; and the admin's view of the audit trail. */
@Module({
  controllers: [AdminAuditController],
  providers: [PrincipalService, RequestContext, PrincipalContext, RbacSeedService],
  exports: [PrincipalService, RequestContext, PrincipalContext, RbacSeedService],
})
export class RbacModule {}
