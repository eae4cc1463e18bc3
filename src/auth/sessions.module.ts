import { Module } from '@nestjs/common';
import { SessionsService } from './sessions.service';

/** Sessions on their own, so user administration can end them without importing auth. */
@Module({
  providers: [SessionsService],
  exports: [SessionsService],
})
export class SessionsModule {}
